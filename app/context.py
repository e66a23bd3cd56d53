"""The Context every service call receives: the database, the clock, the bus, who is acting, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.clock import Clock, SystemClock
from app.db import Database
from app.events import EventBus
from app.models.staff import Role


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member."""

    user_id: int
    username: str
    full_name: str
    roles: frozenset[Role]


@dataclass(frozen=True)
class ClinicProfile:
    """What services and views need of the clinic on every call, read once per change."""

    id: int
    legal_name: str
    short_name: str
    address: str
    tax_id: str
    phone: str
    email: str
    currency: str
    default_locale: str
    display_locale: str
    time_zone: str
    slot_minutes: int
    idle_lock_minutes: int
    wait_warning_minutes: int
    has_logo: bool

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def money_quantum(self) -> Decimal:
        from app.i18n import currency_digits

        return Decimal(1).scaleb(-currency_digits(self.currency))


@dataclass
class Context:
    db: Database
    audit_key: bytes
    workstation: str
    clock: Clock = field(default_factory=SystemClock)
    bus: EventBus = field(default_factory=EventBus)
    actor: Actor | None = None
    _clinic: ClinicProfile | None = None

    def clinic(self) -> ClinicProfile:
        """The clinic's profile (cached; the clinic service refreshes it when it changes)."""
        if self._clinic is None:
            from app.services.clinic import load_profile

            self._clinic = load_profile(self.db)
        return self._clinic

    def forget_clinic(self) -> None:
        self._clinic = None
