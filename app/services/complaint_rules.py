"""The clinic's complaint rules: categories, deadlines by category and urgency, keywords, who may see complaints.

Deadlines: the acknowledgement is due a number of hours after receipt (24 unless the clinic says otherwise);
the resolution a number of calendar days after receipt, counted in the clinic's zone, so that "7 days" from
Friday 10:00 is the next Friday 10:00 even across a change to or from summer time. The most specific rule
wins: this category and urgency, then this urgency in every category, then the category's own days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from app.events import Topic
from app.i18n import LOCALES, N_, active_locale
from app.models.complaints import (
    ComplaintCategory,
    ComplaintDeadlineRule,
    ComplaintViewerRole,
    Urgency,
    UrgencyKeywords,
)
from app.models.staff import Role
from app.services.permissions import Permission, can, require
from app.services.uow import unit_of_work
from app.services.validation import clean_text

DEFAULT_ACKNOWLEDGE_HOURS = 24
#: When a complaint has no category and no rule covers its urgency.
DEFAULT_RESOLVE_DAYS = 7
MAX_DEADLINE_DAYS = 365
MAX_KEYWORDS = 200
MAX_ACKNOWLEDGE_HOURS = 24 * 30


@dataclass(frozen=True)
class CategoryView:
    id: int
    code: str
    #: The name in the language asked for (the interface's), or the clinic's own name when none is set.
    name: str
    resolve_days: int
    keywords: dict[str, tuple[str, ...]]
    active: bool
    #: The clinic's own name (its default language) and the names set for other languages.
    base_name: str = ""
    names: dict[str, str] | None = None


@dataclass(frozen=True)
class DeadlineRuleView:
    id: int
    category_id: int | None
    urgency: Urgency
    acknowledge_hours: int
    resolve_days: int


@dataclass(frozen=True)
class Deadlines:
    acknowledge_due_at: datetime
    resolve_due_at: datetime


# -- who may see complaints -------------------------------------------------------------------------------


def viewer_roles(session: Session) -> frozenset[Role]:
    return frozenset(session.scalars(select(ComplaintViewerRole.role)).all()) | {Role.ADMINISTRATOR}


def require_view(ctx: Context, session: Session) -> None:
    """The actor may see complaints: the permission, and one of the roles the clinic allows."""
    actor = require(ctx, Permission.VIEW_COMPLAINTS)
    if not actor.roles & viewer_roles(session):
        raise PermissionDenied(N_("The clinic does not let your role see complaints."))


def may_view(ctx: Context) -> bool:
    """Whether the signed-in actor may see complaints (the dock hides itself from the others)."""
    if not can(ctx.actor, Permission.VIEW_COMPLAINTS) or ctx.actor is None:
        return False
    return bool(ctx.actor.roles & allowed_viewers(ctx))


def allowed_viewers(ctx: Context) -> frozenset[Role]:
    with ctx.db.read() as session:
        return viewer_roles(session)


def set_viewer_roles(ctx: Context, roles: set[Role]) -> None:
    """The roles that may see complaints; the administrator always may, and cannot be left out."""
    actor = require(ctx, Permission.MANAGE_CLINIC)
    if Role.ADMINISTRATOR not in roles or not actor.roles & set(roles):
        raise InvalidInput(N_("The administrator must keep access to complaints."))
    chosen = sorted(set(roles))
    with unit_of_work(ctx) as uow:
        uow.session.execute(delete(ComplaintViewerRole))
        uow.session.add_all([ComplaintViewerRole(role=role) for role in chosen])
        uow.record("update", "complaint_viewer_role", None, {"roles": [str(r) for r in chosen]})
        uow.emit(Topic.COMPLAINTS)


# -- categories and keywords ------------------------------------------------------------------------------


def clean_keywords(keywords: dict[str, list[str] | tuple[str, ...]]) -> dict[str, list[str]]:
    """Keywords per locale, trimmed, casefolded, without duplicates; unknown locales refused."""
    result: dict[str, list[str]] = {}
    for locale, words in keywords.items():
        if locale not in LOCALES:
            raise InvalidInput(N_("{field} holds an unknown language."), field=N_("Keywords"))
        cleaned: list[str] = []
        for word in words:
            text = clean_text(word, N_("Keywords"), max_length=60).casefold()
            if text and text not in cleaned:
                cleaned.append(text)
        if len(cleaned) > MAX_KEYWORDS:
            raise InvalidInput(N_("{field} has too many entries (at most {limit})."), field=N_("Keywords"),
                               limit=MAX_KEYWORDS)
        if cleaned:
            result[locale] = cleaned
    return result


def category_name(name: str, names: dict[str, str] | None, locale: str | None = None) -> str:
    """A category's name in ``locale`` (the interface's by default), else the clinic's own name."""
    return (names or {}).get(locale or active_locale()) or name


