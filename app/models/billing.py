"""Invoices, payments, refunds, deposits, cash shifts, and the gapless number counters.

Numbers that must be accounted for (receipts, shifts, certificates) come from one counter row per series
and year, incremented in the same transaction as the document: PostgreSQL sequences leave gaps on
rollback (PITFALLS). A refund can never exceed its payment: ``refunded`` only grows by a conditional
update, and a check constraint stands behind it.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.types import ExactDecimal, Money


class NumberCounter(Base):
    __tablename__ = "number_counter"

    series: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class InvoiceStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    CANCELLED = "cancelled"


class InvoiceKind(enum.StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class Invoice(Base):
    __tablename__ = "invoice"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[InvoiceKind] = mapped_column(default=InvoiceKind.INVOICE)
    year: Mapped[int | None]
    number: Mapped[int | None]
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    corrects_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    status: Mapped[InvoiceStatus] = mapped_column(default=InvoiceStatus.DRAFT)
    currency: Mapped[str] = mapped_column(String(3))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]
    issued_at: Mapped[datetime | None]
    #: Why a credit note was issued or an invoice cancelled.
    note: Mapped[str] = mapped_column(String(400), default="")

    lines: Mapped[list[InvoiceLine]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="InvoiceLine.position"
    )


class DiscountKind(enum.StrEnum):
    NONE = "none"
    PERCENT = "percent"
    AMOUNT = "amount"


class InvoiceLine(Base):
    __tablename__ = "invoice_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        CheckConstraint("unit_price >= 0", name="unit_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(ExactDecimal(scale=3, precision=12))
    unit_price: Mapped[Decimal] = mapped_column(Money())
    discount_kind: Mapped[DiscountKind] = mapped_column(default=DiscountKind.NONE)
    discount_value: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    discount_reason: Mapped[str] = mapped_column(String(200), default="")
    tax_rate: Mapped[Decimal] = mapped_column(ExactDecimal(scale=2, precision=5), default=Decimal(0))
    #: The discount and tax in money, as rounded when the line was issued (the rules may change later).
    discount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(Money())


class ShiftStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CashShift(Base):
    __tablename__ = "cash_shift"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        Index("uq_cash_shift_open_workstation", "workstation", unique=True,
              postgresql_where=text("status = 'open'"), sqlite_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int | None]
    number: Mapped[int | None]
    cashier_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    workstation: Mapped[str] = mapped_column(String(80))
    status: Mapped[ShiftStatus] = mapped_column(default=ShiftStatus.OPEN)
    opening_float: Mapped[Decimal] = mapped_column(Money())
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    expected_cash: Mapped[Decimal | None] = mapped_column(Money())
    counted_cash: Mapped[Decimal | None] = mapped_column(Money())


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    MOBILE = "mobile"
    INSURANCE = "insurance"
    DEPOSIT = "deposit"


class Payment(Base):
    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount"),
        CheckConstraint("refunded >= 0 AND refunded <= amount", name="refunded"),
        UniqueConstraint("receipt_year", "receipt_number", "receipt_part"),
        Index("ix_payment_taken_at", "taken_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("cash_shift.id"), index=True)
    method: Mapped[PaymentMethod]
    amount: Mapped[Decimal] = mapped_column(Money())
    tendered: Mapped[Decimal | None] = mapped_column(Money())
    refunded: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    receipt_year: Mapped[int]
    receipt_number: Mapped[int]
    #: The parts of a split payment (cash and card for one bill) share one receipt number.
    receipt_part: Mapped[int] = mapped_column(default=1)
    taken_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    taken_at: Mapped[datetime]


class Refund(Base):
    __tablename__ = "refund"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount"),
        UniqueConstraint("receipt_year", "receipt_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id"), index=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("cash_shift.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    reason: Mapped[str] = mapped_column(String(400))
    receipt_year: Mapped[int]
    receipt_number: Mapped[int]
    refunded_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    refunded_at: Mapped[datetime]


class DepositEntry(Base):
    """A movement on a patient's prepaid deposit: positive when money is put in, negative when used."""

    __tablename__ = "deposit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]


class BillingRules(Base):
    """The clinic's billing rules: one row (id 1); without it the defaults hold."""

    __tablename__ = "billing_rules"
    __table_args__ = (
        CheckConstraint("id = 1", name="single"),
        CheckConstraint("discount_limit_percent >= 0", name="discount_limit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    #: A discount above this share of a line's amount needs the LARGE_DISCOUNT permission.
    discount_limit_percent: Mapped[Decimal] = mapped_column(ExactDecimal(scale=2, precision=5),
                                                            default=Decimal(10))
    #: Whether listed prices already hold the tax (then the tax is the part of the total it makes up).
    prices_include_tax: Mapped[bool] = mapped_column(default=True)
