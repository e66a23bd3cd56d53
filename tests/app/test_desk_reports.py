"""The end-of-shift report and the monthly analysis on both databases, every number checked against a
small clinic built by hand whose right answers are written next to it.

November 2026 in Seoul (UTC+9). Patients: A (found us on the website), B (recommended by a patient),
C (website, never came), D, E (edges of the month), F (a regular since October).

  #  patient  start (Seoul)        doctor  what happened                       booked on
  1  A        Nov  2 10:00         Lee     completed, first visit              Nov  2
  2  A        Nov 16 10:00         Lee     completed, repeat                   Nov 16
  3  B        Nov  3 11:00         Park    completed, first visit              Nov  3
  4  C        Nov  4 09:00         Lee     no-show                             Nov  4
  5  C        Nov 24 11:00         Lee     cancelled late (reminder call)      Nov 23
  6  D        Nov 26 12:00         Park    cancelled by the patient, not late  Nov 23
  7  F        Oct 15 10:00         Lee     completed (outside the month)       Oct 15
  8  F        Nov 10 10:00         Lee     completed, repeat                   Nov 10
  9  E        Oct 31 23:30         Park    completed (30 minutes before the month)  Oct 31
 10  E        Dec  1 00:30         Park    booked (30 minutes after the month)  Nov 23

Right answers for November: visits 4 (#1, #2, #3, #8), repeat visits 2 (#2, #8); patients seen 3 (A, B, F),
first-visit patients 2 (A, B), repeat patients 1 (F); new patients' channels: website 1, recommended 1;
appointments starting in November 7 (#1-#6, #8); no-shows 1, not cancelled 5 → no-show rate 1/5;
late cancellations 1 of 7; bookings made in November 8 (#1-#6, #8, #10; #7 and #9 were booked in
October); contacts: 3 incoming calls (two more are outgoing, one more is on Dec 1).
Revenue: invoice A 50,000 (Consultation, Lee) + B 80,000 (Dermatoscopy, Park) − credit note
on B 30,000 = 100,000; by service Consultation 50,000, Dermatoscopy 50,000; by doctor Lee 50,000,
Park 50,000. Payments: card 80,000, cash 50,000 less a 10,000 cash refund = 40,000. Complaints: 2 received
(1 resolved in time, 1 open), 1 in October not counted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from app.context import Context
from app.errors import InvalidInput
from app.models.billing import (
    CashShift,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    Refund,
    ShiftStatus,
)
from app.models.calls import CallDirection, CallOutcome, CallPurpose, RefusalReason, TaskStatus
from app.models.catalog import Service
from app.models.complaints import Complaint, ComplaintStatus, ContactChannel, FeedbackKind
from app.models.patients import AcquisitionChannel
from app.models.scheduling import AppointmentStatus, CancelReason
from app.services import (
    calls,
    desk_printouts,
    desk_reports,
    exports,
    patients,
    report_tables,
    scheduling,
    tasks,
    working_time,
)
from app.services.calls import CallInput
from app.services.desk_reports import Count
from app.services.patients import PatientInput
from app.services.scheduling import BookingRequest
from app.services.tasks import TaskInput
from app.services.working_time import TemplateSlot
from tests import builders
from tests.conftest import NOW
from tests.documents.pdf import flat
from tests.documents.pdf import fonts as pdf_fonts
from tests.documents.pdf import text as pdf_text

SEOUL = ZoneInfo("Asia/Seoul")


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime.combine(date(year, month, day), time(hour, minute), tzinfo=SEOUL)


@dataclass
class Fixture:
    ctx: Context
    lee: int
    park: int
    ids: dict[str, int]


def _patient(ctx: Context, name: str, channel: AcquisitionChannel = AcquisitionChannel.UNKNOWN) -> int:
    return patients.create(ctx, PatientInput(family_name=name, given_name="Test", acquisition_channel=channel)).id


def _book(ctx: Context, doctor: int, patient: int, start: datetime, booked_at: datetime,
          *statuses: AppointmentStatus, reason: CancelReason | None = None) -> int:
    now = ctx.clock.now()
    ctx.clock.set(booked_at)
    try:
        request = BookingRequest(patient, doctor, start, 30, outside_hours=True)
        appointment = scheduling.book(ctx, request).appointment.id
        if statuses:
            ctx.clock.set(start)
        for status in statuses:
            scheduling.set_status(ctx, appointment, status, reason if status is AppointmentStatus.CANCELLED else None)
    finally:
        ctx.clock.set(now)
    return appointment


@pytest.fixture
def clinic(ctx: Context) -> Fixture:
    lee, park = builders.add_doctor(ctx), builders.add_doctor(ctx, "Dr. Park Ji-ho", "Dermatology")
    for doctor in (lee, park):
        working_time.set_template(ctx, doctor, [TemplateSlot(d, time(9), time(18)) for d in range(7)])
    a = _patient(ctx, "A", AcquisitionChannel.WEBSITE)
    b = _patient(ctx, "B", AcquisitionChannel.REFERRAL_PATIENT)
    c = _patient(ctx, "C", AcquisitionChannel.WEBSITE)
    d, e, f = _patient(ctx, "D"), _patient(ctx, "E"), _patient(ctx, "F")
    done = (AppointmentStatus.ARRIVED, AppointmentStatus.COMPLETED)
    ids = {
        "a1": _book(ctx, lee, a, at(11, 2, 10), at(11, 2, 8), *done),
        "a2": _book(ctx, lee, a, at(11, 16, 10), at(11, 16, 8), *done),
        "b1": _book(ctx, park, b, at(11, 3, 11), at(11, 3, 8), *done),
        "c1": _book(ctx, lee, c, at(11, 4, 9), at(11, 4, 8), AppointmentStatus.NO_SHOW),
        "f0": _book(ctx, lee, f, at(10, 15, 10), at(10, 15, 8), *done),
        "f1": _book(ctx, lee, f, at(11, 10, 10), at(11, 10, 8), *done),
        "e0": _book(ctx, park, e, at(10, 31, 23, 30), at(10, 31, 8), *done),
        # Booked today (the fixture clock: Monday 23 November, 10:00 Seoul).
        "c2": _book(ctx, lee, c, at(11, 24, 11), NOW),
        "d1": _book(ctx, park, d, at(11, 26, 12), NOW),
        "e1": _book(ctx, park, e, at(12, 1, 0, 30), NOW),
    }
    # Today's shift, from noon: C cancels tomorrow's 11:00 on the reminder call (23 hours ahead: late), D
    # cancels three days ahead after declining over the price, two questions, a follow-up nobody answers.
    ctx.clock.set(at(11, 23, 12))
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.REMINDER, CallOutcome.DECLINED,
                                  appointment_id=ids["c2"], refusal=RefusalReason.NO_LONGER_NEEDED))
    calls.log_call(ctx, CallInput(CallDirection.INCOMING, CallPurpose.BOOKING, CallOutcome.DECLINED, patient_id=d,
                                  appointment_id=ids["d1"], refusal=RefusalReason.PRICE))
    scheduling.set_status(ctx, ids["d1"], AppointmentStatus.CANCELLED, CancelReason.BY_PATIENT)
    calls.log_call(ctx, CallInput(CallDirection.INCOMING, CallPurpose.QUESTION, CallOutcome.ANSWERED, patient_id=a))
    calls.log_call(ctx, CallInput(CallDirection.INCOMING, CallPurpose.QUESTION, CallOutcome.ANSWERED,
                                  caller_name="Mr. Park", phone="010-1111-2222"))
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.FOLLOW_UP, CallOutcome.NO_ANSWER,
                                  appointment_id=ids["a2"]))
    done_task = tasks.add(ctx, TaskInput("Order printer paper"))
    skipped = tasks.add(ctx, TaskInput("Call the lab"))
    tasks.add(ctx, TaskInput("Update the price list"))
    tasks.close(ctx, done_task.id, TaskStatus.DONE)
    tasks.close(ctx, skipped.id, TaskStatus.NOT_DONE, "The lab was closed")
    ctx.clock.set(at(12, 1, 0, 5))
    calls.log_call(ctx, CallInput(CallDirection.INCOMING, CallPurpose.QUESTION, CallOutcome.ANSWERED, patient_id=e))
    ctx.clock.set(at(11, 23, 18))
    _money(ctx, lee, park, a, b, ids)
    return Fixture(ctx, lee, park, ids)


def _money(ctx: Context, lee: int, park: int, a: int, b: int, ids: dict[str, int]) -> None:
    """Invoices, a credit note, payments, a refund and complaints, written as the cashier's and the
    complaints' services leave them (their own tests cover how)."""
    admin = ctx.actor.user_id
    with ctx.db.write() as session:
        consult = Service(code="CONS", name="Consultation", price=Decimal(50000), duration_minutes=30)
        dermo = Service(code="DERM", name="Dermatoscopy", price=Decimal(80000), duration_minutes=30)
        session.add_all([consult, dermo])
        session.flush()
        shift = CashShift(year=2026, number=1, cashier_id=admin, workstation="desk-1", status=ShiftStatus.OPEN,
                          opening_float=Decimal(100000), opened_at=at(11, 23, 9))
        session.add(shift)
        session.flush()

        def invoice(patient: int, appointment: int | None, service: Service, amount: int, number: int,
                    kind: InvoiceKind = InvoiceKind.INVOICE, corrects: int | None = None) -> Invoice:
            row = Invoice(kind=kind, year=2026, number=number, patient_id=patient, appointment_id=appointment,
                          corrects_invoice_id=corrects, status=InvoiceStatus.ISSUED, currency="KRW",
                          created_by=admin, created_at=at(11, 23, 13), issued_at=at(11, 23, 13))
            row.lines = [InvoiceLine(position=1, service_id=service.id, description=service.name,
                                     quantity=Decimal(1), unit_price=Decimal(amount), total=Decimal(amount))]
            session.add(row)
            session.flush()
            return row

        invoice(a, ids["a2"], consult, 50000, 1)
        b_invoice = invoice(b, ids["b1"], dermo, 80000, 2)
        invoice(b, None, dermo, 30000, 3, InvoiceKind.CREDIT_NOTE, b_invoice.id)
        card = Payment(patient_id=b, shift_id=shift.id, method=PaymentMethod.CARD, amount=Decimal(80000),
                       receipt_year=2026, receipt_number=1, taken_by=admin, taken_at=at(11, 23, 13, 5))
        cash = Payment(patient_id=a, shift_id=shift.id, method=PaymentMethod.CASH, amount=Decimal(50000),
                       tendered=Decimal(50000), refunded=Decimal(10000), receipt_year=2026, receipt_number=2,
                       taken_by=admin, taken_at=at(11, 23, 13, 10))
        session.add_all([card, cash])
        session.flush()
        session.add(Refund(payment_id=cash.id, shift_id=shift.id, amount=Decimal(10000), reason="Overcharged",
                           receipt_year=2026, receipt_number=3, refunded_by=admin, refunded_at=at(11, 23, 14)))
        for received, status, resolved in ((at(11, 5, 10), ComplaintStatus.RESOLVED, at(11, 6, 10)),
                                           (at(11, 20, 10), ComplaintStatus.RECEIVED, None),
                                           (at(10, 20, 10), ComplaintStatus.CLOSED, at(10, 21, 10))):
            session.add(Complaint(
                kind=FeedbackKind.COMPLAINT, channel=ContactChannel.PHONE, received_at=received, text="Waited too long",
                status=status, acknowledge_due_at=received + timedelta(days=1),
                resolve_due_at=received + timedelta(days=7), resolved_at=resolved, created_by=admin))


