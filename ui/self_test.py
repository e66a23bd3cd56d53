"""``main.py --self-test``: prove that this installation works, then exit.

Opens the main window on the throwaway clinic ``main.py`` made (offscreen unless a platform was chosen),
renders a document and reads its text back, switches the language once (our catalog and Qt's own
translations), and opens the About dialog's licence lists. Each step prints one line; the first failure
stops the run with exit code 1. The installer's test runs this inside the built bundle, where a missing
plugin, catalog, font, licence file or migration shows up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetrics

from app import __version__
from app.context import Context
from app.i18n import active_locale
from app.migrate import current_revision
from app.self_test import sample_document
from ui import qt_i18n
from ui.application import application, show_loaded
from ui.fonts import register_shipped_fonts
from ui.main_window import MainWindow

#: The language the run switches to: one whose Qt translation ships in the bundle, in a script of its own.
SWITCH_TO = "ko"
#: A Qt text and its Korean from qtbase_ko.qm: proves Qt's translations are found.
QT_SAMPLE = ("QPlatformTheme", "Cancel", "취소")


class SelfTestFailed(Exception):
    pass


def _check(condition: bool, failure: str) -> None:
    if not condition:
        raise SelfTestFailed(failure)


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    document = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            page.close()
        return len(document), "\n".join(texts)
    finally:
        document.close()


def _fonts_step(say: Callable[[str], None]) -> None:
    families = register_shipped_fonts()
    _check(bool(families), "the shipped CJK font could not be loaded")
    metrics = QFontMetrics(QFont(families[0]))
    _check(all(metrics.inFontUcs4(ord(character)) for character in "한王"), f"{families[0]} lacks Hangul or Han")
    say(f"fonts: {families[0]} available to the window for Hangul and Han")


def _window_step(ctx: Context, say: Callable[[str], None]) -> MainWindow:
    window = MainWindow(ctx, keep_locale=True, poll_changes=False, remember_layout=False)
    show_loaded(window)
    _check(window.isVisible() and window.is_loaded(), "the main window did not finish loading its panels")
    shown = [dock for dock in window.docks.values() if dock.isVisible()]
    _check(bool(shown), "the main window shows no panel")
    say(f"main window: {window.windowTitle()!r}, {len(shown)} panels loaded")
    return window


def _document_step(ctx: Context, say: Callable[[str], None]) -> None:
    document = sample_document(ctx, active_locale())
    _check(document.pdf.startswith(b"%PDF-"), f"the {document.name} is not a PDF")
    pages, text = _pdf_text(document.pdf)
    _check(pages >= 1, f"the {document.name} has no page")
    squeezed = "".join(text.split())  # lines wrap anywhere on a narrow receipt
    for expected in document.expected_texts:
        _check("".join(expected.split()) in squeezed, f"the {document.name} lacks {expected!r}")
    say(f"document: {document.name} PDF, {pages} page(s), {len(document.pdf)} bytes, text read back")


def _language_step(window: MainWindow, say: Callable[[str], None]) -> None:
    before_locale, before_title = active_locale(), window.file_menu.title()
    qt_i18n.switch_language(SWITCH_TO)
    after_title = window.file_menu.title()
    _check(active_locale() == SWITCH_TO, f"the language did not switch to {SWITCH_TO}")
    _check(after_title != before_title, f"the File menu stayed {before_title!r} after switching language")
    context, source, expected = QT_SAMPLE
    qt_text = QCoreApplication.translate(context, source)
    _check(qt_text == expected, f"Qt's own translation is missing: {source!r} -> {qt_text!r}")
    say(f"language: {before_locale} -> {SWITCH_TO}: menu {before_title!r} -> {after_title!r}, "
        f"Qt {source!r} -> {qt_text!r}")


def _about_step(ctx: Context, window: MainWindow, say: Callable[[str], None]) -> None:
    from ui.dialogs.about import AboutDialog

    dialog = AboutDialog(ctx, window)
    try:
        libraries, fonts = dialog.libraries.licences, dialog.fonts.licences
        _check(dialog.values["Version"].text() == __version__, "the About dialog shows another version")
        _check(any(licence.text for licence in libraries), "no library licence text is bundled")
        _check(bool(fonts), "no font licence is bundled")
        say(f"about: version {__version__}, schema {dialog.values['Schema revision'].text()}, "
            f"{len(libraries)} library licences, {len(fonts)} font licence files")
    finally:
        dialog.deleteLater()


def run_self_test(ctx: Context, out: TextIO) -> int:
    """Run every step on ``ctx`` (a throwaway clinic, signed in); 0 when all passed."""

    def say(line: str) -> None:
        print(f"self-test: {line}", file=out, flush=True)

    application()
    qt_i18n.switch_language("en")
    say(f"Clinic Desk {__version__}, database {ctx.db.describe()} at schema {current_revision(ctx.db)}")
    window: MainWindow | None = None
    try:
        _fonts_step(say)
        window = _window_step(ctx, say)
        _document_step(ctx, say)
        _language_step(window, say)
        _about_step(ctx, window, say)
    except SelfTestFailed as failure:
        say(f"FAILED: {failure}")
        return 1
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        qt_i18n.switch_language("en")
    say("passed")
    return 0
