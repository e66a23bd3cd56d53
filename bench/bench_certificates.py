"""Certificates: one certificate PDF, warm, beside a one-line ReportLab PDF; and the register filtered over
100,000 certificates beside the same query as raw SQL on the driver, both in the same run.

    python bench/bench_certificates.py [--certificates 100000] [--repeat 30] [--locale ko]

The register figures go through ``certificates.register`` (permission check, ORM select, read models, totals);
the baseline runs the same joins and filters as one SQL string through the DB-API cursor and fetches the
rows as tuples. Filters are the dock's: a month, a month for one doctor, a month of one type, a year of
one patient, and a month's void certificates. The database is a fresh SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from app.clock import FixedClock
from app.context import Context
from app.db import open_database
from app.documents import certificate as document
from app.documents import fonts
from app.documents.layout import ClinicHeader
from app.i18n import LOCALES, NP_
from app.migrate import upgrade
from app.models.certificates import Certificate, CertificateKind, CertificateStatus, CertificateType, Regime
from app.models.patients import NameOrder, Patient
from app.models.staff import Doctor
from app.services import auth, certificates, clinic
from app.services.certificates import RegisterFilter
from app.services.clinic import ClinicDetails
from bench.bench_documents import minimal_pdf

NOW = datetime(2026, 12, 31, 3, 0, tzinfo=UTC)
DOCTORS = 40
PATIENTS = 20_000
NAMES = ("김민준", "王秀英", "Иванов Иван", "Ștefănescu Ioana", "Smith John", "박서연", "李娜", "Смирнова Ольга")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, float]:
    work()
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        samples.append(time.perf_counter() - began)
    return percentiles(samples)


def sample_certificate(locale: str) -> document.CertificateData:
    return document.CertificateData(
        clinic=ClinicHeader("서울 가정의학과 의원", "서울특별시 강남구 테헤란로 1", "+82 2 555 0100", "123-45-67890"),
        zone="Asia/Seoul", kind=document.CertificateKind.SICK_LEAVE, type_name="", body_template="",
        number="SL-2026-000123", issued_on=date(2026, 11, 23), patient_name="김민준",
        patient_birth_date=date(1990, 3, 14),
        addressee="(주)한빛", diagnosis="급성 기관지염", icd10="J20.9", period_from=date(2026, 11, 23),
        period_to=date(2026, 11, 27), chain_from=date(2026, 11, 18), continues_number="SL-2026-000120",
        regime=NP_("treatment regime", "Outpatient"), seen_at=None, doctor_name="이수진", second_signer_name="박민호",
        findings="", recommendations="", purpose="", custom=(), external_form="", verification_code="K7M2QX9P",
        qr_payload="CDV1|SL-2026-000123|2026-11-23|K7M2QX9P", reprinted_on=None,
        printed_at=datetime(2026, 11, 23, 1, 0, tzinfo=UTC),
    )


def build(folder: Path, count: int) -> tuple[Context, dict[str, int]]:
    """A clinic with ``count`` certificates spread over 2026, four types, 40 doctors, 20,000 patients."""
    db = open_database(f"sqlite:///{folder / 'register.sqlite3'}")
    upgrade(db)
    ctx = Context(db=db, audit_key=b"bench-key-0123456789abcdef012345", workstation="bench", clock=FixedClock(NOW))
    clinic.set_up(ctx, ClinicDetails(legal_name="Bench Clinic", short_name="Bench", address="", tax_id="", phone="",
                                     email="", currency="KRW", default_locale="ko", time_zone="Asia/Seoul"),
                  "admin", "Admin", "bench-password-1")
    auth.sign_in(ctx, "admin", "bench-password-1")
    rng = random.Random(7)
    with db.write() as session:
        kinds = list(session.scalars(insert(CertificateType).returning(CertificateType.id), [
            {"code": p, "kind": k, "name": n, "series_prefix": p, "number_digits": 6, "custom_fields": {},
             "body_template": "", "max_period_days": None}
            for p, k, n in (("SL", CertificateKind.SICK_LEAVE, "Sick leave"),
                            ("AT", CertificateKind.ATTENDANCE, "Attendance"),
                            ("MC", CertificateKind.MEDICAL, "Medical"), ("SN", CertificateKind.CUSTOM, "School"))]))
        doctors = list(session.scalars(insert(Doctor).returning(Doctor.id), [
            {"full_name": f"Dr. {NAMES[i % len(NAMES)]} {i}", "specialty": "Family medicine"} for i in range(DOCTORS)]))
        patients = list(session.scalars(insert(Patient).returning(Patient.id), [
            {"family_name": NAMES[i % len(NAMES)], "name_order": NameOrder.FAMILY_FIRST,
             "display_name": f"{NAMES[i % len(NAMES)]} {i}", "preferred_locale": "ko", "created_at": NOW}
            for i in range(PATIENTS)]))
        start = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
        seconds = int((NOW - start).total_seconds())
        moments = sorted(start + timedelta(seconds=rng.randrange(seconds)) for _ in range(count))
        numbers: dict[int, int] = {}
        rows = []
        for moment in moments:
            kind = rng.choice(kinds)
            numbers[kind] = numbers.get(kind, 0) + 1
            first = moment.date()
            status = CertificateStatus.VOID if rng.random() < 0.02 else CertificateStatus.ISSUED
            rows.append({
                "type_id": kind, "series": f"T{kind}", "year": 2026, "number": numbers[kind], "status": status,
                "patient_id": rng.choice(patients), "doctor_id": rng.choice(doctors), "locale": "ko",
                "period_from": first, "period_to": first + timedelta(days=rng.randint(0, 6)),
                "regime": Regime.OUTPATIENT, "fields": {}, "verification_code": "ABCDEFGH", "created_by": 1,
                "created_at": moment, "issued_by": 1, "issued_at": moment,
            })
        for chunk in range(0, len(rows), 10_000):
            session.execute(insert(Certificate), rows[chunk:chunk + 10_000])
    return ctx, {"doctor": doctors[3], "type": kinds[1], "patient": patients[11]}


RAW = """
SELECT c.id, c.series, c.year, c.number, t.number_digits, t.year_in_number, t.id, t.name, t.kind, p.id,
       p.display_name, d.id, d.full_name, c.issued_at, c.created_at, c.period_from, c.period_to, c.status,
       c.external_series, c.external_number, c.continues_id, c.void_reason
