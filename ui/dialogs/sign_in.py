"""The sign-in dialog: user name, password and language; the service decides, the dialog only shows why not."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
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
from app.errors import DomainError
from app.i18n import _
from app.services import auth
from ui.dialogs.common import ErrorLabel, heading_label, language_combo, muted_label, switch_language


class SignInDialog(QDialog):
    """``exec() == Accepted`` means ``ctx.actor`` is the user who signed in."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, hint: str | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._hint = hint
        self.setMinimumWidth(420)

        self.clinic_name = heading_label(self)
        self.clinic_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clinic_name.setText(ctx.clinic().short_name)
        self.clinic_name.setToolTip(ctx.clinic().legal_name)

        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = language_combo(self)
        self.language.currentIndexChanged.connect(self._language_chosen)

        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._username_label = QLabel(self)
        self._password_label = QLabel(self)
        self._language_label = QLabel(self)
        self._form.addRow(self._username_label, self.username)
        self._form.addRow(self._password_label, self.password)
        self._form.addRow(self._language_label, self.language)

        self.error = ErrorLabel(self)
        self.hint = muted_label(self)
        self.hint.setText(hint or "")
        self.hint.setVisible(bool(hint))

        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.clinic_name)
        layout.addLayout(self._form)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.retranslate()
        self.username.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Sign in — Clinic Desk"))
        self._username_label.setText(_("&User name:"))
        self._username_label.setBuddy(self.username)
        self._password_label.setText(_("&Password:"))
        self._password_label.setBuddy(self.password)
        self._language_label.setText(_("&Language:"))
        self._language_label.setBuddy(self.language)
        self.sign_in_button.setText(_("Sign in"))
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _language_chosen(self, index: int) -> None:
        switch_language(self.language.itemData(index))

    def accept(self) -> None:
        """Sign in through the service; on a DomainError say why, clear the password and stay open."""
        try:
            auth.sign_in(self._ctx, self.username.text(), self.password.text())
        except DomainError as error:
            self.error.show_error(error)
            self.password.clear()
            self.password.setFocus()
            return
        self.password.clear()  # no password left in memory behind a closed dialog
        super().accept()
