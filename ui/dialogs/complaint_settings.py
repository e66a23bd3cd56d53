"""The clinic's complaint settings, for the administrator: categories (names in each language, keywords,
days to resolve, retired ones), urgency keywords, deadline rules, who may see complaints, and departments.

Each page is a table of what is set (a read-only view over a ``RowTableModel``) beside a form: choosing a row
loads it into the form, Save sends it to the service, which validates it; a refusal shows under the form and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QShowEvent
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import LOCALES, N_, _, format_integer, language_name
from app.labels import label
from app.models.complaints import Urgency
from app.models.staff import Role
from app.services import complaint_rules, staff
from app.services.complaint_rules import (
    MAX_ACKNOWLEDGE_HOURS,
    MAX_DEADLINE_DAYS,
    CategoryView,
    DeadlineRuleView,
    category_name,
)
from app.services.complaint_suggestion import DEFAULT_URGENCY_KEYWORDS
from app.services.permissions import ROLE_PERMISSIONS, Permission
from app.services.staff import DepartmentView
from ui.dialogs.common import ErrorLabel, muted_label
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.table_panel import TablePanel

R = TypeVar("R")
#: Keywords are typed on one line per language, separated by commas (Chinese and Japanese commas too).
_SEPARATORS = (",", "，", "、", ";")


def parse_keywords(text: str) -> list[str]:
    for separator in _SEPARATORS[1:]:
        text = text.replace(separator, ",")
    return [word.strip() for word in text.split(",") if word.strip()]


def _keywords_text(words: tuple[str, ...]) -> str:
    return ", ".join(words)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _spin(high: int, parent: QWidget) -> QSpinBox:
    """0 can be typed (and is refused by the service with a message); the upper limit is the service's."""
    spin = QSpinBox(parent)
    spin.setRange(0, high)
    return spin


def apply_change(error: ErrorLabel, change: Callable[[], object], reload: Callable[[], None]) -> None:
    """Make one settings change through its service: a refusal stays on the page (the service wrote nothing),
    success clears it and reloads the page from the database."""
    try:
        change()
    except DomainError as refusal:
        error.show_error(refusal)
        return
    error.clear_message()
    reload()


class SettingsPage(QWidget, Generic[R]):
    """A table of the rows set so far beside the form that edits one of them."""

    def __init__(self, ctx: Context, columns: list[Column[R]], empty: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model: RowTableModel[R] = RowTableModel(columns, parent=self)
        self.table = TablePanel(self.model, empty, parent=self)
        self.table.view.selectionModel().currentRowChanged.connect(lambda *_: self._row_chosen())
        self.form = QFormLayout()
        self._captions: list[tuple[QLabel, str]] = []
        self.error = ErrorLabel(self)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_row)
        self.new_button.setAutoDefault(False)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.actions = QHBoxLayout()
        self.actions.addWidget(self.new_button)
        self.actions.addStretch(1)
        self.actions.addWidget(self.save_button)
        side = QVBoxLayout()
        side.addLayout(self.form)
        side.addWidget(self.error)
        side.addLayout(self.actions)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(side, 2)

    def showEvent(self, event: QShowEvent) -> None:
        """Enter in a field saves this page's form (not "New", which would clear it)."""
        super().showEvent(event)
        self.save_button.setDefault(True)

    def add_field(self, caption: str, field: QWidget) -> None:
        """``caption`` is an ``N_()`` msgid, or a language's own name (not translated)."""
        label_widget = QLabel(self)
        label_widget.setBuddy(field)
        self._captions.append((label_widget, caption))
        self.form.addRow(label_widget, field)

    def chosen(self) -> R | None:
        index = self.table.view.currentIndex()
        return self.model.row(self.table.proxy.mapToSource(index)) if index.isValid() else None

    def _row_chosen(self) -> None:
        row = self.chosen()
        if row is not None:
            self.error.clear_message()
            self.show_row(row)

    def save(self) -> None:
        apply_change(self.error, self.write, self.reload)

    def new_row(self) -> None:
        self.table.view.clearSelection()
        self.table.view.setCurrentIndex(QModelIndex())
        self.error.clear_message()
        self.clear_form()

    def reload(self) -> None:
        self.model.set_rows(self.rows())
        self.table.mark_loaded()

    def retranslate(self) -> None:
        for caption, text in self._captions:
            caption.setText(_(text) if text not in _LANGUAGE_CAPTIONS else text)
        self.new_button.setText(_("New"))
        self.save_button.setText(_("Save"))
        self.table.retranslate()
        self.error.retranslate()

    # -- what each page fills in ----------------------------------------------------------------------------

    def rows(self) -> list[R]:
        raise NotImplementedError

    def show_row(self, row: R) -> None:
        raise NotImplementedError

    def clear_form(self) -> None:
        raise NotImplementedError

    def write(self) -> Any:
        raise NotImplementedError