def clean_names(names: dict[str, str]) -> dict[str, str]:
    """The category's names in other languages: trimmed, empty ones dropped, unknown languages refused."""
    result: dict[str, str] = {}
    for locale, text in names.items():
        if locale not in LOCALES:
            raise InvalidInput(N_("{field} holds an unknown language."), field=N_("Name"))
        cleaned = clean_text(text, N_("Name"), max_length=120)
        if cleaned:
            result[locale] = cleaned
    return result


def _category_view(c: ComplaintCategory, locale: str | None = None) -> CategoryView:
    return CategoryView(c.id, c.code, category_name(c.name, c.names, locale), c.resolve_days,
                        {k: tuple(v) for k, v in (c.keywords or {}).items()}, c.active, c.name, dict(c.names or {}))


def _check_days(days: int, field: str) -> int:
    if not 1 <= days <= MAX_DEADLINE_DAYS:
        raise InvalidInput(N_("{field} must be between {low} and {high}."), field=field, low=1,
                           high=MAX_DEADLINE_DAYS)
    return days


def list_categories(ctx: Context, *, include_inactive: bool = False) -> list[CategoryView]:
    with ctx.db.read() as session:
        stmt = select(ComplaintCategory).order_by(ComplaintCategory.name)
        if not include_inactive:
            stmt = stmt.where(ComplaintCategory.active)
        return [_category_view(c) for c in session.scalars(stmt).all()]


def save_category(ctx: Context, code: str, name: str, resolve_days: int,
                  keywords: dict[str, list[str] | tuple[str, ...]], *, active: bool = True,
                  names: dict[str, str] | None = None, new: bool = False) -> CategoryView:
    """Create the category with this code, or change it: its name (and its names in other languages), days
    to resolve, keywords, and whether new complaints may still take it. ``new``: a code already taken is
    refused instead of changing that category."""
    require(ctx, Permission.MANAGE_CLINIC)
    clean_code = clean_text(code, N_("Code"), max_length=40, required=True).casefold()
    clean_name = clean_text(name, N_("Name"), max_length=120, required=True)
    days = _check_days(resolve_days, N_("Days to resolve"))
    words = clean_keywords(keywords)
    other_names = clean_names(names or {})
    with unit_of_work(ctx) as uow:
        category = uow.session.scalar(select(ComplaintCategory).where(ComplaintCategory.code == clean_code))
        if category is not None and new:
            raise Conflict(N_("A category with the code {code} already exists."), code=clean_code)
        if category is None:
            category = ComplaintCategory(code=clean_code)
            uow.session.add(category)
        category.name, category.resolve_days, category.keywords, category.active = clean_name, days, words, active
        category.names = other_names
        uow.session.flush()
        uow.record("save", "complaint_category", category.id,
                   {"code": clean_code, "name": clean_name, "names": other_names, "resolve_days": days,
                    "active": active})
        uow.emit(Topic.COMPLAINTS)
        return _category_view(category)


def urgency_keywords(ctx: Context) -> dict[Urgency, dict[str, tuple[str, ...]]]:
    with ctx.db.read() as session:
        return _urgency_keywords(session)


def _urgency_keywords(session: Session) -> dict[Urgency, dict[str, tuple[str, ...]]]:
    return {row.urgency: {k: tuple(v) for k, v in row.keywords.items()}
            for row in session.scalars(select(UrgencyKeywords)).all()}


def set_urgency_keywords(ctx: Context, urgency: Urgency, keywords: dict[str, list[str] | tuple[str, ...]]) -> None:
    require(ctx, Permission.MANAGE_CLINIC)
    words = clean_keywords(keywords)
    with unit_of_work(ctx) as uow:
        row = uow.session.get(UrgencyKeywords, urgency)
        if row is None:
            row = UrgencyKeywords(urgency=urgency)
            uow.session.add(row)
        row.keywords = words
        uow.record("save", "complaint_urgency_keywords", None, {"urgency": str(urgency)})
        uow.emit(Topic.COMPLAINTS)


