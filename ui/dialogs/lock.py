"""The idle lock: the window is covered until the signed-in user's password is given again, or someone else
signs in instead.

While the lock is shown, an opaque curtain covers the main window and its floating panels are hidden, so
nobody at the desk reads patient data from behind the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import AuthenticationFailed, DomainError
from app.i18n import N_, _
from app.services import auth
from ui.dialogs.common import ErrorLabel, heading_label


class Curtain(QWidget):
    """An opaque sheet over a window's contents that follows the window's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class LockDialog(QDialog):
    """Unlock (Accepted) with the password, or Switch user (``SWITCH_USER``). Esc and the close button do
    nothing: a locked desk stays locked."""

    SWITCH_USER: int = 2

    def __init__(self, ctx: Context, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._curtain: Curtain | None = None
        self._hidden_windows: list[QWidget] = []
        self.setModal(True)
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        self.setMinimumWidth(420)

        self.title = heading_label(self)
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.textEdited.connect(lambda _text: self.error.clear_message())
        self._password_label = QLabel(self)
        self._password_label.setBuddy(self.password)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self._password_label, self.password)
        self.error = ErrorLabel(self)

        self.buttons = QDialogButtonBox(self)
        self.switch_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.switch_button.clicked.connect(lambda: self.done(self.SWITCH_USER))
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.password.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Locked — Clinic Desk"))
        self.title.setText(_("Locked"))
        name = self._ctx.actor.full_name if self._ctx.actor else ""
        self.who.setText(_("{name} is signed in. Enter the password to continue.").format(name=name))
        self._password_label.setText(_("&Password:"))
        self.switch_button.setText(_("S&witch user…"))
        self.unlock_button.setText(_("&Unlock"))
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def accept(self) -> None:
        """Unlock when the password is right.

        Checked through ``auth.sign_in`` as the same user (what ``auth.check_password`` does) so that the
        person is told when repeated failures made them wait, not just "wrong" for a right password.
        """
        actor = self._ctx.actor
        try:
            if actor is None:
                raise AuthenticationFailed(N_("The user name or password is wrong."))
            auth.sign_in(self._ctx, actor.username, self.password.text())
        except DomainError as error:
            self.error.show_error(error)
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()  # no password left in memory behind a closed dialog
        super().accept()

    def reject(self) -> None:
        """Esc does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous():  # the title bar's close button, Alt+F4
            event.ignore()
            return
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        window = self.parentWidget().window() if self.parentWidget() else None
        if window is not None and self._curtain is None:
            self._curtain = Curtain(window)
            self._hidden_windows = [
                w for w in window.findChildren(QWidget) if w.isWindow() and w.isVisible() and w is not self
            ]
            for w in self._hidden_windows:
                w.hide()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._curtain is not None:
            self._curtain.parentWidget().removeEventFilter(self._curtain)
            self._curtain.deleteLater()
            self._curtain = None
            for w in self._hidden_windows:
                w.show()
            self._hidden_windows = []
        super().hideEvent(event)