#: Captions that are a language's own name ("한국어"), shown as they are in every interface language.
_LANGUAGE_CAPTIONS = {language_name(code) for code in LOCALES}


def _per_language(page: SettingsPage[Any], caption: str | None = None) -> dict[str, QLineEdit]:
    edits = {code: QLineEdit(page) for code in LOCALES}
    for code, edit in edits.items():
        page.add_field(language_name(code) if caption is None else caption, edit)
    return edits


class CategoriesPage(SettingsPage[CategoryView]):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column(N_("Code"), lambda c: c.code),
            Column(N_("Name"), lambda c: category_name(c.base_name, c.names)),
            Column(N_("Days to resolve"), lambda c: format_integer(c.resolve_days), lambda c: c.resolve_days, RIGHT),
            Column(N_("Keywords"), lambda c: format_integer(sum(len(w) for w in c.keywords.values())),
                   lambda c: sum(len(w) for w in c.keywords.values()), RIGHT,
                   tooltip=lambda c: "\n".join(f"{language_name(k)}: {_keywords_text(v)}"
                                               for k, v in c.keywords.items())),
            Column(N_("Active"), lambda c: _yes_no(c.active)),
        ], lambda: _("No complaint categories yet."), parent)
        self.code = QLineEdit(self)
        self.code.setObjectName("category_code")
        self.code.setMaxLength(40)
        self.name = QLineEdit(self)
        self.name.setObjectName("category_name")
        self.add_field(N_("Code"), self.code)
        self.add_field(N_("Name"), self.name)
        self.names_caption = muted_label(self)
        self.form.addRow(self.names_caption)
        self.names = _per_language(self)
        self.days = _spin(MAX_DEADLINE_DAYS, self)
        self.days.setObjectName("category_days")
        self.add_field(N_("Days to resolve"), self.days)
        self.keywords_caption = muted_label(self)
        self.form.addRow(self.keywords_caption)
        self.keywords = _per_language(self)
        self.active = QCheckBox(self)
        self.form.addRow("", self.active)
        self.clear_form()

    def rows(self) -> list[CategoryView]:
        return complaint_rules.list_categories(self._ctx, include_inactive=True)

    def show_row(self, row: CategoryView) -> None:
        self.code.setText(row.code)
        self.code.setReadOnly(True)
        self.name.setText(row.base_name)
        for code, edit in self.names.items():
            edit.setText((row.names or {}).get(code, ""))
        self.days.setValue(row.resolve_days)
        for code, edit in self.keywords.items():
            edit.setText(_keywords_text(row.keywords.get(code, ())))
        self.active.setChecked(row.active)

    def clear_form(self) -> None:
        self.code.setReadOnly(False)
        for edit in (self.code, self.name, *self.names.values(), *self.keywords.values()):
            edit.clear()
        self.days.setValue(complaint_rules.DEFAULT_RESOLVE_DAYS)
        self.active.setChecked(True)

    def write(self) -> CategoryView:
        return complaint_rules.save_category(
            self._ctx, self.code.text(), self.name.text(), self.days.value(),
            {code: parse_keywords(edit.text()) for code, edit in self.keywords.items()},
            active=self.active.isChecked(), names={code: edit.text() for code, edit in self.names.items()},
            new=not self.code.isReadOnly())

    def retranslate(self) -> None:
        super().retranslate()
        self.names_caption.setText(_("The name in each language (empty: the name above)"))
        self.keywords_caption.setText(_("Words that point to this category, separated by commas"))
        self.active.setText(_("New complaints can take this category"))


@dataclass(frozen=True)
class UrgencyWords:
    urgency: Urgency
    #: Locale → the words that suggest the urgency: the clinic's own, or the built-in ones until it sets some.
    words: dict[str, tuple[str, ...]]
    built_in: bool


