"""A cashier's process for the kill test: takes one cash payment, says when it is inside the transaction
(its receipt number drawn, rows written, not committed) or after the commit, then waits to be killed.

Usage: python -m tests.support.paying_child URL PATIENT_ID INVOICE_ID before|after
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal

from app.context import Context
from app.db import open_database
from app.models.billing import PaymentMethod
from app.services import auth, payments
from app.services.payments import PaymentPart, PaymentRequest
from app.services.uow import UnitOfWork
from tests.builders import ADMIN_PASSWORD


def main() -> None:
    url, patient_id, invoice_id, when = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    ctx = Context(db=open_database(url), audit_key=b"test-audit-key-0123456789abcdef!", workstation="desk-1")
    auth.sign_in(ctx, "admin", ADMIN_PASSWORD)
    real_record = UnitOfWork.record

    def record_then_hang(uow: UnitOfWork, *args: object) -> None:
        real_record(uow, *args)  # type: ignore[arg-type]
        if when == "before":
            uow.session.flush()
            print("inside", flush=True)
            time.sleep(60)

    UnitOfWork.record = record_then_hang  # type: ignore[method-assign]
    result = payments.take_payment(ctx, PaymentRequest(patient_id, (PaymentPart(PaymentMethod.CASH,
                                                                                 Decimal(30000)),), invoice_id))
    print(f"committed {result.receipt}", flush=True)
    time.sleep(60)


if __name__ == "__main__":
    main()
