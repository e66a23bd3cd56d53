"""Each certificate type in each language: rendered, read back, fonts embedded, and the QR code decoded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from app.documents import certificate
from app.documents.certificate import CertificateData, CertificateKind
from app.documents.layout import ClinicHeader
from app.i18n import LOCALES, NP_, format_date
from tests.documents.pdf import flat, fonts, text

PATIENTS = {"en": "Emily Johnson", "ko": "김민준", "ru": "Фёдорова Анна Сергеевна", "ro": "Ștefănescu Ioana",
            "zh_CN": "王秀英"}
DIAGNOSES = {"en": "Acute bronchitis", "ko": "급성 기관지염", "ru": "Острый бронхит", "ro": "Bronșită acută",
             "zh_CN": "急性支气管炎"}
NUMBERS = {CertificateKind.SICK_LEAVE: "SL-2026-000123", CertificateKind.ATTENDANCE: "AT-2026-000045",
           CertificateKind.MEDICAL: "MC-2026-000007", CertificateKind.CUSTOM: "SN-2026-00002"}
CODE = "K7M2QX9P"
ISSUED = date(2026, 11, 23)
FIRST, LAST = date(2026, 11, 20), date(2026, 11, 24)


def _data(kind: CertificateKind, locale: str, *, reprinted: bool = False, diagnosis: str = "",
          number: str | None = None) -> CertificateData:
    number = NUMBERS[kind] if number is None else number
    sick = kind is CertificateKind.SICK_LEAVE
    has_period = kind in (CertificateKind.SICK_LEAVE, CertificateKind.CUSTOM)
    return CertificateData(
        clinic=ClinicHeader("서울 가정의학과 의원", "서울특별시 강남구 테헤란로 1", "+82 2 555 0100", "123-45-67890"),
        zone="Asia/Seoul", kind=kind, type_name="School absence note",
        body_template="{patient} could not attend school from {start} to {end} ({days}).",
        number=number, issued_on=ISSUED if number else None, patient_name=PATIENTS[locale],
        patient_birth_date=date(1990, 3, 14), addressee="ООО «Ромашка»" if sick else "",
        diagnosis=diagnosis or (DIAGNOSES[locale] if kind is not CertificateKind.ATTENDANCE else ""),
        icd10="J20.9" if sick else "", period_from=FIRST if has_period else None,
        period_to=LAST if has_period else None, chain_from=date(2026, 11, 15) if sick else None,
        continues_number="SL-2026-000120" if sick else "",
        regime=NP_("treatment regime", "Outpatient") if sick else None,
        seen_at=datetime(2026, 11, 23, 0, 30, tzinfo=UTC) if kind is CertificateKind.ATTENDANCE else None,
        doctor_name="이수진", second_signer_name="박민호" if sick else "",
        findings="Без патологии" if kind is CertificateKind.MEDICAL else "",
        recommendations="", purpose="수영장 · pool" if kind is CertificateKind.MEDICAL else "",
        custom=(("School", "Школа № 5"),) if kind is CertificateKind.CUSTOM else (),
        external_form="910 123 456 789" if sick else "", verification_code=CODE,
        qr_payload=f"CDV1|{number}|{ISSUED.isoformat()}|{CODE}",
        reprinted_on=date(2026, 11, 25) if reprinted else None,
        printed_at=datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", list(CertificateKind))
def test_each_type_reads_back_in_each_language(kind, locale, artifacts_dir: Path):
    pdf = certificate.render(_data(kind, locale), locale)
    (artifacts_dir / f"certificate-{kind}-{locale}.pdf").write_bytes(pdf)
    body = flat(text(pdf))
    assert NUMBERS[kind] in body
    assert PATIENTS[locale] in body
    assert CODE in body
    if kind in (CertificateKind.SICK_LEAVE, CertificateKind.CUSTOM):
        assert flat(format_date(FIRST, "long", locale)) in body
        assert flat(format_date(LAST, "long", locale)) in body
    if kind is CertificateKind.SICK_LEAVE:
        assert flat(certificate.days_text(5, locale)) in body
        assert flat(certificate.period_text(date(2026, 11, 15), LAST, locale)) in body  # the whole sick leave
    assert all(fonts(pdf).values()), fonts(pdf)


def test_the_wording_is_the_countrys_own():
    assert "Справка о временной нетрудоспособности" in flat(text(certificate.render(
        _data(CertificateKind.SICK_LEAVE, "ru"), "ru")))
    assert "진단서" in flat(text(certificate.render(_data(CertificateKind.MEDICAL, "ko"), "ko")))
    assert "病假证明" in flat(text(certificate.render(_data(CertificateKind.SICK_LEAVE, "zh_CN"), "zh_CN")))
    assert "Adeverință de prezentare la medic" in flat(text(certificate.render(
        _data(CertificateKind.ATTENDANCE, "ro"), "ro")))


def test_a_reprint_is_marked_duplicate_with_its_date_and_a_draft_has_no_number():
    reprint = flat(text(certificate.render(_data(CertificateKind.SICK_LEAVE, "ru", reprinted=True), "ru")))
    assert f"ДУБЛИКАТ — выдан повторно {flat(format_date(date(2026, 11, 25), 'long', 'ru'))}" in reprint
    original = flat(text(certificate.render(_data(CertificateKind.SICK_LEAVE, "ru"), "ru")))
    assert "ДУБЛИКАТ" not in original
    draft = flat(text(certificate.render(_data(CertificateKind.SICK_LEAVE, "en", number=""), "en")))
    assert "DRAFT — not valid until issued" in draft
    assert CODE not in draft


def test_the_qr_code_decodes_to_the_number_date_and_code():
    pdf = certificate.render(_data(CertificateKind.SICK_LEAVE, "ko"), "ko")
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=150 / 72).to_pil()
    found = [result.text for result in zxingcpp.read_barcodes(image)]
    assert found == [f"CDV1|SL-2026-000123|2026-11-23|{CODE}"]


def test_a_long_diagnosis_wraps_whole_and_one_too_long_for_its_box_is_refused_by_the_check():
    long = " ".join(f"слово{i}" for i in range(60))
    assert certificate.diagnosis_fits(long)
    body = flat(text(certificate.render(_data(CertificateKind.MEDICAL, "ru", diagnosis=long), "ru")))
    assert long in body
    assert not certificate.diagnosis_fits(long * 4)
