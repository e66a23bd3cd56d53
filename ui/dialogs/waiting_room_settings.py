"""The clinic's waiting-room settings: when a wait turns the warning colour, and what the "now calling"
screen shows (ticket numbers or shortened names) in which language."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from app.context import Context
from app.i18n import LOCALES, _
from app.models.clinic import CallDisplay
from app.services import clinic
from app.services.clinic import WaitingRoomSettings
from ui.dialogs.common import language_combo, muted_label
from ui.dialogs.service_dialog import SAVE_CANCEL, ServiceDialog
from ui.widgets.enum_combo import EnumCombo


class WaitingRoomSettingsDialog(ServiceDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, SAVE_CANCEL)
        self.setObjectName("waiting_room_settings")
        self.setMinimumWidth(440)
        self._ctx = ctx
        profile = ctx.clinic()
        self.warning = QSpinBox(self)
        self.warning.setRange(1, 600)
        self.warning.setValue(profile.wait_warning_minutes)
        self.shows = EnumCombo(CallDisplay, profile.call_display, self)
        self.language = language_combo(self)
        self.language.setCurrentIndex(LOCALES.index(profile.display_locale))
        self.privacy_note = muted_label(self)
        self._captions = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for caption, field in zip(self._captions, (self.warning, self.shows, self.language), strict=True):
            caption.setBuddy(field)
            form.addRow(caption, field)
        form.addRow("", self.privacy_note)
        self.lay_out(form)
        self.retranslate()

    def submit(self) -> None:
        clinic.update_waiting_room(self._ctx, WaitingRoomSettings(
            self.warning.value(), self.shows.value(), self.language.currentData()))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Waiting room settings"))
        texts = (_("&Warn after waiting:"), _("The screen &shows:"), _("Screen &language:"))
        for caption, text in zip(self._captions, texts, strict=True):
            caption.setText(text)
        self.warning.setSuffix(_("{minutes} min").replace("{minutes}", ""))
        self.privacy_note.setText(_("The “now calling” screen never shows a patient's full name: a ticket number, "
                                    "or the name shortened (김*준, Иванов И., Smith J.)."))
        super().retranslate()
