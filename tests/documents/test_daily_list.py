"""The daily appointment list, printed from a real database in each language and read back as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.context import Context
from app.documents import daily_list
from app.documents.layout import ClinicHeader
from app.i18n import LOCALES, format_date, format_integer, format_time, gettext, set_locale
from app.labels import label
from app.models.catalog import Service
from app.models.patients import NameOrder
from app.models.scheduling import Appointment, AppointmentStatus, BookingChannel
from app.services import printouts, staff
from tests import builders
from tests.documents import pdf

SEOUL = ZoneInfo("Asia/Seoul")
DAY = date(2026, 11, 23)
#: Each script's patient, as the desk types the name (family first for Korean, Chinese, Russian, Romanian).
PATIENTS: tuple[tuple[str, str, str, NameOrder], ...] = (
    ("김", "민준", "", NameOrder.FAMILY_FIRST_NO_SPACE),
    ("王", "秀英", "", NameOrder.FAMILY_FIRST_NO_SPACE),
    ("Иванов", "Иван", "Петрович", NameOrder.FAMILY_FIRST),
    ("Ștefănescu", "Țuțu", "", NameOrder.FAMILY_FIRST),
    ("Smith", "John", "", NameOrder.FAMILY_FIRST),
)
NAMES = ("김민준", "王秀英", "Иванов Иван Петрович", "Ștefănescu Țuțu", "Smith John")


def title(locale: str, day: date = DAY) -> str:
    return gettext("Appointments for {date}", locale).format(date=format_date(day, "long", locale))


def seoul(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SEOUL)


def add_appointment(ctx: Context, doctor_id: int, patient_id: int, start: datetime, minutes: int = 30, *,
                    status: AppointmentStatus = AppointmentStatus.BOOKED, first_visit: bool = False,
                    service_id: int | None = None) -> int:
    """An appointment written straight through the ORM: the list only reads what the desk booked."""
    now = ctx.clock.now()
    with ctx.db.write() as session:
        appointment = Appointment(
            doctor_id=doctor_id, patient_id=patient_id, service_id=service_id, start_at=start,
            end_at=start + timedelta(minutes=minutes), status=status, channel=BookingChannel.PHONE,
            first_visit=first_visit, notes="", created_at=now, updated_at=now,
        )
        session.add(appointment)
        session.flush()
        return appointment.id


def add_service(ctx: Context, code: str, name: str) -> int:
    with ctx.db.write() as session:
        service = Service(code=code, name=name, price=Decimal(30000), duration_minutes=30)
        session.add(service)
        session.flush()
        return service.id


@dataclass(frozen=True)
class Day:
    """What ``busy_day`` put in the database, to compare the printout with."""

    doctors: tuple[str, str]
    starts: tuple[datetime, ...]
    next_day_patient: str


def busy_day(ctx: Context) -> Day:
    """Two doctors, the five patients through the day (one cancelled, one late at night), one the next day."""
    lee = builders.add_doctor(ctx, "이수진", "가정의학과")
    petrova = builders.add_doctor(ctx, "Петрова Анна Сергеевна", "Педиатрия")
    patients = [builders.add_patient(ctx, family, given, middle=middle, order=order, phone=f"+82 10 5555 010{i}")
                for i, (family, given, middle, order) in enumerate(PATIENTS)]
    consultation = add_service(ctx, "C-01", "초진 진료 · Consultație inițială")
    starts = (seoul(9), seoul(9, 30), seoul(10), seoul(14), seoul(23, 30))
    for i, (patient, start) in enumerate(zip(patients, starts, strict=True)):
        add_appointment(ctx, lee if i % 2 == 0 else petrova, patient.id, start, service_id=consultation,
                        first_visit=i == 0, status=AppointmentStatus.CANCELLED if i == 3 else AppointmentStatus.BOOKED)
    late = builders.add_patient(ctx, "Popescu", "Ana", order=NameOrder.FAMILY_FIRST)
    add_appointment(ctx, lee, late.id, seoul(0, 30, DAY + timedelta(days=1)))
    return Day(("이수진", "Петрова Анна Сергеевна"), starts, "Popescu Ana")


@pytest.mark.parametrize("locale", ["ko", "zh_CN", "ru", "ro", "en"])
def test_the_daily_list_reads_back_with_every_name_in_each_language(ctx: Context, locale: str,
                                                                     artifacts_dir: Path) -> None:
    day = busy_day(ctx)

    document = printouts.daily_list_pdf(ctx, DAY, locale)

    database = ctx.db.engine.dialect.name
    (artifacts_dir / f"daily-list-{locale}-{database}.pdf").write_bytes(document)
    text = pdf.flat(pdf.text(document))
    assert pdf.flat(title(locale)) in text
    for name in (*NAMES, *day.doctors):
        assert name in text
    assert day.next_day_patient not in text
    for start in day.starts:
        assert pdf.flat(format_time(start, SEOUL, locale)) in text
    assert pdf.flat(format_time(seoul(23, 30), SEOUL, locale)) in text
    assert label(AppointmentStatus.CANCELLED, locale) in text
    assert gettext("Appointments for the day: {count}", locale).format(count=format_integer(4, locale)) in text
    assert gettext("Page {page} of {pages}", locale).format(page="1", pages="1") in text


def test_every_font_is_embedded(sqlite_ctx: Context, artifacts_dir: Path) -> None:
    busy_day(sqlite_ctx)
    document = printouts.daily_list_pdf(sqlite_ctx, DAY, "ko")
    path = artifacts_dir / "daily-list-fonts.pdf"
    path.write_bytes(document)

    found = pdf.fonts(document)
    assert found
    assert all(found.values()), found
    assert any("NotoSans" in name for name in found)
    assert any("WenQuanYi" in name for name in found)
    listed = pdf.pdffonts(path)
    if listed is not None:
        assert len(listed) == len(found)
        assert all(emb == "yes" for _, emb in listed), listed


@pytest.mark.parametrize("locale", ["ko", "ru"])
def test_one_doctors_day_list_holds_only_their_patients(sqlite_ctx: Context, locale: str,
                                                        artifacts_dir: Path) -> None:
    busy_day(sqlite_ctx)
    petrova = next(d.id for d in staff.list_doctors(sqlite_ctx) if d.full_name.startswith("Петрова"))

    document = printouts.daily_list_pdf(sqlite_ctx, DAY, locale, doctor_id=petrova)

    (artifacts_dir / f"doctor-day-list-{locale}.pdf").write_bytes(document)
    text = pdf.flat(pdf.text(document))
    assert "Петрова Анна Сергеевна" in text
    assert "이수진" not in text
    assert [name for name in NAMES if name in text] == ["王秀英", "Ștefănescu Țuțu"]
    assert gettext("Appointments for the day: {count}", locale).format(count=format_integer(1, locale)) in text


def test_the_list_prints_in_the_interface_language_unless_told(sqlite_ctx: Context) -> None:
    busy_day(sqlite_ctx)
    set_locale("ru")

    text = pdf.flat(pdf.text(printouts.daily_list_pdf(sqlite_ctx, DAY)))

    assert pdf.flat(title("ru")) in text
    assert format_date(DAY, "long", "ru").split()[1] in text


def test_an_empty_day_says_so(sqlite_ctx: Context) -> None:
    text = pdf.flat(pdf.text(printouts.daily_list_pdf(sqlite_ctx, DAY, "ro")))

    assert pdf.flat(title("ro")) in text
    assert gettext("No appointments on this day.", "ro") in text


# -- plain data, no database ------------------------------------------------------------------------------

CLINIC = ClinicHeader(legal_name="서울 가정의학과 의원", address="서울특별시 강남구 테헤란로 1",
                      phone="+82 2 555 0100", tax_id="123-45-67890")
PRINTED = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def listing(rows: list[daily_list.DailyListRow]) -> daily_list.DailyList:
    return daily_list.DailyList(clinic=CLINIC, day=DAY, zone="Asia/Seoul", printed_at=PRINTED, rows=tuple(rows))


def row(doctor: daily_list.DailyListDoctor, start: datetime, patient: str, *, service: str = "Consultation",
        status: str = "Booked", active: bool = True) -> daily_list.DailyListRow:
    return daily_list.DailyListRow(start_at=start, end_at=start + timedelta(minutes=20), doctor=doctor,
                                   patient_name=patient, phone="+82 10 0000 0000", service=service, status=status,
                                   active=active, first_visit=False)


def test_a_line_mixing_five_scripts_comes_back_whole() -> None:
    mixed = "김민준 王秀英 Иванов Ștefănescu Țuțu Smith"
    doctor = daily_list.DailyListDoctor(1, "Dr. 이수진 Петрова Ștefan", "Family 家庭医学 семейная")

    text = pdf.text(daily_list.render(listing([row(doctor, seoul(9), mixed, service=mixed)]), "en"))

    assert text.count(mixed) == 2
    assert "Dr. 이수진 Петрова Ștefan" in text


def test_long_sections_repeat_the_doctor_and_column_titles_on_every_page(artifacts_dir: Path) -> None:
    doctor = daily_list.DailyListDoctor(7, "Петрова Анна Сергеевна", "Педиатрия")
    rows = [row(doctor, seoul(8) + timedelta(minutes=20 * i), f"{NAMES[i % 5]} {i}") for i in range(60)]

    document = daily_list.render(listing(rows), "ru")

    (artifacts_dir / "daily-list-long-ru.pdf").write_bytes(document)
    pages = [pdf.flat(page) for page in pdf.page_texts(document)]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert doctor.name in page
        assert gettext("Patient", "ru") in page
        assert gettext("Status", "ru") in page
        assert gettext("Page {page} of {pages}", "ru").format(
            page=format_integer(number, "ru"), pages=format_integer(len(pages), "ru")) in page
        assert pdf.flat(title("ru")) in page
    text = " ".join(pages)
    assert all(f"{NAMES[i % 5]} {i}" in text for i in range(60))


def test_long_names_wrap_and_lose_nothing() -> None:
    doctor = daily_list.DailyListDoctor(1, "Dr. Ionescu", "")
    latin = "Constantinescu-Bălcescu Maria-Magdalena Alexandrina Ecaterina Ștefania Țuțuianu-Vlădescu"
    korean = "남궁" * 40
    rows = [row(doctor, seoul(9), latin), row(doctor, seoul(10), korean)]

    text = pdf.text(daily_list.render(listing(rows), "ro"))

    assert pdf.flat(latin) in pdf.flat(text)
    assert korean in "".join(text.split())
    assert max(len(line) for line in text.splitlines()) < len(korean)


def test_counts_leave_out_cancelled_and_missed_appointments() -> None:
    lee = daily_list.DailyListDoctor(1, "이수진", "가정의학과")
    kim = daily_list.DailyListDoctor(2, "김지훈", "내과")
    rows = [row(lee, seoul(9 + i), NAMES[i]) for i in range(3)]
    rows.append(row(lee, seoul(13), "Smith John", status="Cancelled", active=False))
    rows.append(row(kim, seoul(9), "王秀英"))

    text = pdf.flat(pdf.text(daily_list.render(listing(rows), "en")))

    assert "Appointments: 3 (cancelled or missed: 1)" in text
    assert "Appointments: 1" in text
    assert "Appointments for the day: 4" in text
    assert "Doctors: 2" in text
    assert text.index("김지훈") < text.index("이수진")


def test_rendering_is_a_pure_function_of_data_and_locale() -> None:
    doctor = daily_list.DailyListDoctor(1, "이수진", "가정의학과")
    data = listing([row(doctor, seoul(9), name) for name in NAMES[:1]])

    first, second = daily_list.render(data, "ko"), daily_list.render(data, "ko")

    assert first == second
    assert daily_list.render(data, "ru") != first


@pytest.mark.parametrize("locale", LOCALES)
def test_times_are_shown_in_the_clinic_zone(locale: str) -> None:
    doctor = daily_list.DailyListDoctor(1, "Dr. Smith", "")
    late = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # 23:30 in Seoul

    text = pdf.flat(pdf.text(daily_list.render(listing([row(doctor, late, "Smith John")]), locale)))

    assert pdf.flat(format_time(late, SEOUL, locale)) in text


def test_naive_times_are_refused() -> None:
    doctor = daily_list.DailyListDoctor(1, "Dr. Smith", "")
    with pytest.raises(ValueError, match="timezone-aware"):
        row(doctor, datetime(2026, 11, 23, 9, 0), "Smith John")
