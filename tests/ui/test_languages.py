"""The Language menu switches the whole window at once: menus, docks, status bar, open dialogs, and Qt's own
buttons; and a screenshot of the window with data is saved in each language.

Expected texts come from the catalogs (``gettext(msgid, locale)``), so the tests stay right once the
translations are filled in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QTabBar

from app.i18n import LOCALES, NP_, active_locale, gettext, language_name, pgettext, translate
from tests.ui import clinic_data
from tests.ui.conftest import OpenWindow
from ui import qt_i18n
from ui.application import SCREENSHOT_SIZE, settle
from ui.dialogs.sign_in import SignInDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
#: Locales for which Qt ships its own translation of its buttons.
QT_TRANSLATED = ("ko", "ru", "zh_CN")
DOCK_TITLES = {
    "schedule_dock": "Schedule", "waiting_dock": "Waiting room", "cashier_dock": NP_("panel", "Cashier"),
    "certificates_dock": "Certificates", "complaints_dock": "Complaints", "calls_dock": "Calls & tasks",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_language_menu_switches_the_whole_window(qtbot, open_window: OpenWindow, locale: str):
    window = open_window()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    sign_in = SignInDialog(window._ctx, window)
    sign_in.show()
    start = "ko" if locale == "en" else "en"
    qt_i18n.switch_language(start)

    window.language_actions[locale].trigger()

    assert active_locale() == locale
    assert window.file_menu.title() == gettext("&File", locale)
    assert window.view_menu.title() == gettext("&View", locale)
    assert window.print_action.text() == gettext("&Print daily list…", locale)
    for name, msgid in DOCK_TITLES.items():
        title = translate(msgid, locale).replace("&", "&&")
        assert window.docks[name].windowTitle() == title
        assert window.docks[name].toggleViewAction().text() == title
    tabs = {bar.tabText(i) for bar in window.findChildren(QTabBar) for i in range(bar.count())}
    assert gettext("Certificates", locale) in tabs
    assert window.language_label.text() == language_name(locale)
    assert window.language_actions[locale].isChecked()
    assert sign_in.windowTitle() == gettext("Sign in — Clinic Desk", locale)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    if locale in QT_TRANSLATED:
        assert cancel != "Cancel", "Qt's own translation was not installed"
    else:
        assert cancel == pgettext("qt", "Cancel", locale)
    sign_in.close()


def test_romanian_buttons_come_from_our_catalog(qapp):
    installed: dict[str, list[str]] = {}
    for locale in LOCALES:
        qt_i18n.switch_language(locale)
        installed[locale] = [type(t).__name__ for t in qt_i18n.installed_qt_translators()]
    assert installed["en"] == []
    assert installed["ro"] == ["CatalogTranslator"]  # Qt ships no qtbase_ro.qm
    for locale in QT_TRANSLATED:
        assert installed[locale] == ["CatalogTranslator", "QTranslator"]  # Qt's file first, ours behind


def test_the_chosen_language_is_remembered_for_the_user(open_window: OpenWindow):
    window = open_window()
    window.language_actions["ru"].trigger()
    window.close()
    qt_i18n.switch_language("en")
    open_window()
    assert active_locale() == "ru"


def test_a_language_given_at_start_wins_over_the_saved_one(open_window: OpenWindow):
    window = open_window()
    window.language_actions["ru"].trigger()
    window.close()
    qt_i18n.switch_language("ko")
    open_window(keep_locale=True)
    assert active_locale() == "ko"


def test_screenshots_in_every_language(qtbot, open_window: OpenWindow, artifacts_dir: Path,
                                       clinic_day: clinic_data.ClinicDay):
    window = open_window()
    window.resize(SCREENSHOT_SIZE)
    folder = artifacts_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    for locale in LOCALES:
        window.language_actions[locale].trigger()
        settle(150)
        empty = [name for name, dock in window.docks.items() if dock.is_on_screen()
                 and any(panel.model.rowCount() == 0 for panel in dock.panels() if panel.isVisible())]
        assert not empty
        target = folder / f"main-{locale}.png"
        assert window.grab().save(str(target))
        assert target.stat().st_size > 20_000
