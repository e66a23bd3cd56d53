"""The complaint analysis report: read back in two languages, fonts embedded, pages saved for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from app.documents import complaint_report
from app.documents.complaint_report import Bar, ComplaintReport, DeadlineFigures, HighlightLine
from app.documents.layout import ClinicHeader
from app.i18n import gettext
from tests.documents import pdf

CLINIC = ClinicHeader("서울 가정의학과 의원", "서울특별시 강남구 테헤란로 1", "+82 2 555 0100", "123-45-67890")
LABELS = {
    "ko": {"complaint": "불만", "suggestion": "제안", "phone": "전화", "website": "웹사이트"},
    "ru": {"complaint": "Жалоба", "suggestion": "Предложение", "phone": "Телефон", "website": "Сайт"},
}


def _report(locale: str, kind: str = "week", empty: bool = False) -> ComplaintReport:
    t = LABELS[locale]
    return ComplaintReport(
        clinic=CLINIC, zone="Asia/Seoul", printed_at=datetime(2026, 11, 23, 1, 0, tzinfo=UTC), period_kind=kind,
        start=date(2026, 11, 16), end=date(2026, 11, 23), previous_start=date(2026, 11, 9),
        previous_end=date(2026, 11, 16), total=0 if empty else 14, previous_total=0 if empty else 9,
        breakdowns={} if empty else {
            "kind": (Bar(t["complaint"], 11, 8), Bar(t["suggestion"], 3, 1)),
            "channel": (Bar(t["phone"], 9, 4), Bar(t["website"], 5, 5)),
            "category": (Bar("대기 시간 · Waiting time", 7, 2), Bar("Оплата", 4, 4), Bar("", 3, 3)),
            "doctor": (Bar("Dr. Park Ji-min", 3, 0),),
        },
        acknowledgement=DeadlineFigures(11, 8, 2, 1, 5.5), resolution=DeadlineFigures(11, 5, 1, 5, 60.0),
        overdue_now=2, answered=6, satisfied=4, unsatisfied=1, category_kept=9, category_suggested=12,
        urgency_kept=10, urgency_suggested=14, repeats=() if empty else (("김민준", 3), ("Иванов Иван", 2)),
        highlights=() if empty else (HighlightLine(datetime(2026, 11, 20, 2, 0, tzinfo=UTC), t["complaint"], "!",
                                                   "대기 시간", "—", "예약 시간보다 50분 넘게 기다렸습니다"),),
    )


@pytest.mark.parametrize("locale", ["ko", "ru"])
def test_report_reads_back_in_its_language(locale, artifacts_dir):
    document = complaint_report.render(_report(locale), locale)
    text = pdf.flat(pdf.text(document))
    assert gettext("Weekly service opinion summary", locale) in text
    for expected in (gettext("By category", locale), gettext("Repeat complainants", locale),
                     gettext("What patients told us", locale), "김민준", "Иванов Иван", "Dr. Park Ji-min",
                     "예약 시간보다 50분 넘게 기다렸습니다", gettext("Not classified", locale)):
        assert expected in text, expected
    assert all(pdf.fonts(document).values()), "every font embedded"
    path = artifacts_dir / f"complaint_report_{locale}.pdf"
    path.write_bytes(document)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(path), str(path.with_suffix(""))], check=True)


def test_quarter_report_and_an_empty_period():
    quarter = pdf.flat(pdf.text(complaint_report.render(_report("ru", "quarter"), "ru")))
    assert gettext("Quarterly complaint analysis", "ru") in quarter
    empty = pdf.flat(pdf.text(complaint_report.render(_report("ko", "month", empty=True), "ko")))
    assert gettext("Nothing was received in this period.", "ko") in empty
