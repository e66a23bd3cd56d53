"""One switch for the whole interface's language: our gettext catalogs, Qt's own strings, and Qt's locale.

Qt's standard buttons and dialogs (OK, Cancel, &Yes, < &Back...) are translated by Qt itself with the
``qtbase_<lang>.qm`` files that ship with PySide6. Qt ships none for Romanian, so :class:`CatalogTranslator`
answers those source texts from our own catalog (context ``qt``); it also stands behind the ``.qm`` files
for any text they lack. Installing or removing translators makes Qt send ``LanguageChange`` to every
widget, and each of our widgets re-reads its texts in ``changeEvent``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from app.i18n import DEFAULT_LOCALE, babel_locale, pgettext, set_locale


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def qt_locale(locale: str) -> QLocale:
    """The QLocale matching one of our locales (language and territory, as Babel formats them)."""
    parsed = babel_locale(locale)
    return QLocale(f"{parsed.language}_{parsed.territory}" if parsed.territory else parsed.language)


@cache
def _qt_texts(locale: str) -> dict[str, str]:
    """Qt's own source texts (standard buttons, wizard, message box, file and print dialog basics) as our
    catalog translates them for ``locale``. Each call is a literal ``pgettext("qt", ...)`` so that Babel
    extracts it into the catalogs.
    """
    texts = [
        # QPlatformTheme: standard buttons of QDialogButtonBox and QMessageBox
        ("OK", pgettext("qt", "OK", locale)),
        ("&OK", pgettext("qt", "&OK", locale)),
        ("Save", pgettext("qt", "Save", locale)),
        ("&Save", pgettext("qt", "&Save", locale)),
        ("Save All", pgettext("qt", "Save All", locale)),
        ("Open", pgettext("qt", "Open", locale)),
        ("&Open", pgettext("qt", "&Open", locale)),
        ("&Yes", pgettext("qt", "&Yes", locale)),
        ("Yes to &All", pgettext("qt", "Yes to &All", locale)),
        ("&No", pgettext("qt", "&No", locale)),
        ("N&o to All", pgettext("qt", "N&o to All", locale)),
        ("Abort", pgettext("qt", "Abort", locale)),
        ("Retry", pgettext("qt", "Retry", locale)),
        ("Ignore", pgettext("qt", "Ignore", locale)),
        ("Close", pgettext("qt", "Close", locale)),
        ("&Close", pgettext("qt", "&Close", locale)),
        ("Cancel", pgettext("qt", "Cancel", locale)),
        ("&Cancel", pgettext("qt", "&Cancel", locale)),
        ("Discard", pgettext("qt", "Discard", locale)),
        ("Help", pgettext("qt", "Help", locale)),
        ("&Help", pgettext("qt", "&Help", locale)),
        ("Apply", pgettext("qt", "Apply", locale)),
        ("Reset", pgettext("qt", "Reset", locale)),
        ("Restore Defaults", pgettext("qt", "Restore Defaults", locale)),
        # QWizard (classic, modern and mac styles)
        ("< &Back", pgettext("qt", "< &Back", locale)),
        ("&Back", pgettext("qt", "&Back", locale)),
        ("Back", pgettext("qt", "Back", locale)),
        ("Go Back", pgettext("qt", "Go Back", locale)),
        ("&Next >", pgettext("qt", "&Next >", locale)),
        ("&Next", pgettext("qt", "&Next", locale)),
        ("Next", pgettext("qt", "Next", locale)),
        ("Continue", pgettext("qt", "Continue", locale)),
        ("Commit", pgettext("qt", "Commit", locale)),
        ("&Finish", pgettext("qt", "&Finish", locale)),
        ("Done", pgettext("qt", "Done", locale)),
        # QMessageBox
        ("Show Details...", pgettext("qt", "Show Details...", locale)),
        ("Hide Details...", pgettext("qt", "Hide Details...", locale)),
        # QFileDialog basics
        ("Save As", pgettext("qt", "Save As", locale)),
        ("&Choose", pgettext("qt", "&Choose", locale)),
        ("Look in:", pgettext("qt", "Look in:", locale)),
        ("File &name:", pgettext("qt", "File &name:", locale)),
        ("Files of type:", pgettext("qt", "Files of type:", locale)),
        ("Directory:", pgettext("qt", "Directory:", locale)),
        ("Directories", pgettext("qt", "Directories", locale)),
        ("All Files (*)", pgettext("qt", "All Files (*)", locale)),
        ("Parent Directory", pgettext("qt", "Parent Directory", locale)),
        ("Create New Folder", pgettext("qt", "Create New Folder", locale)),
        ("New Folder", pgettext("qt", "New Folder", locale)),
        ("List View", pgettext("qt", "List View", locale)),
        ("Detail View", pgettext("qt", "Detail View", locale)),
        ("Name", pgettext("qt", "Name", locale)),
        ("Size", pgettext("qt", "Size", locale)),
        ("Type", pgettext("qt", "Type", locale)),
        ("Date Modified", pgettext("qt", "Date Modified", locale)),
        # QPrintDialog basics
        ("Print", pgettext("qt", "Print", locale)),
        ("&Print", pgettext("qt", "&Print", locale)),
        ("Printer", pgettext("qt", "Printer", locale)),
        ("Print range", pgettext("qt", "Print range", locale)),
        ("Copies", pgettext("qt", "Copies", locale)),
        ("&Options >>", pgettext("qt", "&Options >>", locale)),
        ("&Options <<", pgettext("qt", "&Options <<", locale)),
        # Text fields' context menu (QLineEdit, QWidgetTextControl, QAbstractSpinBox)
        ("&Undo", pgettext("qt", "&Undo", locale)),
        ("&Redo", pgettext("qt", "&Redo", locale)),
        ("Cu&t", pgettext("qt", "Cu&t", locale)),
        ("&Copy", pgettext("qt", "&Copy", locale)),
        ("&Paste", pgettext("qt", "&Paste", locale)),
        ("Delete", pgettext("qt", "Delete", locale)),
        ("Select All", pgettext("qt", "Select All", locale)),
        ("&Select All", pgettext("qt", "&Select All", locale)),
        ("&Step up", pgettext("qt", "&Step up", locale)),
        ("Step &down", pgettext("qt", "Step &down", locale)),
    ]
    return {source: translated for source, translated in texts if translated != source}


class CatalogTranslator(QTranslator):
    """Answers Qt's own source texts from our gettext catalog for one locale.

    Returning None (a null QString) tells Qt to ask the next translator or keep the source text; an empty
    string would blank the text instead.
    """

    def __init__(self, locale: str) -> None:
        super().__init__()
        self._texts = _qt_texts(locale)

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return self._texts.get(source_text)

    def isEmpty(self) -> bool:
        # Qt sends no LanguageChange for an "empty" translator; ours has no .qm file but is not empty.
        return False

    def language(self) -> str:
        return "catalog"


#: The translators this module installed, so that the next switch removes exactly them.
_installed: list[QTranslator] = []


def _load_qtbase(locale: str) -> QTranslator | None:
    translator = QTranslator()
    for name in (f"qtbase_{locale}", f"qtbase_{locale.split('_')[0]}"):
        if translator.load(name, str(qt_translations_dir())):
            return translator
    return None


def _translators_for(locale: str) -> list[QTranslator]:
    """In installation order: Qt searches the most recently installed first, so ``qtbase`` leads and our
    catalog fills in (for Romanian, the catalog is all there is)."""
    if locale == DEFAULT_LOCALE:
        return []
    translators: list[QTranslator] = [CatalogTranslator(locale)]
    qtbase = _load_qtbase(locale)
    if qtbase is not None:
        translators.append(qtbase)
    return translators


def switch_language(locale: str) -> None:
    """Switch the whole interface to ``locale`` now: catalogs, Qt's translators, Qt's default locale.

    Returns after every open widget has handled its ``LanguageChange``: Qt posts that event to each top-level
    window, and this function delivers the posted events at once so that callers (a menu, a test, the
    benchmark) see the new texts when it returns.
    """
    set_locale(locale)
    QLocale.setDefault(qt_locale(locale))
    global _installed
    application = QCoreApplication.instance()
    if application is None:
        return
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed = _translators_for(locale)
    for translator in _installed:
        QCoreApplication.installTranslator(translator)
    # Switching between two locales without Qt translators (or to the same one) changes no translator, yet
    # our own texts changed: tell every widget anyway. Qt compresses repeated LanguageChange events.
    QCoreApplication.sendEvent(application, QEvent(QEvent.Type.LanguageChange))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def installed_qt_translators() -> list[QTranslator]:
    """What the last switch installed, most recently installed last."""
    return list(_installed)
