"""The receipt read back from its PDF in every language: number, total and patient exactly there, fonts
embedded, an 80 mm roll as long as its content (or an A5 page), "Copy" on a reprint."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from app.documents.layout import ClinicHeader
from app.documents.receipt import ReceiptData, ReceiptLine, ReceiptPayment, render_receipt
from app.i18n import LOCALES, format_money, gettext
from app.labels import LABELS
from app.models.billing import PaymentMethod
from tests.documents.pdf import flat, fonts, text

D = Decimal
PATIENTS = {"en": "Emily Clarke", "ko": "김민준", "ru": "Иванова Мария Петровна", "ro": "Ionescu Andreea",
            "zh_CN": "王秀英"}


def _data(patient: str, *, lines: int = 2, copy: bool = False) -> ReceiptData:
    method = LABELS[PaymentMethod]
    items = tuple(ReceiptLine(f"초진 진찰료 · consultation {i}", D(1), D(33000), D(3300) if i == 0 else D(0),
                              "경로 우대" if i == 0 else "", D(29700) if i == 0 else D(33000)) for i in range(lines))
    total = sum((line.total for line in items), D(0))
    return ReceiptData(
        clinic=ClinicHeader("서울 가정의학과 의원", "서울특별시 강남구 테헤란로 1", "+82 2 555 0100", "123-45-67890"),
        number="2026-000123", issued_at=datetime(2026, 11, 23, 1, 5, tzinfo=UTC), zone="Asia/Seoul",
        currency="KRW", patient_name=patient, cashier_name="Park Ji-hoon",
        payments=(ReceiptPayment(method[PaymentMethod.CARD], total - D(20000)),
                  ReceiptPayment(method[PaymentMethod.CASH], D(20000))),
        lines=items, invoice_number="2026-000045", subtotal=total + D(3300), discount=D(3300), tax=D(2700),
        total=total, tendered=D(50000), change=D(30000), copy=copy)


@pytest.mark.parametrize("locale", LOCALES)
def test_receipt_in_each_language_reads_back(locale, artifacts_dir):
    data = _data(PATIENTS[locale])
    pdf = render_receipt(data, locale)
    (artifacts_dir / f"receipt_{locale}.pdf").write_bytes(pdf)
    content = flat(text(pdf))
    assert "2026-000123" in content
    assert PATIENTS[locale] in content
    assert flat(format_money(data.total, "KRW", locale)) in content
    assert gettext("Cash receipt", locale) in content
    assert all(fonts(pdf).values()), fonts(pdf)
    page = PdfReader(io.BytesIO(pdf)).pages
    assert len(page) == 1
    assert float(page[0].mediabox.width) == pytest.approx(80 * mm, abs=0.01)


def test_roll_grows_with_its_content_and_a5_is_a5():
    short, long = (PdfReader(io.BytesIO(render_receipt(_data("김민준", lines=n), "ko"))).pages for n in (1, 30))
    assert len(short) == len(long) == 1
    assert float(long[0].mediabox.height) > float(short[0].mediabox.height) + 100 * mm
    a5 = PdfReader(io.BytesIO(render_receipt(_data("김민준"), "ko", "a5"))).pages[0]
    assert (round(float(a5.mediabox.width) / mm), round(float(a5.mediabox.height) / mm)) == (148, 210)


def test_reprint_is_marked_as_a_copy():
    original = flat(text(render_receipt(_data("Иванова"), "ru")))
    copy = flat(text(render_receipt(_data("Иванова", copy=True), "ru")))
    assert gettext("COPY", "ru") not in original
    assert gettext("COPY", "ru") in copy


def test_z_report_reads_back_with_expected_counted_and_difference(artifacts_dir):
    from app.documents.shift_report import MethodLine, ShiftReportData, render_shift_report

    method = LABELS[PaymentMethod]
    data = ShiftReportData(
        clinic=ClinicHeader("서울 가정의학과 의원", "서울특별시 강남구 테헤란로 1", "+82 2 555 0100", "123-45-67890"),
        number="2026-000007", cashier_name="Park Ji-hoon", zone="Asia/Seoul", currency="KRW",
        opened_at=datetime(2026, 11, 22, 23, 30, tzinfo=UTC), closed_at=datetime(2026, 11, 23, 9, 40, tzinfo=UTC),
        printed_at=datetime(2026, 11, 23, 9, 41, tzinfo=UTC), opening_float=D(200000), cash_in=D(155000),
        cash_out=D(5000), expected_cash=D(350000), counted_cash=D(349000),
        methods=(MethodLine(method[PaymentMethod.CASH], 6, D(155000), D(5000)),
                 MethodLine(method[PaymentMethod.CARD], 11, D(420000), D(0))))
    for locale in ("ru", "zh_CN"):
        pdf = render_shift_report(data, locale)
        (artifacts_dir / f"z_report_{locale}.pdf").write_bytes(pdf)
        content = flat(text(pdf))
        assert "2026-000007" in content
        for amount in (D(350000), D(349000), D(-1000)):
            assert flat(format_money(amount, "KRW", locale)) in content
        assert all(fonts(pdf).values())
