"""The suggested category and urgency of a new complaint, and how often staff kept the suggestion.

The classifier learns from the clinic's own complaints that staff classified (anonymised ones excluded:
their text is gone). It is rebuilt only when rules change or a complaint is anonymised or reclassified, as
a cheap fingerprint (counts over indexes) tells; new complaints are learnt one by one as they arrive.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.context import Context
from app.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStep,
    Urgency,
    UrgencyKeywords,
)
from app.services.complaint_classifier import Classifier, keyword_hits
from app.services.complaint_rules import category_name, require_view

#: Words that point to an urgency until the clinic sets its own for that urgency (any language matches).
DEFAULT_URGENCY_KEYWORDS: dict[Urgency, dict[str, tuple[str, ...]]] = {
    Urgency.CRITICAL: {
        "en": ("allergic", "allergy", "bleeding", "unconscious", "emergency", "ambulance", "wrong medicine"),
        "ko": ("알레르기", "출혈", "응급", "의식", "구급차", "잘못된 약"),
        "ru": ("аллерги", "кровотеч", "скорую", "без сознания", "не тот препарат"),
        "ro": ("alergi", "sângera", "urgență", "ambulanț", "inconștient"),
        "zh_CN": ("过敏", "出血", "急救", "昏迷", "救护车", "开错药"),
    },
    Urgency.HIGH: {
        "en": ("pain", "lawyer", "worse", "today", "refund"),
        "ko": ("통증", "변호사", "악화", "오늘", "환불"),
        "ru": ("боль", "юрист", "хуже", "сегодня", "верните"),
        "ro": ("durere", "avocat", "mai rău", "astăzi", "rambursa"),
        "zh_CN": ("疼", "律师", "恶化", "今天", "退款"),
    },
}
_SEVERITY = list(Urgency)


@dataclass(frozen=True)
class Suggestion:
    category_id: int | None
    category_name: str
    category_source: str
    urgency: Urgency
    urgency_source: str


@dataclass(frozen=True)
class HitRate:
    """How often staff kept the suggested category and urgency, among complaints that had one."""

    category_kept: int
    category_suggested: int
    urgency_kept: int
    urgency_suggested: int

    @property
    def category_rate(self) -> float | None:
        return self.category_kept / self.category_suggested if self.category_suggested else None

    @property
    def urgency_rate(self) -> float | None:
        return self.urgency_kept / self.urgency_suggested if self.urgency_suggested else None


#: The classifier learns from at most this many of the latest complaints: a clinic's recent wording is what
#: matters, and learning 20,000 complaints from scratch took 17 s (bench/bench_complaints.py).
MAX_LEARNT = 3000


@dataclass
class _Trained:
    #: What a change of forces relearning from scratch: the rules, complaints anonymised or reclassified since.
    rules: tuple[object, ...]
    #: The newest complaint learnt; newer ones are learnt one by one as they arrive.
    learnt_up_to: int
    categories: Classifier[int]
    urgencies: Classifier[Urgency]
    #: Each category's own name and its names in other languages.
    names: dict[int, tuple[str, dict[str, str]]]


_cache: dict[str, _Trained] = {}
_lock = threading.Lock()


def _fingerprint(session: Session) -> tuple[tuple[object, ...], int]:
    newest, anonymised = session.execute(select(func.max(Complaint.id), func.count(Complaint.anonymised_at))).one()
    # An old complaint's new category is a lesson the one-by-one learning of new complaints misses.
    reclassified = session.scalar(select(func.count()).select_from(ComplaintEvent)
                                  .where(ComplaintEvent.kind == ComplaintStep.RECLASSIFIED))
    categories = session.execute(select(ComplaintCategory.id, ComplaintCategory.keywords, ComplaintCategory.active,
                                        ComplaintCategory.name, ComplaintCategory.names)
                                 .order_by(ComplaintCategory.id)).all()
    urgencies = session.execute(select(UrgencyKeywords.urgency, UrgencyKeywords.keywords)
                                .order_by(UrgencyKeywords.urgency)).all()
    return (anonymised, reclassified, repr(categories), repr(urgencies)), newest or 0


def _learn(session: Session, trained: _Trained, after: int, limit: int | None) -> None:
    """Learn the complaints newer than ``after`` (the latest ``limit`` of them), except anonymised ones."""
    stmt = (select(Complaint.id, Complaint.subject, Complaint.text, Complaint.category_id, Complaint.urgency)
            .where(Complaint.id > after, Complaint.anonymised_at.is_(None)).order_by(Complaint.id.desc()))
    if limit is not None:
        stmt = stmt.limit(limit)
    for _id, subject, text, category_id, urgency in session.execute(stmt).all():
        words = f"{subject}\n{text}"
        if category_id in trained.names:
            trained.categories.learn([(words, category_id)])
        trained.urgencies.learn([(words, urgency)])


def _train(session: Session, rules: tuple[object, ...], newest: int) -> _Trained:
    active = session.execute(select(ComplaintCategory.id, ComplaintCategory.name, ComplaintCategory.names,
                                    ComplaintCategory.keywords).where(ComplaintCategory.active)).all()
    urgency_rules = dict(DEFAULT_URGENCY_KEYWORDS)
    urgency_rules.update({u: k for u, k in session.execute(select(UrgencyKeywords.urgency, UrgencyKeywords.keywords))})
    trained = _Trained(rules, newest, Classifier({cid: words or {} for cid, _, _, words in active}),
                       Classifier(urgency_rules), {cid: (name, names or {}) for cid, name, names, _ in active})
    _learn(session, trained, 0, MAX_LEARNT)
    return trained


def _trained(ctx: Context, session: Session) -> _Trained:
    rules, newest = _fingerprint(session)
    key = str(ctx.db.engine.url)
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached.rules != rules or newest < cached.learnt_up_to:
            cached = _cache[key] = _train(session, rules, newest)
        elif newest > cached.learnt_up_to:
            _learn(session, cached, cached.learnt_up_to, None)
            cached.learnt_up_to = newest
        return cached


def suggest_in(ctx: Context, session: Session, text: str) -> Suggestion:
    """The suggestion for ``text`` (subject and body), inside the caller's session."""
    trained = _trained(ctx, session)
    category = trained.categories.guess(text)
    hits = keyword_hits(text, trained.urgencies.rules)
    if hits:
        urgency, urgency_source = max(hits, key=_SEVERITY.index), "keywords"
    else:
        learnt = trained.urgencies.guess(text)
        urgency, urgency_source = (learnt.label, learnt.source) if learnt else (Urgency.NORMAL, "default")
    return Suggestion(
        category_id=category.label if category else None,
        category_name=category_name(*trained.names[category.label]) if category else "",
        category_source=category.source if category else "",
        urgency=urgency, urgency_source=urgency_source,
    )


def suggest(ctx: Context, text: str) -> Suggestion:
    """What the intake dialog shows as the staff type: a category (if any fits) and an urgency."""
    with ctx.db.read() as session:
        require_view(ctx, session)
        return suggest_in(ctx, session, text)


def hit_rate(ctx: Context, start: datetime, end: datetime) -> HitRate:
    """Among complaints received in [start, end) that had a suggestion, how many kept it."""
    with ctx.db.read() as session:
        require_view(ctx, session)
        return hit_rate_in(session, start, end)


def hit_rate_in(session: Session, start: datetime, end: datetime) -> HitRate:
    in_period = (Complaint.received_at >= start, Complaint.received_at < end)
    category = session.execute(select(
        func.count().filter(Complaint.category_id == Complaint.suggested_category_id),
        func.count()).where(*in_period, Complaint.suggested_category_id.is_not(None),
                            Complaint.category_id.is_not(None))).one()
    urgency = session.execute(select(
        func.count().filter(Complaint.urgency == Complaint.suggested_urgency),
        func.count()).where(*in_period, Complaint.suggested_urgency.is_not(None))).one()
    return HitRate(category[0], category[1], urgency[0], urgency[1])
