"""The administrator's complaint settings: every page edited through its form, the database read back; bad
input shown translated under the form with nothing written; the dialog reached from the complaints dock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.i18n import LOCALES
from app.models.complaints import Urgency
from app.models.staff import Role
from app.services import auth, complaint_rules, staff
from tests import builders
from tests.ui.modal import when_modal
from tests.ui.test_complaints_dock import open_dock
from ui import qt_i18n
from ui.dialogs.complaint_settings import ComplaintSettingsDialog, parse_keywords


@pytest.fixture
def dialog(qtbot, sqlite_ctx):
    shown = ComplaintSettingsDialog(sqlite_ctx)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _choose(page, row: int) -> None:
    page.table.view.setCurrentIndex(page.table.proxy.index(row, 0))


def test_keywords_are_split_on_any_comma():
    assert parse_keywords("기다, 대기，排队、 wait ;; ") == ["기다", "대기", "排队", "wait"]


def test_a_category_is_added_renamed_per_language_and_retired(qtbot, qtmodeltester, dialog, sqlite_ctx):
    ctx = sqlite_ctx
    page = dialog.categories
    page.new_button.click()
    qtbot.keyClicks(page.code, "waiting")
    qtbot.keyClicks(page.name, "Waiting time")
    page.names["ru"].setText("Ожидание")
    page.names["zh_CN"].setText("等候时间")
    page.days.setValue(5)
    page.keywords["en"].setText("waited, queue")
    page.keywords["ko"].setText("기다， 대기")
    page.save_button.click()
    [saved] = complaint_rules.list_categories(ctx, include_inactive=True)
    assert (saved.code, saved.base_name, saved.resolve_days) == ("waiting", "Waiting time", 5)
    assert saved.names == {"ru": "Ожидание", "zh_CN": "等候时间"}
    assert saved.keywords == {"en": ("waited", "queue"), "ko": ("기다", "대기")}
    assert page.model.rowCount() == 1
    qtmodeltester.check(page.model)

    _choose(page, 0)
    assert page.code.isReadOnly(), "the code names the category: it is not changed"
    assert page.names["ru"].text() == "Ожидание"
    page.name.clear()
    page.save_button.click()
    assert page.error.text() == "Name must not be empty."
    assert complaint_rules.list_categories(ctx)[0].base_name == "Waiting time", "nothing written"
    qtbot.keyClicks(page.name, "Waiting")
    page.active.setChecked(False)
    page.save_button.click()
    assert complaint_rules.list_categories(ctx) == []
    assert complaint_rules.list_categories(ctx, include_inactive=True)[0].base_name == "Waiting"
    assert page.error.text() == ""

    page.new_button.click()
    qtbot.keyClicks(page.code, "WAITING")
    qtbot.keyClicks(page.name, "Other")
    page.save_button.click()
    assert page.error.text() == "A category with the code waiting already exists."
    assert len(complaint_rules.list_categories(ctx, include_inactive=True)) == 1


def test_deadline_rules_are_set_refused_and_removed(qtbot, qtmodeltester, dialog, sqlite_ctx):
    ctx = sqlite_ctx
    billing = complaint_rules.save_category(ctx, "billing", "Billing", 7, {})
    page = dialog.deadlines
    page.reload()
    page.category.setCurrentIndex(page.category.findData(billing.id))
    page.urgency.set_value(Urgency.HIGH)
    page.hours.setValue(4)
    page.days.setValue(0)
    qt_i18n.switch_language("ru")
    page.save_button.click()
    assert page.error.text() == "Поле «Срок решения (дней)» должно быть от 1 до 365."
    assert complaint_rules.list_deadline_rules(ctx) == []
    qt_i18n.switch_language("en")
    page.days.setValue(2)
    page.save_button.click()
    [rule] = complaint_rules.list_deadline_rules(ctx)
    assert (rule.category_id, rule.urgency, rule.acknowledge_hours, rule.resolve_days) == (
        billing.id, Urgency.HIGH, 4, 2)
    assert page.model.index(0, 0).data() == "Billing"
    qtmodeltester.check(page.model)

    page.new_button.click()
    page.urgency.set_value(Urgency.CRITICAL)
    page.hours.setValue(1)
    page.days.setValue(1)
    page.save_button.click()
    assert {r.category_id for r in complaint_rules.list_deadline_rules(ctx)} == {billing.id, None}
    every = next(row for row in range(2) if page.model.index(row, 0).data() == "Every category")
    page.table.view.setCurrentIndex(page.table.proxy.mapFromSource(page.model.index(every, 0)))
    page.remove_button.click()
    assert [r.category_id for r in complaint_rules.list_deadline_rules(ctx)] == [billing.id]


def test_urgency_words_are_set_per_language(qtbot, qtmodeltester, dialog, sqlite_ctx):
    page = dialog.urgencies
    critical = next(r for r in range(page.model.rowCount())
                    if page.model.row(page.model.index(r, 0)).urgency is Urgency.CRITICAL)
    page.table.view.setCurrentIndex(page.table.proxy.mapFromSource(page.model.index(critical, 0)))
    assert page.urgency.value() is Urgency.CRITICAL
    built_in = "알레르기, 출혈, 응급, 의식, 구급차, 잘못된 약"
    assert page.keywords["ko"].text() == built_in, "the built-in words to start from"
    assert page.model.row(page.model.index(critical, 0)).built_in
    for edit in page.keywords.values():
        edit.clear()
    page.keywords["ro"].setText("sângerare, leșin")
    page.save_button.click()
    assert complaint_rules.urgency_keywords(sqlite_ctx)[Urgency.CRITICAL] == {"ro": ("sângerare", "leșin")}
    assert page.model.index(critical, 1 + LOCALES.index("ro")).data() == "sângerare, leșin"
    assert not page.model.row(page.model.index(critical, 0)).built_in
    qtmodeltester.check(page.model)


def test_who_sees_complaints_keeps_the_administrator(qtbot, dialog, sqlite_ctx):
    page = dialog.viewers
    assert Role.CERTIFICATE_CLERK not in page.boxes, "a role without complaint work is not offered"
    page.boxes[Role.ADMINISTRATOR].setChecked(False)
    page.boxes[Role.CASHIER].setChecked(False)
    page.save_button.click()
    assert page.error.text() == "The administrator must keep access to complaints."
    assert Role.CASHIER in complaint_rules.allowed_viewers(sqlite_ctx), "nothing written"
    page.boxes[Role.ADMINISTRATOR].setChecked(True)
    page.save_button.click()
    assert complaint_rules.allowed_viewers(sqlite_ctx) == {Role.ADMINISTRATOR, Role.RECEPTIONIST, Role.DOCTOR}


def test_departments_are_added_and_renamed(qtbot, qtmodeltester, dialog, sqlite_ctx):
    page = dialog.departments
    dialog.tabs.setCurrentWidget(page)
    qtbot.keyClicks(page.name, "Front desk")
    page.save_button.click()
    page.new_button.click()
    qtbot.keyClicks(page.name, "Lab")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)  # Enter saves the page's form
    assert [d.name for d in staff.list_departments(sqlite_ctx)] == ["Front desk", "Lab"]
    lab = next(r for r in range(2) if page.model.index(r, 0).data() == "Lab")
    page.table.view.setCurrentIndex(page.table.proxy.mapFromSource(page.model.index(lab, 0)))
    page.name.setText("Front desk")
    page.save_button.click()
    assert page.error.text() == "A department named Front desk already exists."
    page.name.setText("Laboratory")
    page.active.setChecked(False)
    page.save_button.click()
    assert [(d.name, d.active) for d in staff.list_departments(sqlite_ctx, include_inactive=True)] == [
        ("Front desk", True), ("Laboratory", False)]
    qtmodeltester.check(page.model)


def test_only_the_administrator_reaches_the_settings_from_the_dock(qtbot, open_window, sqlite_ctx, artifacts_dir):
    ctx = sqlite_ctx
    complaint_rules.save_category(ctx, "waiting", "Waiting time", 7, {"en": ["waited"], "ko": ["기다"]},
                                  names={"ko": "대기 시간", "zh_CN": "等候时间"})
    dock = open_dock(open_window)
    assert dock.settings_button.isVisible()

    names: list[str] = []

    def look(shown: ComplaintSettingsDialog) -> None:
        try:
            for locale in ("zh_CN", "ro"):
                qt_i18n.switch_language(locale)
                _choose(shown.categories, 0)
                names.append(shown.categories.model.index(0, 1).data())
                for index, name in enumerate(("categories", "deadlines")):
                    shown.tabs.setCurrentIndex(index * 2)
                    shown.grab().save(str(artifacts_dir / f"complaint_settings_{name}_{locale}.png"))
        finally:
            shown.reject()

    seen = when_modal(ComplaintSettingsDialog, look)
    dock.settings_button.click()
    assert seen
    assert names == ["等候时间", "Waiting time"], "the clinic's Chinese name; no Romanian one: its own"
    qt_i18n.switch_language("en")
    builders.add_user(ctx, "desk", Role.RECEPTIONIST)
    auth.sign_in(ctx, "desk", "staff-password-1")
    dock.reload()
    assert dock.settings_button.isHidden(), "a receptionist works complaints but does not set the rules"


def test_a_role_the_clinic_takes_off_loses_the_dock(qtbot, open_window, sqlite_ctx):
    ctx = sqlite_ctx
    builders.add_user(ctx, "cash", Role.CASHIER)
    auth.sign_in(ctx, "cash", "staff-password-1")
    window = open_window()
    dock = window.docks["complaints_dock"]
    assert dock.is_allowed(), "the clinic lets cashiers see complaints at first"
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    complaint_rules.set_viewer_roles(ctx, {Role.ADMINISTRATOR, Role.RECEPTIONIST})  # at another desk
    auth.sign_in(ctx, "cash", "staff-password-1")
    dock.show()
    dock.reload()
    assert not dock.is_allowed()
    assert dock.isHidden(), "gone without an error box"
    assert not dock.toggleViewAction().isEnabled()
    window.apply_actor()
    assert not window.docks["complaints_dock"].is_allowed()
