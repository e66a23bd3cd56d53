"""Small pieces the dialogs share: the inline error line, muted notes, headings and the language choice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QWidget

from app.errors import DomainError
from app.i18n import LOCALES, active_locale, language_name

ERROR_STYLE = "color: #b3261e;"


class ErrorLabel(QLabel):
    """A red, word-wrapped line under the fields; hidden while there is nothing to say.

    It keeps the message as a function (a refusal through ``show_error``, or a lambda around ``_()``) so that a
    language switch shows the same message in the new language.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error")
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._message: Callable[[], str] | None = None
        self.hide()

    def show_message(self, message: Callable[[], str] | None) -> None:
        self._message = message
        self.retranslate()

    def show_error(self, error: DomainError) -> None:
        """The service's refusal, kept (without its traceback) so a language switch translates it anew."""
        self.show_message(error.detached().message)

    def clear_message(self) -> None:
        self.show_message(None)

    def retranslate(self) -> None:
        self.setText(self._message() if self._message else "")
        self.setVisible(self._message is not None)


def muted_label(parent: QWidget | None = None) -> QLabel:
    """A small, grey, word-wrapped note (hints, where the data lives)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


def heading_label(parent: QWidget | None = None, scale: float = 1.5) -> QLabel:
    label = QLabel(parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def language_combo(parent: QWidget | None = None) -> QComboBox:
    """The five languages by their own names (한국어, Русский...), the active one selected."""
    combo = QComboBox(parent)
    for code in LOCALES:
        combo.addItem(language_name(code), code)
    combo.setCurrentIndex(LOCALES.index(active_locale()))
    return combo


def switch_language(locale: str) -> None:
    """Switch the whole interface to ``locale``: every open widget then re-reads its texts on LanguageChange.

    ``ui.qt_i18n`` is imported here, not at the top, because it belongs to the main window's start-up.
    """
    from ui import qt_i18n

    qt_i18n.switch_language(locale)
