"""How long the daily appointment list takes to render, beside a one-line ReportLab PDF in the same run.

    python bench/bench_documents.py [--doctors 60] [--per-doctor 25] [--repeat 7] [--locale ko]

Plain data, no database: this measures the document layer alone (font fallback, tables, page layout).
Both figures are warm: the fonts are registered and each renderer has run once before timing.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.pdfgen.canvas import Canvas

from app.documents import daily_list, fonts
from app.documents.layout import ClinicHeader
from app.i18n import LOCALES

PATIENTS = ("김민준", "王秀英", "Иванов Иван Петрович", "Ștefănescu Țuțu", "Smith John", "박서연", "李娜",
            "Popescu Maria-Magdalena Alexandrina", "Смирнова Ольга", "Garcia Emily")
SERVICES = ("초진 진료", "复诊", "Повторный приём", "Consultație pediatrie", "Vaccination")
STATUSES = ("Booked", "Confirmed", "Arrived", "Completed", "Cancelled")


def sample(doctors: int, per_doctor: int) -> daily_list.DailyList:
    """A busy day: ``doctors`` doctors with ``per_doctor`` back-to-back 20-minute appointments each."""
    start = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    rows = []
    for d in range(doctors):
        doctor = daily_list.DailyListDoctor(id=d + 1, name=f"Dr. {PATIENTS[d % len(PATIENTS)]} {d + 1}",
                                            specialty=SERVICES[d % len(SERVICES)])
        for i in range(per_doctor):
            at = start + timedelta(minutes=20 * i)
            status = STATUSES[(d + i) % len(STATUSES)]
            rows.append(daily_list.DailyListRow(
                start_at=at, end_at=at + timedelta(minutes=20), doctor=doctor,
                patient_name=PATIENTS[(d * 7 + i) % len(PATIENTS)], phone=f"+82 10 {1000 + d:04d} {5000 + i:04d}",
                service=SERVICES[i % len(SERVICES)], status=status, active=status != "Cancelled",
                first_visit=i % 4 == 0,
            ))
    clinic = ClinicHeader(legal_name="서울 가정의학과 의원", address="서울특별시 강남구 테헤란로 1",
                          phone="+82 2 555 0100", tax_id="123-45-67890")
    return daily_list.DailyList(clinic=clinic, day=date(2026, 11, 23), zone="Asia/Seoul",
                                printed_at=datetime(2026, 11, 23, 1, 0, tzinfo=UTC), rows=tuple(rows))


def minimal_pdf() -> bytes:
    """The baseline: one line of text on one page with an embedded TrueType font."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, initialFontName=fonts.BASE_FONT)
    canvas.setFont(fonts.BASE_FONT, 12)
    canvas.drawString(72, 720, "Appointments for November 23, 2026")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(work: Callable[[], bytes], repeat: int) -> tuple[float, int]:
    """Median seconds over ``repeat`` warm runs, and the output's size."""
    size = len(work())
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doctors", type=int, default=60)
    parser.add_argument("--per-doctor", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--locale", choices=LOCALES, default="ko")
    args = parser.parse_args()

    began = time.perf_counter()
    fonts.register()
    registering = time.perf_counter() - began
    data = sample(args.doctors, args.per_doctor)
    listing, listing_size = timed(lambda: daily_list.render(data, args.locale), args.repeat)
    baseline, baseline_size = timed(minimal_pdf, args.repeat)
    rows = args.doctors * args.per_doctor
    print(f"font registration (once per process): {registering * 1000:8.1f} ms")
    print(f"daily list, {args.doctors} doctors x {args.per_doctor} = {rows} rows, {args.locale}: "
          f"{listing * 1000:8.1f} ms median of {args.repeat} ({listing_size / 1024:.0f} KiB, "
          f"{listing / rows * 1e6:.0f} us per row)")
    print(f"one-line ReportLab PDF (baseline):    {baseline * 1000:8.1f} ms median of {args.repeat} "
          f"({baseline_size / 1024:.0f} KiB)")
    print(f"ratio daily list / baseline:          {listing / baseline:8.1f}x")


if __name__ == "__main__":
    main()
