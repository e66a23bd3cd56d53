"""Which paper the desk's printer takes and which language receipts are printed in, chosen once per workstation.

A desk has one receipt printer (an 80 mm thermal roll, or an office printer with A5/A4), so the choice
belongs to the workstation, not to the user: it is kept with QSettings in an INI file beside the
workstation's own settings (``app.settings.config_dir``, which the tests and the demo move elsewhere).
The language is the patient's preferred one by default, or the interface's, or any of the clinic's five.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.documents.receipt import Paper
from app.i18n import LOCALES, N_, _, active_locale, language_name
from app.settings import config_dir

SETTINGS_FILE = "printing.ini"
PAPERS: dict[Paper, str] = {"roll80": N_("80 mm roll"), "a5": N_("A5 sheet"), "a4": N_("A4 sheet")}
#: Print in the patient's preferred language, or in the interface's; otherwise a locale code.
PATIENT, INTERFACE = "patient", "interface"


@dataclass(frozen=True)
class PrintChoice:
    paper: Paper = "roll80"
    language: str = PATIENT

    def locale(self) -> str | None:
        """The locale to print in; None leaves it to the document (the patient's preferred language)."""
        if self.language == PATIENT:
            return None
        return active_locale() if self.language == INTERFACE else self.language

    def report_locale(self) -> str:
        """A report has no patient: the patient's language falls back to the interface's."""
        return self.locale() or active_locale()


def _settings() -> QSettings:
    return QSettings(str(config_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


def load_choice() -> PrintChoice:
    """This workstation's choice; anything unknown in the file (edited by hand, an older version) is ignored."""
    settings = _settings()
    paper = str(settings.value("receipts/paper", "roll80"))
    language = str(settings.value("receipts/language", PATIENT))
    return PrintChoice(paper=cast(Paper, paper) if paper in PAPERS else "roll80",
                       language=language if language in (PATIENT, INTERFACE, *LOCALES) else PATIENT)


def save_choice(choice: PrintChoice) -> None:
    settings = _settings()
    settings.setValue("receipts/paper", choice.paper)
    settings.setValue("receipts/language", choice.language)
    settings.sync()


class PrintChoiceButton(QToolButton):
    """A compact button ("80 mm roll · patient's language") whose menu sets the paper and the language."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("print_choice")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._choice = load_choice()
        menu = QMenu(self)
        self.paper_menu = menu.addMenu("")
        self.paper_actions = self._group(self.paper_menu, list(PAPERS), self._choice.paper, self._paper_chosen)
        self.language_menu = menu.addMenu("")
        self.language_actions = self._group(self.language_menu, [PATIENT, INTERFACE, *LOCALES],
                                            self._choice.language, self._language_chosen)
        self.setMenu(menu)
        self.retranslate()

    def _group(self, menu: QMenu, values: list[str], current: str,
               chosen: Callable[[QAction], None]) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions: dict[str, QAction] = {}
        for value in values:
            action = menu.addAction("")
            action.setCheckable(True)
            action.setChecked(value == current)
            action.setData(value)
            group.addAction(action)
            actions[value] = action
        group.triggered.connect(chosen)
        return actions

    def choice(self) -> PrintChoice:
        return self._choice

    def choose(self, choice: PrintChoice) -> None:
        """Take ``choice`` (what picking both menu entries does) and remember it for this workstation."""
        self._choice = choice
        self.paper_actions[choice.paper].setChecked(True)
        self.language_actions[choice.language].setChecked(True)
        save_choice(choice)
        self.retranslate()
        self.changed.emit()

    def _paper_chosen(self, action: QAction) -> None:
        self.choose(PrintChoice(paper=cast(Paper, action.data()), language=self._choice.language))

    def _language_chosen(self, action: QAction) -> None:
        self.choose(PrintChoice(paper=self._choice.paper, language=str(action.data())))

    def retranslate(self) -> None:
        self.paper_menu.setTitle(_("Paper"))
        self.language_menu.setTitle(_("Language of receipts"))
        for paper, action in self.paper_actions.items():
            action.setText(_(PAPERS[paper]))
        for language, action in self.language_actions.items():
            action.setText(_language_text(language))
        self.setText(_("{paper} · {language}").format(paper=_(PAPERS[self._choice.paper]),
                                                     language=_language_text(self._choice.language)))
        self.setToolTip(_("Paper and language of the receipts printed at this workstation"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


def _language_text(language: str) -> str:
    if language == PATIENT:
        return _("Patient's language")
    if language == INTERFACE:
        return _("Interface language")
    return language_name(language)