def test_the_monthly_analysis_matches_the_hand_counted_clinic(clinic):
    ctx = clinic.ctx
    report = desk_reports.monthly_analysis(ctx, *desk_reports.month_range(2026, 11))
    assert (report.funnel.contacts, report.funnel.bookings, report.funnel.visits, report.funnel.repeat_visits) == (
        3, 8, 4, 2)
    assert (report.first_visit_patients, report.repeat_patients) == (2, 1)
    # A tie is listed in the channels' own order.
    assert report.new_patient_channels == (Count(AcquisitionChannel.REFERRAL_PATIENT, 1),
                                           Count(AcquisitionChannel.WEBSITE, 1))
    assert (report.appointments, report.no_shows, report.late_cancellations) == (7, 1, 1)
    assert report.no_show_rate == pytest.approx(1 / 5)
    assert report.late_cancellation_rate == pytest.approx(1 / 7)
    assert [(a.key, a.amount) for a in report.revenue_by_service] == [
        ("Consultation", Decimal(50000)), ("Dermatoscopy", Decimal(50000))]
    assert [(a.key, a.amount) for a in report.revenue_by_doctor] == [
        ("Dr. Lee Soo-jin", Decimal(50000)), ("Dr. Park Ji-ho", Decimal(50000))]
    assert report.revenue == Decimal(100000)
    assert [(a.key, a.amount) for a in report.payments_by_method] == [
        (PaymentMethod.CARD, Decimal(80000)), (PaymentMethod.CASH, Decimal(40000))]
    assert report.complaints_by_status == (Count(ComplaintStatus.RECEIVED, 1), Count(ComplaintStatus.RESOLVED, 1))
    assert (report.complaints_resolved, report.complaints_resolved_on_time) == (1, 1)
    # The four November visits checked in through the waiting room (from the waiting helper's statistics);
    # nobody was called from it, so there is no waiting time to show.
    assert (report.waits.patients, report.waits.called, report.waits.average_wait) == (4, 0, None)


