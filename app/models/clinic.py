"""The clinic's profile: who it is, where it is, its currency, language and time zone, and its rules."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CallDisplay(enum.StrEnum):
    """How the waiting room's "now calling" screen names a called patient (a privacy choice)."""

    TICKET = "ticket"
    SHORT_NAME = "short_name"


class Clinic(Base):
    __tablename__ = "clinic"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(String(400), default="")
    tax_id: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(3))
    default_locale: Mapped[str] = mapped_column(String(10))
    display_locale: Mapped[str] = mapped_column(String(10))
    time_zone: Mapped[str] = mapped_column(String(64))
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    slot_minutes: Mapped[int] = mapped_column(default=15)
    idle_lock_minutes: Mapped[int] = mapped_column(default=10)
    wait_warning_minutes: Mapped[int] = mapped_column(default=20)
    call_display: Mapped[CallDisplay] = mapped_column(default=CallDisplay.TICKET)
    created_at: Mapped[datetime]


class Room(Base):
    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class Department(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
