"""The price list: services with a code, names in the clinic's languages, price, tax and duration."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base
from app.models.types import ExactDecimal, Money


class ServiceCategory(Base):
    __tablename__ = "service_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    color: Mapped[str] = mapped_column(String(7), default="#9db7d5")


class Service(Base):
    __tablename__ = "service"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price"),
        CheckConstraint("duration_minutes > 0", name="duration"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("service_category.id"))
    price: Mapped[Decimal] = mapped_column(Money())
    tax_rate: Mapped[Decimal] = mapped_column(ExactDecimal(scale=2, precision=5), default=Decimal(0))
    duration_minutes: Mapped[int] = mapped_column(default=15)
    #: After a visit for this service the patient is due back in this many months (the recall worklist).
    recall_months: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)

    names: Mapped[list[ServiceName]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class ServiceName(Base):
    """The service's name in one of the clinic's languages (the price list prints in any of them)."""

    __tablename__ = "service_name"

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    locale: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