class UrgencyKeywordsPage(SettingsPage[UrgencyWords]):
    """One row per urgency: the words (per language) that suggest it."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column(N_("Urgency"), lambda u: label(u.urgency), lambda u: -list(Urgency).index(u.urgency)),
            *[Column(language_name(code), lambda u, code=code: _keywords_text(u.words.get(code, ())),
                     foreground=lambda u: self.palette().placeholderText().color() if u.built_in else None,
                     tooltip=lambda u: _("Built-in words: the clinic has not set its own yet.") if u.built_in
                     else "")
              for code in LOCALES],
        ], lambda: "", parent)
        self.new_button.hide()
        self.urgency = EnumCombo(Urgency, Urgency.CRITICAL, self)
        self.urgency.setEnabled(False)
        self.add_field(N_("Urgency"), self.urgency)
        self.keywords = _per_language(self)
        self.hint = muted_label(self)
        self.hint.setWordWrap(True)
        self.form.addRow(self.hint)

    def rows(self) -> list[UrgencyWords]:
        own = complaint_rules.urgency_keywords(self._ctx)
        built_in = DEFAULT_URGENCY_KEYWORDS
        return [UrgencyWords(urgency, own[urgency], False) if urgency in own
                else UrgencyWords(urgency, built_in.get(urgency, {}), urgency in built_in) for urgency in Urgency]

    def show_row(self, row: UrgencyWords) -> None:
        self.urgency.set_value(row.urgency)
        for code, edit in self.keywords.items():
            edit.setText(_keywords_text(row.words.get(code, ())))

    def clear_form(self) -> None:
        for edit in self.keywords.values():
            edit.clear()

    def write(self) -> None:
        words = {code: parse_keywords(edit.text()) for code, edit in self.keywords.items()}
        complaint_rules.set_urgency_keywords(self._ctx, self.urgency.value(), words)

    def retranslate(self) -> None:
        super().retranslate()
        self.hint.setText(_("Until the clinic saves its own words for an urgency, the built-in ones (shown in "
                            "grey) suggest it."))


class DeadlinesPage(SettingsPage[DeadlineRuleView]):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column(N_("Category"), self._category_of),
            Column(N_("Urgency"), lambda r: label(r.urgency), lambda r: list(Urgency).index(r.urgency)),
            Column(N_("Hours to acknowledge"), lambda r: format_integer(r.acknowledge_hours),
                   lambda r: r.acknowledge_hours, RIGHT),
            Column(N_("Days to resolve"), lambda r: format_integer(r.resolve_days), lambda r: r.resolve_days, RIGHT),
        ], lambda: _("No rules: 24 hours to acknowledge, and each category's own days to resolve."), parent)
        self._categories: dict[int, CategoryView] = {}
        self.category = QComboBox(self)
        self.category.setObjectName("rule_category")
        self.urgency = EnumCombo(Urgency, Urgency.NORMAL, self)
        self.hours = _spin(MAX_ACKNOWLEDGE_HOURS, self)
        self.hours.setObjectName("rule_hours")
        self.days = _spin(MAX_DEADLINE_DAYS, self)
        self.days.setObjectName("rule_days")
        for caption, field in ((N_("Category"), self.category), (N_("Urgency"), self.urgency),
                               (N_("Hours to acknowledge"), self.hours), (N_("Days to resolve"), self.days)):
            self.add_field(caption, field)
        self.hint = muted_label(self)
        self.hint.setWordWrap(True)
        self.form.addRow(self.hint)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_rule")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        self.actions.insertWidget(1, self.remove_button)
        self.clear_form()

    def _category_of(self, rule: DeadlineRuleView) -> str:
        if rule.category_id is None:
            return _("Every category")
        category = self._categories.get(rule.category_id)
        return category_name(category.base_name, category.names) if category else ""

    def rows(self) -> list[DeadlineRuleView]:
        categories = complaint_rules.list_categories(self._ctx, include_inactive=True)
        self._categories = {c.id: c for c in categories}
        chosen = self.category.currentData()
        self.category.clear()
        self.category.addItem("", None)
        for category in categories:
            self.category.addItem("", category.id)
        self._name_categories()
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        return complaint_rules.list_deadline_rules(self._ctx)

    def show_row(self, row: DeadlineRuleView) -> None:
        self.category.setCurrentIndex(max(0, self.category.findData(row.category_id)))
        self.urgency.set_value(row.urgency)
        self.hours.setValue(row.acknowledge_hours)
        self.days.setValue(row.resolve_days)

    def clear_form(self) -> None:
        self.category.setCurrentIndex(0)
        self.hours.setValue(complaint_rules.DEFAULT_ACKNOWLEDGE_HOURS)
        self.days.setValue(complaint_rules.DEFAULT_RESOLVE_DAYS)

    def write(self) -> DeadlineRuleView:
        return complaint_rules.set_deadline_rule(self._ctx, self.category.currentData(), self.urgency.value(),
                                                 self.hours.value(), self.days.value())

    def remove(self) -> None:
        rule = self.chosen()
        if rule is None:
            self.error.show_message(lambda: _("Choose the rule to remove."))
            return
        apply_change(self.error, lambda: complaint_rules.remove_deadline_rule(self._ctx, rule.id), self.reload)

    def retranslate(self) -> None:
        super().retranslate()
        self.remove_button.setText(_("Remove"))
        self.hint.setText(_("The most specific rule applies: this category and urgency, then this urgency in "
                            "every category, then the category's own days to resolve."))
        self._name_categories()

    def _name_categories(self) -> None:
        """The combo's texts in the interface language (a category may have its own name in it)."""
        for index in range(self.category.count()):
            category = self._categories.get(self.category.itemData(index))
            self.category.setItemText(index, category_name(category.base_name, category.names) if category
                                      else _("Every category"))


