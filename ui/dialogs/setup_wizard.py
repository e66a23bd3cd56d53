"""The first-start wizard: language, the clinic's profile, the first administrator, and a summary.

Finish calls ``clinic.set_up`` once and then signs the administrator in; ``exec() == Accepted`` means the
clinic exists and ``ctx.actor`` is its administrator.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.context import Context
from app.errors import DomainError
from app.i18n import _, language_name, ngettext
from app.services import auth, clinic
from ui.dialogs.common import ErrorLabel, language_combo, muted_label, switch_language
from ui.dialogs.setup_pages import AdminPage, ClinicPage


class WelcomePage(QWizardPage):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.language = language_combo(self)
        self.language.currentIndexChanged.connect(
            lambda index: switch_language(self.language.itemData(index)))
        self._language_label = QLabel(self)
        self._language_label.setBuddy(self.language)
        self.language.setMinimumWidth(240)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self._language_label, self.language)
        self.database = muted_label(self)
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.database)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Welcome to Clinic Desk"))
        self.setSubTitle(_("This database holds no clinic yet. A few questions set it up."))
        self.intro.setText(_(
            "You will enter the clinic's details and create the first administrator, who then adds the "
            "other staff. Everything can be changed later in the settings."))
        self._language_label.setText(_("{label}:").format(label=_("Language")))
        self.database.setText(_(
            "The clinic's data will be kept in {location}. Several workstations sharing one clinic need a "
            "PostgreSQL server: start Clinic Desk with its address before the setup.").format(
                location=self._ctx.db.describe()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class SummaryPage(QWizardPage):
    """Everything entered, once more; Finish creates the clinic and signs the administrator in."""

    def __init__(self, ctx: Context, clinic_page: ClinicPage, admin_page: AdminPage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._clinic_page = clinic_page
        self._admin_page = admin_page
        self._set_up_done = False
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def _rows(self) -> list[tuple[str, str]]:
        details = self._clinic_page.details()
        admin = self._admin_page
        return [
            (_("Legal name"), details.legal_name.strip()),
            (_("Short name"), details.short_name.strip()),
            (_("Address"), details.address.strip()),
            (_("Tax or registration number"), details.tax_id.strip()),
            (_("Phone"), details.phone.strip()),
            (_("E-mail"), details.email.strip()),
            (_("Currency"), self._clinic_page.currency.currentText()),
            (_("Default language"), language_name(details.default_locale)),
            (_("Time zone"), details.time_zone),
            (_("Slot size"), ngettext("{minutes} minute", "{minutes} minutes", details.slot_minutes).format(
                minutes=details.slot_minutes)),
            (_("Administrator"), f"{admin.full_name.text().strip()} ({admin.username.text().strip()})"),
        ]

    def initializePage(self) -> None:
        self.error.clear_message()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Ready to set up"))
        self.setSubTitle(_("Check the details. You can go back to change them."))
        self.note.setText(_("Finish creates the clinic and signs you in as its administrator."))
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in self._rows():
            shown = QLabel(value or "—", self)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(_("{label}:").format(label=label), self)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # beside a first line
            self.form.addRow(caption, shown)
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def validatePage(self) -> bool:
        """Set the clinic up (once) and sign in; a DomainError is shown here and the wizard stays open."""
        admin = self._admin_page
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if not self._set_up_done:
                clinic.set_up(self._ctx, self._clinic_page.details(), admin.username.text(),
                              admin.full_name.text(), admin.password.text())
                self._set_up_done = True
            auth.sign_in(self._ctx, admin.username.text(), admin.password.text())
        except DomainError as error:
            self.error.show_error(error)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        return True


class SetupWizard(QWizard):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if self.wizardStyle() == QWizard.WizardStyle.ClassicStyle:
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setMinimumSize(680, 560)
        self.welcome_page = WelcomePage(ctx, self)
        self.clinic_page = ClinicPage(ctx, self)
        self.admin_page = AdminPage(self)
        self.summary_page = SummaryPage(ctx, self.clinic_page, self.admin_page, self)
        for page in (self.welcome_page, self.clinic_page, self.admin_page, self.summary_page):
            self.addPage(page)
        self.retranslate()

    def retranslate(self) -> None:
        """The window title, and the buttons in the new language: Qt translates their texts but shows the
        new ones only after a page change or a change of style, so the style is changed and put back."""
        self.setWindowTitle(_("Set up Clinic Desk"))
        style = self.wizardStyle()
        classic = QWizard.WizardStyle.ClassicStyle
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle if style == classic else classic)
        self.setWizardStyle(style)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
