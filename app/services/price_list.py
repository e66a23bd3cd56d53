"""The price list: services with a code, a name in each of the clinic's languages, category, price, tax and
the default duration the schedule books.

Invoices copy a service's description and price into their lines when they are issued, so changing a price
here never alters an invoice already issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import LOCALES, N_
from app.models.catalog import Service, ServiceCategory, ServiceName
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import clean_text, money

MAX_TAX_RATE = Decimal(100)
MAX_DURATION_MINUTES = 12 * 60


@dataclass(frozen=True)
class Category:
    id: int
    name: str


@dataclass(frozen=True)
class ServiceInput:
    code: str
    names: dict[str, str]
    price: Decimal
    category_id: int | None = None
    tax_rate: Decimal = Decimal(0)
    duration_minutes: int = 15
    active: bool = True


@dataclass(frozen=True)
class ServiceView:
    id: int
    code: str
    name: str
    names: dict[str, str] = field(hash=False)
    category_id: int | None
    category: str
    price: Decimal
    tax_rate: Decimal
    duration_minutes: int
    active: bool


def name_in(names: dict[str, str], locale: str, fallback: str) -> str:
    return names.get(locale) or fallback


def _view(service: Service, categories: dict[int, str], locale: str) -> ServiceView:
    names = {n.locale: n.name for n in service.names}
    return ServiceView(
        id=service.id, code=service.code, name=name_in(names, locale, service.name), names=names,
        category_id=service.category_id, category=categories.get(service.category_id or 0, ""),
        price=service.price, tax_rate=service.tax_rate, duration_minutes=service.duration_minutes,
        active=service.active,
    )


def _categories(session: Session) -> dict[int, str]:
    return dict(session.execute(select(ServiceCategory.id, ServiceCategory.name)).all())


def categories(ctx: Context) -> list[Category]:
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        return [Category(id, name) for id, name in sorted(_categories(session).items(), key=lambda kv: kv[1])]


def services(ctx: Context, locale: str, *, include_inactive: bool = False) -> list[ServiceView]:
    """The price list in ``locale`` (a service without a name in it shows its main name), by code."""
    require(ctx, Permission.VIEW_CASHIER)
    stmt = select(Service).order_by(Service.code)
    if not include_inactive:
        stmt = stmt.where(Service.active.is_(True))
    with ctx.db.read() as session:
        cats = _categories(session)
        return [_view(s, cats, locale) for s in session.scalars(stmt)]


def _clean(ctx: Context, data: ServiceInput) -> tuple[str, dict[str, str], Decimal, Decimal]:
    code = clean_text(data.code, N_("Code"), max_length=20, required=True)
    names = {locale: clean_text(data.names.get(locale, ""), N_("Name"), max_length=160) for locale in LOCALES}
    main = ctx.clinic().default_locale
    if not names.get(main):
        raise InvalidInput(N_("The service needs a name in the clinic's main language."), field=N_("Name"))
    price = money(data.price, ctx.clinic().currency, N_("Price"), allow_zero=True)
    tax = Decimal(data.tax_rate)
    if tax < 0 or tax > MAX_TAX_RATE or tax != tax.quantize(Decimal("0.01")):
        raise InvalidInput(N_("{field} must be a percentage between 0 and 100."), field=N_("Tax rate"))
    if not 0 < data.duration_minutes <= MAX_DURATION_MINUTES:
        raise InvalidInput(N_("{field} must be between 1 and {limit} minutes."), field=N_("Duration"),
                           limit=MAX_DURATION_MINUTES)
    return code, {k: v for k, v in names.items() if v}, price, tax


def _set_names(service: Service, names: dict[str, str]) -> None:
    """Change the names in place: replacing the rows would insert a (service, locale) key before deleting it."""
    kept = {row.locale: row for row in service.names}
    for locale, row in kept.items():
        if locale in names:
            row.name = names[locale]
        else:
            service.names.remove(row)
    service.names.extend(ServiceName(locale=locale, name=name) for locale, name in names.items()
                         if locale not in kept)


def save_service(ctx: Context, data: ServiceInput, service_id: int | None = None) -> ServiceView:
    """Add a service (``service_id`` None) or change one; issued invoices keep their own copies."""
    require(ctx, Permission.MANAGE_PRICES)
    code, names, price, tax = _clean(ctx, data)
    with unit_of_work(ctx) as uow:
        session = uow.session
        if data.category_id is not None and session.get(ServiceCategory, data.category_id) is None:
            raise NotFound(N_("This category no longer exists."))
        taken = session.scalar(select(func.count()).select_from(Service).where(
            func.lower(Service.code) == code.lower(), Service.id != (service_id or 0)))
        if taken:
            raise Conflict(N_("Another service already has the code {code}."), code=code)
        if service_id is None:
            service = Service(code=code, name="", price=price)
            session.add(service)
        else:
            found = session.get(Service, service_id)
            if found is None:
                raise NotFound(N_("This service no longer exists."))
            service = found
        before = {"price": str(service.price), "code": service.code} if service_id else {}
        service.code, service.price, service.tax_rate = code, price, tax
        service.name = names[ctx.clinic().default_locale]
        service.category_id, service.duration_minutes, service.active = (
            data.category_id, data.duration_minutes, data.active)
        _set_names(service, names)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(N_("Another service already has the code {code}."), code=code) from None
        uow.record("save", "service", service.id,
                   {"before": before, "code": code, "price": str(price), "tax_rate": str(tax),
                    "active": data.active, "names": names})
        uow.emit(Topic.SERVICES, service.id)
        return _view(service, _categories(session), ctx.clinic().default_locale)