# -- deadlines --------------------------------------------------------------------------------------------


def list_deadline_rules(ctx: Context) -> list[DeadlineRuleView]:
    with ctx.db.read() as session:
        rules = session.scalars(select(ComplaintDeadlineRule)).all()
        return [DeadlineRuleView(r.id, r.category_id, r.urgency, r.acknowledge_hours, r.resolve_days)
                for r in rules]


def set_deadline_rule(ctx: Context, category_id: int | None, urgency: Urgency, acknowledge_hours: int,
                      resolve_days: int) -> DeadlineRuleView:
    """The deadlines for ``urgency`` in this category (or, with None, in every category)."""
    require(ctx, Permission.MANAGE_CLINIC)
    if not 1 <= acknowledge_hours <= MAX_ACKNOWLEDGE_HOURS:
        raise InvalidInput(N_("{field} must be between {low} and {high}."), field=N_("Hours to acknowledge"),
                           low=1, high=MAX_ACKNOWLEDGE_HOURS)
    days = _check_days(resolve_days, N_("Days to resolve"))
    with unit_of_work(ctx) as uow:
        if category_id is not None and uow.session.get(ComplaintCategory, category_id) is None:
            raise NotFound(N_("This complaint category no longer exists."))
        rule = uow.session.scalar(select(ComplaintDeadlineRule).where(
            ComplaintDeadlineRule.category_id.is_(None) if category_id is None
            else ComplaintDeadlineRule.category_id == category_id,
            ComplaintDeadlineRule.urgency == urgency))
        if rule is None:
            rule = ComplaintDeadlineRule(category_id=category_id, urgency=urgency)
            uow.session.add(rule)
        rule.acknowledge_hours, rule.resolve_days = acknowledge_hours, days
        uow.session.flush()
        uow.record("save", "complaint_deadline_rule", rule.id,
                   {"category_id": category_id, "urgency": str(urgency), "acknowledge_hours": acknowledge_hours,
                    "resolve_days": days})
        uow.emit(Topic.COMPLAINTS)
        return DeadlineRuleView(rule.id, category_id, urgency, acknowledge_hours, days)


def remove_deadline_rule(ctx: Context, rule_id: int) -> None:
    """Drop a rule: its complaints fall back to the next rule (every category, then the category's days)."""
    require(ctx, Permission.MANAGE_CLINIC)
    with unit_of_work(ctx) as uow:
        rule = uow.session.get(ComplaintDeadlineRule, rule_id)
        if rule is None:
            raise NotFound(N_("This deadline rule no longer exists."))
        uow.record("delete", "complaint_deadline_rule", rule.id,
                   {"category_id": rule.category_id, "urgency": str(rule.urgency)})
        uow.session.delete(rule)
        uow.emit(Topic.COMPLAINTS)


def add_days_in_zone(start: datetime, days: int, zone: ZoneInfo) -> datetime:
    """``days`` calendar days after ``start`` at the same wall-clock time in ``zone`` (UTC out)."""
    local = start.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=zone).astimezone(UTC)


def deadlines(session: Session, zone: ZoneInfo, category_id: int | None, urgency: Urgency,
              start: datetime) -> Deadlines:
    """When the acknowledgement and the resolution of a complaint received at ``start`` are due."""
    rules = {r.category_id: r for r in session.scalars(select(ComplaintDeadlineRule).where(
        ComplaintDeadlineRule.urgency == urgency,
        (ComplaintDeadlineRule.category_id == category_id) | ComplaintDeadlineRule.category_id.is_(None))).all()}
    rule = rules.get(category_id) if category_id is not None else None
    rule = rule or rules.get(None)
    if rule is not None:
        ack_hours, days = rule.acknowledge_hours, rule.resolve_days
    else:
        category = session.get(ComplaintCategory, category_id) if category_id is not None else None
        ack_hours = DEFAULT_ACKNOWLEDGE_HOURS
        days = category.resolve_days if category is not None else DEFAULT_RESOLVE_DAYS
    return Deadlines(start + timedelta(hours=ack_hours), add_days_in_zone(start, days, zone))
