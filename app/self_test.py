"""The throwaway clinic ``main.py --self-test`` runs on, and the document it prints.

The self-test proves an installed build works end to end (database and migrations, services, documents,
fonts, languages) without touching the workstation's own clinic: everything lives in a temporary folder
that ``CLINIC_DESK_HOME`` points at for the run.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.context import Context
from app.db import open_database
from app.documents.receipt import ReceiptData, ReceiptLine, ReceiptPayment, render_receipt
from app.labels import LABELS
from app.migrate import upgrade
from app.models.billing import PaymentMethod
from app.services import auth, clinic
from app.services.clinic import ClinicDetails
from app.services.printouts import clinic_header

#: A patient whose name needs the CJK font, so a receipt without it fails the check.
PATIENT = "王秀英"

#: Its name in the three scripts the documents' fonts must cover, so a missing glyph shows in the check.
CLINIC = ClinicDetails(
    legal_name="Self-test clinic · 자가 점검 의원 · 自检诊所 · Клиника самопроверки",
    short_name="Self-test clinic",
    address="1 Test Street",
    tax_id="000-00-00000",
    phone="+82 2 000 0000",
    email="self-test@clinic-desk.example",
    currency="KRW",
    default_locale="en",
    time_zone="Asia/Seoul",
)


def open_sample_clinic(folder: Path) -> Context:
    """A new SQLite clinic in ``folder`` at the current schema, with its administrator signed in."""
    database = open_database(f"sqlite:///{folder / 'self-test.sqlite3'}")
    upgrade(database)
    ctx = Context(db=database, audit_key=secrets.token_bytes(32), workstation="self-test")
    password = secrets.token_urlsafe(16)
    clinic.set_up(ctx, CLINIC, "self-test", "Self-test", password)
    auth.sign_in(ctx, "self-test", password)
    return ctx


@dataclass(frozen=True)
class SampleDocument:
    name: str
    pdf: bytes
    #: Texts the document must contain when read back (in Latin, Hangul, Han and Cyrillic script).
    expected_texts: tuple[str, ...]


def sample_document(ctx: Context, locale: str) -> SampleDocument:
    """A cash receipt of the sample clinic (80 mm roll), in ``locale``: one consultation paid by card."""
    profile = ctx.clinic()
    price = Decimal(30000)
    data = ReceiptData(
        clinic=clinic_header(profile), number="2026-000001", issued_at=ctx.clock.now(), zone=profile.time_zone,
        currency=profile.currency, patient_name=PATIENT, cashier_name="Self-test",
        payments=(ReceiptPayment(LABELS[PaymentMethod][PaymentMethod.CARD], price),),
        lines=(ReceiptLine("Consultation", Decimal(1), price, Decimal(0), "", price),),
        subtotal=price, total=price,
    )
    return SampleDocument("receipt", render_receipt(data, locale), (PATIENT, CLINIC.legal_name))