FROM certificate c JOIN certificate_type t ON t.id = c.type_id JOIN patient p ON p.id = c.patient_id
JOIN doctor d ON d.id = c.doctor_id
WHERE c.issued_at >= ? AND c.issued_at < ? {extra}
ORDER BY c.issued_at DESC, c.id DESC
"""


def raw_register(ctx: Context, flt: RegisterFilter) -> list[tuple[Any, ...]]:
    zone = ctx.clinic().zone
    start = datetime.combine(flt.first_day, datetime.min.time(), zone).astimezone(UTC)
    end = datetime.combine(flt.last_day + timedelta(days=1), datetime.min.time(), zone).astimezone(UTC)
    extra, params = "", [start.strftime("%Y-%m-%dT%H:%M:%S.%f"), end.strftime("%Y-%m-%dT%H:%M:%S.%f")]
    for column, value in (("c.doctor_id", flt.doctor_id), ("c.type_id", flt.type_id),
                          ("c.patient_id", flt.patient_id), ("c.status", flt.status)):
        if value is not None:
            extra += f" AND {column} = ?"
            params.append(str(value) if isinstance(value, CertificateStatus) else value)
    with ctx.db.engine.connect() as connection:
        cursor = connection.connection.cursor()
        cursor.execute(RAW.format(extra=extra), params)
        return cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--locale", choices=LOCALES, default="ko")
    args = parser.parse_args()

    fonts.register()
    data = sample_certificate(args.locale)
    pdf = timed(lambda: document.render(data, args.locale), args.repeat)
    baseline = timed(minimal_pdf, args.repeat)
    print(f"certificate PDF, {args.locale}, warm:     p50 {pdf[0] * 1000:7.1f} ms  p95 {pdf[1] * 1000:7.1f} ms")
    print(f"one-line ReportLab PDF (baseline): p50 {baseline[0] * 1000:7.1f} ms  p95 {baseline[1] * 1000:7.1f} ms")
    print(f"ratio (p50):                       {pdf[0] / baseline[0]:7.1f}x\n")

    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        ctx, ids = build(Path(folder), args.certificates)
        print(f"built {args.certificates:,} certificates in {time.perf_counter() - began:.1f} s")
        month = (date(2026, 11, 1), date(2026, 11, 30))
        filters = {
            "a month": RegisterFilter(*month),
            "a month, one doctor": RegisterFilter(*month, doctor_id=ids["doctor"]),
            "a month, one type": RegisterFilter(*month, type_id=ids["type"]),
            "a year, one patient": RegisterFilter(date(2026, 1, 1), date(2026, 12, 31), patient_id=ids["patient"]),
            "a month, void only": RegisterFilter(*month, status=CertificateStatus.VOID),
        }
        for name, flt in filters.items():
            rows = len(certificates.register(ctx, flt).rows)
            assert rows == len(raw_register(ctx, flt)), name
            service = timed(lambda flt=flt: certificates.register(ctx, flt), args.repeat)
            raw = timed(lambda flt=flt: raw_register(ctx, flt), args.repeat)
            print(f"register, {name:<22} {rows:6,} rows: service p50 {service[0] * 1000:7.1f} ms "
                  f"p95 {service[1] * 1000:7.1f} ms | raw SQL p50 {raw[0] * 1000:7.1f} ms "
                  f"p95 {raw[1] * 1000:7.1f} ms | {service[0] / raw[0]:4.1f}x")
        ctx.db.dispose()


if __name__ == "__main__":
    main()
