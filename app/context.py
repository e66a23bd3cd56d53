"""The Context every service call receives: the database, the clock, the bus, who is acting, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.clock import Clock, SystemClock
from app.db import Database
from app.errors import Conflict
from app.events import EventBus
from app.i18n import N_, currency_digits
from app.models.clinic import CallDisplay, Clinic
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
    call_display: CallDisplay = CallDisplay.TICKET

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def money_quantum(self) -> Decimal:
        return Decimal(1).scaleb(-currency_digits(self.currency))


def profile_of(row: Clinic) -> ClinicProfile:
    return ClinicProfile(
        id=row.id, legal_name=row.legal_name, short_name=row.short_name, address=row.address, tax_id=row.tax_id,
        phone=row.phone, email=row.email, currency=row.currency, default_locale=row.default_locale,
        display_locale=row.display_locale, time_zone=row.time_zone, slot_minutes=row.slot_minutes,
        idle_lock_minutes=row.idle_lock_minutes, wait_warning_minutes=row.wait_warning_minutes,
        has_logo=row.logo_png is not None, call_display=row.call_display,
    )


def load_profile(db: Database) -> ClinicProfile:
    with db.read() as session:
        row = session.scalars(select(Clinic).limit(1)).one_or_none()
    if row is None:
        raise Conflict(N_("This database holds no clinic yet. Run the setup first."))
    return profile_of(row)


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
            self._clinic = load_profile(self.db)
        return self._clinic

    def prepare(self) -> None:
        """Read the clinic profile now, if there is a clinic yet, so that a service never opens a second
        connection for it while holding a write transaction (on SQLite that waits on its own lock)."""
        if self._clinic is None:
            try:
                self._clinic = load_profile(self.db)
            except Conflict:
                return

    def forget_clinic(self) -> None:
        self._clinic = None
