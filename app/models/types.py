"""Column types that keep money exact and time zone-aware on both databases.

SQLite's NUMERIC is a float in disguise (``1234567890123456.78`` came back as ``...56.75``; PITFALLS), so
money is stored there as an integer count of hundredths; PostgreSQL keeps a real NUMERIC. Datetimes are
stored in UTC: PostgreSQL as ``timestamptz``, SQLite as fixed-width ISO text, so that text order is time
order and the overlap trigger can compare them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Float, Numeric, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine

MONEY_SCALE = 2
_SQLITE_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal with a fixed number of places: NUMERIC on PostgreSQL, scaled integer on SQLite."""

    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int = MONEY_SCALE, precision: int = 18) -> None:
        super().__init__()
        self.scale = scale
        self.precision = precision
        self._quantum = Decimal(1).scaleb(-scale)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(scale={self.scale}, precision={self.precision})"

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Decimal | int | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money and exact quantities are never floats")
        exact = Decimal(value)
        if exact != exact.quantize(self._quantum):
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        if dialect.name == "sqlite":
            return int(exact.scaleb(self.scale))
        return exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale).quantize(self._quantum)
        return Decimal(value).quantize(self._quantum)


class Money(ExactDecimal):
    """An amount in the clinic's currency, exact to the hundredth (KRW uses whole units)."""

    cache_ok = True

    def __init__(self) -> None:
        super().__init__(scale=MONEY_SCALE, precision=18)

    def __repr__(self) -> str:
        return "Money()"


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored in UTC; a naive one is refused rather than guessed."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(26))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach the clinic's time zone first")
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return utc.strftime(_SQLITE_TIME_FORMAT)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            return _parse_sqlite_time(value)
        return value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], datetime | None] | None:
        """On SQLite, the parse without TypeDecorator's generic wrapper around it (a third of a day grid's read)."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def process(value: str | None) -> datetime | None:
            return None if value is None else _parse_sqlite_time(value)

        return process


@lru_cache(maxsize=16384)
def _parse_sqlite_time(text: str) -> datetime:
    """SQLite's stored text as an aware datetime.

    Cached because read models repeat the same instants (a day's grid holds fifty start times for sixty
    doctors): a hit is a dictionary lookup, a parse and ``replace`` cost ten times that, and datetimes are
    immutable, so sharing one is safe.
    """
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def sqlite_timestamp(value: datetime) -> str:
    """The text form UTCDateTime stores on SQLite (for raw SQL such as triggers and benchmarks)."""
    return value.astimezone(UTC).strftime(_SQLITE_TIME_FORMAT)


class MinutesBetween(FunctionElement[float]):
    """``end - start`` in minutes, computed by the database for two UTCDateTime columns (NULL when either
    is). Reports over a month read one number per row this way instead of two parsed timestamps."""

    type = Float()
    inherit_cache = True


@compiles(MinutesBetween, "sqlite")
def _minutes_sqlite(element: MinutesBetween, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 1440.0)"


@compiles(MinutesBetween, "postgresql")
def _minutes_postgresql(element: MinutesBetween, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 60.0)"
