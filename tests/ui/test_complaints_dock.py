"""The Complaints dock as the desk uses it: a phone complaint logged, routed, acknowledged, resolved and closed;
the overdue highlight; the analysis with its charts and the report preview. Outcomes checked through services."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QLocale, Qt

from app.i18n import set_locale
from app.models.complaints import ComplaintStatus, ComplaintStep, ContactChannel, FeedbackKind, Urgency
from app.services import complaint_rules, complaints, staff
from app.services.complaint_analysis import PeriodKind, period_containing
from app.services.complaints import ComplaintInput
from tests import builders
from tests.conftest import NOW
from tests.ui.modal import when_modal
from ui import qt_i18n
from ui.dialogs.complaint_detail import ComplaintDetailDialog
from ui.dialogs.complaint_form import ComplaintDialog
from ui.docks.complaints import ComplaintsDock
from ui.printing import PrintPreviewDialog
from ui.widgets.look import OVERDUE_BACKGROUND


def open_dock(open_window) -> ComplaintsDock:
    dock = open_window().docks["complaints_dock"]
    dock.show()
    dock.raise_()
    dock.reload()
    return dock


def test_phone_complaint_from_intake_to_closing(qtbot, qtmodeltester, open_window, sqlite_ctx, artifacts_dir):
    ctx = sqlite_ctx
    patient = builders.add_patient(ctx, "Popescu", "Ion", phone="+40 721 234 567")
    waiting = complaint_rules.save_category(ctx, "waiting", "Waiting time", 7, {"en": ["waited"]})
    front = staff.create_department(ctx, "Front desk")
    dock = open_dock(open_window)

    def fill(dialog: ComplaintDialog) -> None:
        assert dialog.channel.value() is ContactChannel.PHONE, "a call is the default"
        dialog.picker.set_patient(patient)
        qtbot.keyClicks(dialog.subject, "Long wait")
        qtbot.keyClicks(dialog.text, "I waited 50 minutes past my time and nobody told me why.")
        dialog.refresh_suggestion()
        assert dialog.category.currentData() == waiting.id, "the suggestion preselects the category"
        assert "Waiting time" in dialog.suggestion.text()
        dialog.department.setCurrentIndex(dialog.department.findData(front.id))
        dialog.grab().save(str(artifacts_dir / "complaint_dialog_en.png"))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    seen = when_modal(ComplaintDialog, fill)
    logged = dock.new_complaint()
    assert seen
    assert logged is not None
    [row] = complaints.open_list(ctx)
    assert (row.who, row.channel, row.category, row.department, row.subject) == (
        "Ion Popescu", ContactChannel.PHONE, "Waiting time", "Front desk", "Long wait")
    qtmodeltester.check(dock.model)
    assert dock.model.rowCount() == 1

    def work(dialog: ComplaintDetailDialog) -> None:
        qtmodeltester.check(dialog.timeline_model)
        assert not dialog.buttons["close"].isEnabled(), "nothing to close before it is resolved"
        dialog.assignee.setCurrentIndex(dialog.assignee.findData(ctx.actor.user_id))
        dialog.buttons["assign"].click()
        qtbot.keyClicks(dialog.step_text, "Sorry for the wait; we will call you by Friday.")
        dialog.buttons["acknowledge"].click()
        dialog.buttons["resolve"].click()
        assert dialog.error.isVisible(), "a resolution needs its text"
        qtbot.keyClicks(dialog.step_text, "Delays are now announced by text message.")
        dialog.buttons["resolve"].click()
        dialog.grab().save(str(artifacts_dir / "complaint_detail_en.png"))
        dialog.buttons["close"].click()
        assert not dialog.buttons["close"].isEnabled()
        dialog.reject()

    dock.select_row(0)
    seen = when_modal(ComplaintDetailDialog, work)
    dock.open_current()
    assert seen
    detail = complaints.detail(ctx, row.id)
    assert detail.row.status is ComplaintStatus.CLOSED
    assert detail.row.assigned_to == ctx.actor.full_name
    assert [s.step for s in detail.timeline] == [ComplaintStep.RECEIVED, ComplaintStep.ASSIGNED,
                                                 ComplaintStep.ACKNOWLEDGED, ComplaintStep.RESOLVED,
                                                 ComplaintStep.CLOSED]
    assert detail.timeline[2].text == "Sorry for the wait; we will call you by Friday."
    assert detail.resolution == "Delays are now announced by text message."
    assert dock.model.rowCount() == 0


def _log(ctx, hours_ago: int, text: str, urgency: Urgency = Urgency.NORMAL) -> None:
    complaints.log_complaint(ctx, ComplaintInput(kind=FeedbackKind.COMPLAINT, channel=ContactChannel.SMS,
                                                 received_at=NOW - timedelta(hours=hours_ago), text=text,
                                                 urgency=urgency, contact_name="Anna"))


def test_overdue_complaints_stand_out_and_are_escalated(qtbot, open_window, sqlite_ctx, artifacts_dir):
    ctx = sqlite_ctx
    _log(ctx, 30, "Nobody called me back about my results.", Urgency.HIGH)
    _log(ctx, 2, "The waiting room was cold.")
    dock = open_dock(open_window)
    assert dock.model.rowCount() == 2
    first, second = (dock.model.index(r, 0) for r in range(2))
    assert first.data(Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND, "the overdue one first, tinted"
    assert second.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "1 overdue" in dock.summary.text()
    assert dock.escalations.text() == "1 overdue complaint escalated to you"
    assert complaints.open_list(ctx)[0].escalated
    dock.widget().grab().save(str(artifacts_dir / "complaints_dock_en.png"))


def test_analysis_charts_and_report_preview(qtbot, open_window, sqlite_ctx, artifacts_dir):
    ctx = sqlite_ctx
    complaint_rules.save_category(ctx, "waiting", "대기 시간", 7, {"ko": ["기다"]})
    _log(ctx, 30, "한 시간 기다렸습니다")
    _log(ctx, 50, "Платёж списан дважды")
    dock = open_dock(open_window)
    dock.tabs.setCurrentWidget(dock.analysis_page)
    panel = dock.analysis_page
    assert panel.analysis is not None
    assert panel.analysis.period == period_containing(PeriodKind.MONTH, NOW.date()), "the month, as chosen"
    assert panel.analysis.total == 2
    assert [b.value for b in panel.charts["channel"].bars()] == [2]
    assert panel.day.locale().name() == "en_US"
    for locale in ("ko", "ru"):
        qt_i18n.switch_language(locale)
        assert panel.day.locale().language() == QLocale(locale).language(), "the date follows the language"
        assert panel.day.calendarWidget().locale().language() == QLocale(locale).language()
        dock.resize(900, 700)
        dock.widget().grab().save(str(artifacts_dir / f"complaints_analysis_{locale}.png"))
    qt_i18n.switch_language("en")
    set_locale("en")

    pages: list[int] = []

    def look(preview: PrintPreviewDialog) -> None:
        try:
            pages.append(preview.page_count)
            preview.grab().save(str(artifacts_dir / "complaints_report_preview.png"))
        finally:
            preview.reject()

    panel.report_language.setCurrentIndex(panel.report_language.findData("ro"))
    seen = when_modal(PrintPreviewDialog, look)
    panel.print_button.click()
    assert seen
    assert pages[0] >= 1


def test_a_complaint_is_reclassified_from_its_detail(qtbot, sqlite_ctx):
    ctx = sqlite_ctx
    complaint_rules.save_category(ctx, "waiting", "Waiting time", 7, {})
    billing = complaint_rules.save_category(ctx, "billing", "Billing", 3, {})
    _log(ctx, 2, "The receipt shows another amount than my card.")
    [row] = complaints.open_list(ctx)
    dialog = ComplaintDetailDialog(ctx, row.id)
    qtbot.addWidget(dialog)
    assert dialog.category.currentData() is None, "not classified yet"
    dialog.category.setCurrentIndex(dialog.category.findData(billing.id))
    dialog.urgency.set_value(Urgency.HIGH)
    qtbot.keyClicks(dialog.step_text, "About the receipt, not the wait")
    dialog.buttons["reclassify"].click()
    detail = complaints.detail(ctx, row.id)
    assert (detail.row.category_id, detail.row.urgency) == (billing.id, Urgency.HIGH)
    assert detail.timeline[-1].step is ComplaintStep.RECLASSIFIED
    assert detail.timeline[-1].text == "About the receipt, not the wait"
    assert dialog.timeline_model.rowCount() == 2
    dialog.buttons["reclassify"].click()
    assert dialog.error.text() == "The complaint already has this category and urgency."
    assert len(complaints.detail(ctx, row.id).timeline) == 2, "nothing written"
