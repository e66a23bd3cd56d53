"""Gapless numbers for receipts, shifts, certificates: one counter row per series and year.

The counter is incremented with ``UPDATE ... RETURNING`` in the same transaction as the document it
numbers, so a rolled-back document gives its number back and the numbers stay exactly 1..N. Database
sequences are not gapless: nextval is never rolled back (PITFALLS).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models.billing import NumberCounter


def next_number(session: Session, series: str, year: int) -> int:
    """The next number of ``series`` in ``year``; holds the counter's row lock until the commit."""
    stmt = (
        update(NumberCounter)
        .where(NumberCounter.series == series, NumberCounter.year == year)
        .values(last=NumberCounter.last + 1)
        .returning(NumberCounter.last)
    )
    number = session.scalar(stmt)
    if number is not None:
        return int(number)
    dialect_insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        dialect_insert(NumberCounter).values(series=series, year=year, last=0).on_conflict_do_nothing()
    )
    return int(session.scalar(stmt))  # type: ignore[arg-type]