def test_the_end_of_shift_report_matches_the_hand_counted_day(clinic):
    ctx = clinic.ctx
    start, end = at(11, 23, 0), at(11, 23, 18)
    report = desk_reports.shift_report(ctx, start, end)
    assert report.calls_total(CallDirection.INCOMING) == 3
    assert report.calls_total(CallDirection.OUTGOING) == 2
    assert {(c.direction, c.outcome): c.count for c in report.calls} == {
        (CallDirection.OUTGOING, CallOutcome.DECLINED): 1, (CallDirection.OUTGOING, CallOutcome.NO_ANSWER): 1,
        (CallDirection.INCOMING, CallOutcome.DECLINED): 1, (CallDirection.INCOMING, CallOutcome.ANSWERED): 2}
    assert report.refusals == (Count(RefusalReason.PRICE, 1), Count(RefusalReason.NO_LONGER_NEEDED, 1))
    assert report.bookings_made == 3  # c2, d1, e1 were booked at 10:00 today
    assert (report.no_shows, report.cancellations) == (0, 2)
    assert (report.tasks_done, report.tasks_not_done, report.tasks_open) == (1, 1, 1)
    [cash] = report.cash_shifts
    assert (cash.taken, cash.refunded) == (Decimal(130000), Decimal(10000))
    # No visits today: nobody was seen.
    assert (report.first_visit_patients, report.repeat_patients) == (0, 0)
    november_2 = desk_reports.shift_report(ctx, at(11, 2, 0), at(11, 3, 0))
    assert (november_2.first_visit_patients, november_2.repeat_patients) == (1, 0)
    assert november_2.new_patient_channels == (Count(AcquisitionChannel.WEBSITE, 1),)


