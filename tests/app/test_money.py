"""Money is exact on both databases: large amounts, whole-won amounts, and sums of many small amounts."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError

from app.errors import InvalidInput
from app.models.catalog import Service
from app.services.validation import money


def _add_service(ctx, code: str, price: Decimal) -> None:
    with ctx.db.write() as session:
        session.add(Service(code=code, name=code, price=price, duration_minutes=15))


def _price(ctx, code: str) -> Decimal:
    with ctx.db.read() as session:
        return session.scalar(select(Service.price).where(Service.code == code))


@pytest.mark.parametrize("amount", ["1234567890123456.78", "0.01", "1500000", "999999999999999.99"])
def test_amount_round_trips_exactly(ctx, amount):
    _add_service(ctx, "X", Decimal(amount))
    assert _price(ctx, "X") == Decimal(amount)
    assert str(_price(ctx, "X")) == str(Decimal(amount).quantize(Decimal("0.01")))


def test_sum_of_many_small_amounts_is_exact(ctx):
    with ctx.db.write() as session:
        session.add_all(
            Service(code=f"S{i}", name="s", price=Decimal("0.10") if i % 2 else Decimal("0.20"), duration_minutes=5)
            for i in range(1000)
        )
    with ctx.db.read() as session:
        total = session.scalar(select(func.sum(Service.price)))
    assert total == Decimal("150.00")


@pytest.mark.parametrize("price", [0.1, Decimal("1.005")], ids=["float", "three-places"])
def test_inexact_prices_are_refused_not_rounded(ctx, price):
    with ctx.db.write() as session:
        session.add(Service(code="F", name="f", price=price, duration_minutes=5))
        with pytest.raises(StatementError):
            session.flush()
        session.rollback()


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [("1500", "KRW", Decimal(1500)), ("12.50", "RON", Decimal("12.50")), ("0.01", "RUB", Decimal("0.01"))],
)
def test_money_accepts_amounts_within_the_currency(value, currency, expected):
    assert money(value, currency, "Amount") == expected


@pytest.mark.parametrize(
    ("value", "currency"),
    [("1500.5", "KRW"), ("12.505", "RON"), ("0", "RUB"), ("-5", "CNY"), ("1e15", "CNY"), ("abc", "RON"),
     ("NaN", "RON")],
)
def test_money_rejects_bad_amounts(value, currency):
    with pytest.raises(InvalidInput):
        money(value, currency, "Amount")