class DepartmentsPage(SettingsPage[DepartmentView]):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, [
            Column(N_("Department"), lambda d: d.name),
            Column(N_("Active"), lambda d: _yes_no(d.active)),
        ], lambda: _("No departments yet."), parent)
        self.name = QLineEdit(self)
        self.name.setObjectName("department_name")
        self.add_field(N_("Department"), self.name)
        self.active = QCheckBox(self)
        self.form.addRow("", self.active)
        self._editing: int | None = None
        self.clear_form()

    def rows(self) -> list[DepartmentView]:
        return staff.list_departments(self._ctx, include_inactive=True)

    def show_row(self, row: DepartmentView) -> None:
        self._editing = row.id
        self.name.setText(row.name)
        self.active.setChecked(row.active)

    def clear_form(self) -> None:
        self._editing = None
        self.name.clear()
        self.active.setChecked(True)

    def write(self) -> DepartmentView:
        if self._editing is None:
            created = staff.create_department(self._ctx, self.name.text())
            if not self.active.isChecked():
                return staff.update_department(self._ctx, created.id, created.name, False)
            return created
        return staff.update_department(self._ctx, self._editing, self.name.text(), self.active.isChecked())

    def retranslate(self) -> None:
        super().retranslate()
        self.active.setText(_("Complaints can be routed to it"))


class ViewersPage(QWidget):
    """Who may see complaints: one box per role; the administrator's stays ticked."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # Only roles whose work includes complaints can be let in (a certificate clerk's cannot).
        self.boxes = {role: QCheckBox(self) for role in Role if Permission.VIEW_COMPLAINTS in ROLE_PERMISSIONS[role]}
        self.hint = muted_label(self)
        self.hint.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_viewers")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.save_button.setDefault(True)

    def reload(self) -> None:
        allowed = complaint_rules.allowed_viewers(self._ctx)
        for role, box in self.boxes.items():
            box.setChecked(role in allowed)

    def save(self) -> None:
        apply_change(self.error, lambda: complaint_rules.set_viewer_roles(
            self._ctx, {r for r, box in self.boxes.items() if box.isChecked()}), self.reload)

    def retranslate(self) -> None:
        self.hint.setText(_("Complaints hold patients' personal accounts: only these roles see the complaint "
                            "log."))
        for role, box in self.boxes.items():
            box.setText(label(role))
        self.save_button.setText(_("Save"))
        self.error.retranslate()


class ComplaintSettingsDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_settings")
        self.categories = CategoriesPage(ctx, self)
        self.urgencies = UrgencyKeywordsPage(ctx, self)
        self.deadlines = DeadlinesPage(ctx, self)
        self.viewers = ViewersPage(ctx, self)
        self.departments = DepartmentsPage(ctx, self)
        self.tabs = QTabWidget(self)
        for page in self._pages():
            self.tabs.addTab(page, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(1100, 620)
        for page in self._pages():
            page.reload()
        self.retranslate()

    def _pages(self) -> tuple[Any, ...]:
        return (self.categories, self.urgencies, self.deadlines, self.viewers, self.departments)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Complaint settings"))
        for index, title in enumerate((_("Categories"), _("Urgency words"), _("Deadlines"),
                                       _("Who sees complaints"), _("Departments"))):
            self.tabs.setTabText(index, title)
        for page in self._pages():
            page.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