def test_a_range_that_ends_before_it_starts_is_refused(clinic):
    ctx = clinic.ctx
    with pytest.raises(InvalidInput) as caught:
        desk_reports.monthly_analysis(ctx, date(2026, 11, 30), date(2026, 11, 1))
    assert caught.value.message() == "The report's range ends before it starts."
    with pytest.raises(InvalidInput):
        desk_reports.shift_report(ctx, at(11, 23, 18), at(11, 23, 9))


@pytest.mark.parametrize(("locale", "expected"), [
    ("ko", ["월간 분석", "₩80,000", "₩50,000", "20%", "전환 퍼널"]),
    ("ru", ["Ежемесячный анализ", "80 000", "20 %", "Воронка конверсии"]),
])
def test_the_monthly_pdf_reads_back_in_each_language(clinic, locale, expected, artifacts_dir):
    pdf = desk_printouts.monthly_pdf(clinic.ctx, *desk_reports.month_range(2026, 11), locale=locale)
    (artifacts_dir / f"monthly-analysis-{locale}.pdf").write_bytes(pdf)
    text = flat(pdf_text(pdf))
    for part in expected:
        assert part in text
    assert all(pdf_fonts(pdf).values())


def test_the_shift_pdf_and_the_spreadsheet_hold_the_screens_numbers(clinic, artifacts_dir):
    ctx = clinic.ctx
    report = desk_reports.shift_report(ctx, at(11, 23, 0), at(11, 23, 18))
    pdf = desk_printouts.shift_report_pdf(ctx, at(11, 23, 0), at(11, 23, 18), locale="zh_CN")
    (artifacts_dir / "shift-report-zh_CN.pdf").write_bytes(pdf)
    assert "交班报告" in flat(pdf_text(pdf)) or "班次" in flat(pdf_text(pdf))
    analysis = desk_reports.monthly_analysis(ctx, *desk_reports.month_range(2026, 11))
    tables = report_tables.monthly_tables(analysis)
    workbook = load_workbook(io.BytesIO(exports.tables_xlsx(tables, "ru", "KRW")))
    for table, sheet in zip(tables, workbook.worksheets, strict=True):
        cells = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        expected = [None if v is None else pytest.approx(float(v), rel=1e-12)
                    for _label, values in table.rows for v in values]
        assert [value for row in cells for value in row[1:]] == expected
    funnel = workbook.worksheets[0]
    assert [row[1].value for row in funnel.iter_rows(min_row=2)] == [3, 8, 4, 2]
    csv_text = exports.table_csv(report_tables.shift_tables(report)[0], "en").decode("utf-8-sig")
    assert "Incoming calls,3" in csv_text.splitlines()
