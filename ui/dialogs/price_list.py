"""The price list: every service with its code, names in the clinic's languages, category, price, tax and
duration; an administrator adds or changes them here. Issued invoices keep the prices they were issued at."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.i18n import LOCALES, N_, _, active_locale, format_decimal, language_name
from app.services import price_list
from app.services.permissions import Permission, can
from app.services.price_list import ServiceInput, ServiceView
from ui.dialogs.common import ErrorLabel
from ui.docks.cells import minutes, money
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.money_edit import MoneyEdit, parse_amount
from ui.widgets.table_panel import TablePanel


class PriceListDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("price_list")
        self.setMinimumSize(860, 560)
        self._ctx = ctx
        self._editing: int | None = None
        self.model: RowTableModel[ServiceView] = RowTableModel(self._columns(), key=lambda s: s.id, parent=self)
        self.table = TablePanel(self.model, lambda: _("The price list is empty."), parent=self)
        self.table.view.selectionModel().currentRowChanged.connect(lambda *_: self._row_chosen())

        self.code = QLineEdit(self)
        self.code.setObjectName("service_code")
        self.names = {locale: QLineEdit(self) for locale in LOCALES}
        self.category = QComboBox(self)
        self.price = MoneyEdit(ctx.clinic().currency, self)
        self.price.setObjectName("service_price")
        self.tax = QLineEdit(self)
        self.duration = QSpinBox(self)
        self.duration.setRange(1, price_list.MAX_DURATION_MINUTES)
        self.duration.setValue(15)
        self.active = QCheckBox(self)
        self.active.setChecked(True)
        form = QFormLayout()
        self._captions: list[QLabel] = []
        for field in (self.code, *self.names.values(), self.category, self.price, self.tax, self.duration,
                      self.active):
            caption = QLabel(self)
            caption.setBuddy(field)
            form.addRow(caption, field)
            self._captions.append(caption)
        self.error = ErrorLabel(self)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_service)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_service")
        self.save_button.clicked.connect(self.save)
        editable = can(ctx.actor, Permission.MANAGE_PRICES)
        self.save_button.setEnabled(editable)
        self.new_button.setEnabled(editable)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addWidget(self.error)
        side.addLayout(actions)
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.table, 3)
        columns.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.load()

    def _columns(self) -> list[Column[ServiceView]]:
        ctx = self._ctx
        return [
            Column(N_("Code"), lambda s: s.code),
            Column(N_("Name"), lambda s: s.name),
            Column(N_("Category"), lambda s: s.category),
            Column(N_("Price"), lambda s: money(ctx, s.price), lambda s: float(s.price), align=RIGHT),
            Column(N_("Tax rate"), lambda s: f"{format_decimal(s.tax_rate.normalize())} %", align=RIGHT),
            Column(N_("Duration"), lambda s: minutes(s.duration_minutes), lambda s: s.duration_minutes,
                   align=RIGHT),
            Column(N_("Active"), lambda s: _("yes") if s.active else _("no")),
        ]

    def load(self) -> None:
        self.model.set_rows(price_list.services(self._ctx, active_locale(), include_inactive=True))
        self.table.mark_loaded()
        self.category.clear()
        self.category.addItem("—", None)
        for category in price_list.categories(self._ctx):
            self.category.addItem(category.name, category.id)

    def _row_chosen(self) -> None:
        index = self.table.view.currentIndex()
        if not index.isValid():
            return
        service = self.model.row(self.table.proxy.mapToSource(index))
        self._editing = service.id
        self.code.setText(service.code)
        for locale, edit in self.names.items():
            edit.setText(service.names.get(locale, ""))
        self.category.setCurrentIndex(max(0, self.category.findData(service.category_id)))
        self.price.set_value(service.price)
        self.tax.setText(format_decimal(service.tax_rate.normalize()))
        self.duration.setValue(service.duration_minutes)
        self.active.setChecked(service.active)
        self.error.clear_message()

    def new_service(self) -> None:
        self._editing = None
        self.table.view.clearSelection()
        for edit in (self.code, self.tax, *self.names.values()):
            edit.clear()
        self.price.set_value(None)
        self.duration.setValue(15)
        self.active.setChecked(True)
        self.code.setFocus()

    def _input(self) -> ServiceInput:
        price = self.price.value()
        if price is None:
            raise InvalidInput(N_("{field} is not an amount."), field=N_("Price"))
        tax = parse_amount(self.tax.text(), 2) if self.tax.text().strip() else Decimal(0)
        if tax is None:
            raise InvalidInput(N_("{field} must be a percentage between 0 and 100."), field=N_("Tax rate"))
        return ServiceInput(code=self.code.text(), names={k: e.text() for k, e in self.names.items()}, price=price,
                            category_id=self.category.currentData(), tax_rate=tax,
                            duration_minutes=self.duration.value(), active=self.active.isChecked())

    def save(self) -> ServiceView | None:
        try:
            saved = price_list.save_service(self._ctx, self._input(), self._editing)
        except DomainError as error:
            self.error.show_error(error)
            return None
        self.error.clear_message()
        self._editing = saved.id
        self.load()
        return saved

    def retranslate(self) -> None:
        self.setWindowTitle(_("Price list"))
        texts = [_("&Code:"), *(_("Name ({language}):").format(language=language_name(code)) for code in LOCALES),
                 _("Category:"), _("&Price:"), _("&Tax rate (%):"), _("&Duration (minutes):"), _("Active")]
        for caption, text in zip(self._captions, texts, strict=True):
            caption.setText(text)
        self.new_button.setText(_("New service"))
        self.save_button.setText(_("Save"))
        self.error.retranslate()
        self.table.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
