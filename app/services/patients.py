"""Patients: registering, correcting, and finding them by any part of any name or phone as staff type.

Search semantics: a patient matches when the query, casefolded and without accents, is a substring of
one of their search keys folded the same way: the name as written in its script, each name part, the
romanised name, each phone's digits. Queries of 1-3 characters are answered exactly from the gram table;
longer ones walk the patients holding the query's first trigram, keep those that also hold its last, and
confirm them with LIKE on the folded search text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, delete, insert, select
from sqlalchemy.orm import Session, aliased

from app.context import Context
from app.errors import InvalidInput, NotFound
from app.events import Topic
from app.i18n import LOCALES, N_
from app.models.patients import AcquisitionChannel, NameOrder, Patient, PatientSearchGram, Sex
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import check_birth_date, clean_email, clean_phone, clean_text

KEY_SEPARATOR = "\x1f"
MAX_GRAM = 3
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class PatientInput:
    family_name: str
    given_name: str = ""
    middle_name: str = ""
    name_order: NameOrder | None = None
    latin_name: str = ""
    birth_date: date | None = None
    sex: Sex = Sex.UNKNOWN
    phone: str = ""
    phone2: str = ""
    email: str = ""
    address: str = ""
    national_id: str = ""
    preferred_locale: str = ""
    acquisition_channel: AcquisitionChannel = AcquisitionChannel.UNKNOWN
    notes: str = ""
    consent_data_processing: bool = False
    consent_sms: bool = False
    consent_email: bool = False


@dataclass(frozen=True)
class PatientView:
    id: int
    display_name: str
    family_name: str
    given_name: str
    middle_name: str
    birth_date: date | None
    sex: Sex
    phone: str
    email: str
    preferred_locale: str
    acquisition_channel: AcquisitionChannel
    first_visit_on: date | None
    notes: str = field(default="", repr=False)


# -- names and search keys ------------------------------------------------------------------------------


def _is_cjk(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(("HANGUL", "CJK", "HIRAGANA", "KATAKANA"))


def default_name_order(family_name: str) -> NameOrder:
    """Korean and Chinese names are written family-first with no space; Russian lists family first."""
    letters = [ch for ch in family_name if ch.isalpha()]
    if letters and all(_is_cjk(ch) for ch in letters):
        return NameOrder.FAMILY_FIRST_NO_SPACE
    if letters and all("CYRILLIC" in unicodedata.name(ch, "") for ch in letters):
        return NameOrder.FAMILY_FIRST
    return NameOrder.GIVEN_FIRST


def display_name(family: str, given: str, middle: str, order: NameOrder) -> str:
    if order is NameOrder.FAMILY_FIRST_NO_SPACE:
        return f"{family}{given}"
    parts = [family, given, middle] if order is NameOrder.FAMILY_FIRST else [given, middle, family]
    return " ".join(part for part in parts if part)


def typed_name_parts(text: str) -> tuple[str, str, str]:
    """(family, given, middle) as a person typed a new patient's whole name into a search field.

    Korean and Chinese names are written family-first with no space, and the family name is one syllable
    (two for the few compound ones staff then correct by hand); Russian lists family, given, patronymic;
    other scripts given first and family last.
    """
    words = text.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        word = words[0]
        if len(word) > 1 and default_name_order(word) is NameOrder.FAMILY_FIRST_NO_SPACE:
            return word[0], word[1:], ""
        return word, "", ""
    if default_name_order(words[0]) in (NameOrder.FAMILY_FIRST_NO_SPACE, NameOrder.FAMILY_FIRST):
        return words[0], words[1], " ".join(words[2:])
    return words[-1], words[0], " ".join(words[1:-1])


def _without_marks(text: str) -> str:
    """The text without its combining accents: Ștefănescu → Stefanescu, Фёдоров → Федоров. Hangul syllables
    decompose into letters, not marks, and come back whole."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def normalize_query(text: str) -> str:
    """What a query or a key is compared as: accents dropped (staff often type Romanian names without
    them, and ё as е), casefolded, single spaces; a phone as its digits."""
    folded = " ".join(_without_marks(text).casefold().split())
    if folded and any(ch.isdigit() for ch in folded) and all(ch.isdigit() or ch in " +-().\u00a0/" for ch in folded):
        return "".join(ch for ch in folded if ch.isdigit())
    return folded


def search_keys(family: str, given: str, middle: str, shown: str, latin: str, phones: list[str]) -> list[str]:
    keys = [normalize_query(k) for k in (shown, family, given, middle, latin) if k]
    keys += ["".join(ch for ch in p if ch.isdigit()) for p in phones if p]
    unique: list[str] = []
    for key in keys:
        if key and key not in unique:
            unique.append(key)
    return unique


def grams_of(keys: list[str]) -> set[str]:
    return {key[i : i + n] for key in keys for n in range(1, MAX_GRAM + 1) for i in range(len(key) - n + 1)}


def reindex(session: Session, patient: Patient) -> None:
    """Recompute the patient's search text and grams (in the caller's transaction)."""
    keys = search_keys(patient.family_name, patient.given_name, patient.middle_name, patient.display_name,
                       patient.latin_name, [patient.phone, patient.phone2])
    patient.search_text = KEY_SEPARATOR.join(keys)
    session.execute(delete(PatientSearchGram).where(PatientSearchGram.patient_id == patient.id))
    grams = grams_of(keys)
    if grams:
        session.execute(insert(PatientSearchGram), [{"gram": g, "patient_id": patient.id} for g in grams])


# -- writing ---------------------------------------------------------------------------------------------


def _clean(data: PatientInput, today: date, clinic_locale: str) -> dict[str, object]:
    family = clean_text(data.family_name, N_("Family name"), max_length=80, required=True)
    given = clean_text(data.given_name, N_("Given name"), max_length=80)
    middle = clean_text(data.middle_name, N_("Middle name"), max_length=80)
    locale = data.preferred_locale or clinic_locale
    if locale not in LOCALES:
        raise InvalidInput(N_("{field} is not one of the supported languages."), field=N_("Preferred language"))
    order = data.name_order or default_name_order(family)
    return {
        "family_name": family,
        "given_name": given,
        "middle_name": middle,
        "name_order": order,
        "display_name": display_name(family, given, middle, order),
        "latin_name": clean_text(data.latin_name, N_("Name in Latin letters"), max_length=200),
        "birth_date": check_birth_date(data.birth_date, today, N_("Date of birth")),
        "sex": data.sex,
        "phone": clean_phone(data.phone, N_("Phone")),
        "phone2": clean_phone(data.phone2, N_("Second phone")),
        "email": clean_email(data.email, N_("E-mail")),
        "address": clean_text(data.address, N_("Address"), max_length=400, multiline=True),
        "national_id": clean_text(data.national_id, N_("National ID"), max_length=40),
        "preferred_locale": locale,
        "acquisition_channel": data.acquisition_channel,
        "notes": clean_text(data.notes, N_("Notes"), max_length=4000, multiline=True),
        "consent_data_processing": data.consent_data_processing,
        "consent_sms": data.consent_sms,
        "consent_email": data.consent_email,
    }


def _view(p: Patient) -> PatientView:
    return PatientView(p.id, p.display_name, p.family_name, p.given_name, p.middle_name, p.birth_date, p.sex,
                       p.phone, p.email, p.preferred_locale, p.acquisition_channel, p.first_visit_on, p.notes)


def create(ctx: Context, data: PatientInput) -> PatientView:
    require(ctx, Permission.MANAGE_PATIENTS)
    clinic = ctx.clinic()
    values = _clean(data, ctx.clock.now().astimezone(clinic.zone).date(), clinic.default_locale)
    with unit_of_work(ctx) as uow:
        patient = Patient(**values, created_at=ctx.clock.now())
        uow.session.add(patient)
        uow.session.flush()
        reindex(uow.session, patient)
        uow.record("create", "patient", patient.id, {k: v for k, v in values.items() if k != "notes"})
        uow.emit(Topic.PATIENTS, patient.id)
        return _view(patient)


def live_patient(session: Session, patient_id: int) -> Patient:
    """The patient, if they exist and are not deleted; otherwise a translated NotFound."""
    patient = session.get(Patient, patient_id)
    if patient is None or patient.deleted_at is not None:
        raise NotFound(N_("This patient no longer exists."))
    return patient


def update(ctx: Context, patient_id: int, data: PatientInput) -> PatientView:
    require(ctx, Permission.MANAGE_PATIENTS)
    clinic = ctx.clinic()
    values = _clean(data, ctx.clock.now().astimezone(clinic.zone).date(), clinic.default_locale)
    with unit_of_work(ctx) as uow:
        patient = live_patient(uow.session, patient_id)
        changes = {k: [getattr(patient, k), v] for k, v in values.items() if getattr(patient, k) != v}
        for name, (_, new) in changes.items():
            setattr(patient, name, new)
        if changes:
            reindex(uow.session, patient)
            uow.record("update", "patient", patient.id, changes)
            uow.emit(Topic.PATIENTS, patient.id)
        return _view(patient)


def delete_patient(ctx: Context, patient_id: int) -> None:
    """Mark the patient deleted: their history stays, but they are no longer found or booked."""
    require(ctx, Permission.MANAGE_PATIENTS)
    with unit_of_work(ctx) as uow:
        patient = live_patient(uow.session, patient_id)
        patient.deleted_at = ctx.clock.now()
        uow.session.execute(delete(PatientSearchGram).where(PatientSearchGram.patient_id == patient.id))
        uow.record("delete", "patient", patient.id, {})
        uow.emit(Topic.PATIENTS, patient.id)


def get(ctx: Context, patient_id: int) -> PatientView:
    with ctx.db.read() as session:
        return _view(live_patient(session, patient_id))


# -- searching -------------------------------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_ids(session: Session, query: str, limit: int) -> list[int]:
    """Ids of live patients whose search keys contain ``query`` (see the module's docstring)."""
    q = normalize_query(query)
    if not q:
        return []
    if KEY_SEPARATOR in q:
        return []
    if len(q) <= MAX_GRAM:
        stmt = select(PatientSearchGram.patient_id).where(PatientSearchGram.gram == q)
        return list(session.scalars(stmt.order_by(PatientSearchGram.patient_id).limit(limit)))
    # Walk the first trigram's postings in id order, keep those that also hold the last trigram, confirm
    # by LIKE, and stop at ``limit``: an INTERSECT would read both lists whole ("010" is in most phones).
    first, last = aliased(PatientSearchGram), aliased(PatientSearchGram)
    stmt = (
        select(first.patient_id)
        .join(last, and_(last.patient_id == first.patient_id, last.gram == q[-MAX_GRAM:]))
        .join(Patient, Patient.id == first.patient_id)
        .where(first.gram == q[:MAX_GRAM], Patient.search_text.like(f"%{_escape_like(q)}%", escape="\\"))
        .order_by(first.patient_id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def search(ctx: Context, query: str, limit: int = DEFAULT_LIMIT) -> list[PatientView]:
    """Patients matching ``query``, those whose name starts with it first, then by name."""
    q = normalize_query(query)
    with ctx.db.read() as session:
        ids = matching_ids(session, query, limit)
        if not ids:
            return []
        rows = session.scalars(select(Patient).where(Patient.id.in_(ids))).all()
        views = [_view(p) for p in rows if p.deleted_at is None]
    return sorted(views, key=lambda v: (not normalize_query(v.display_name).startswith(q), v.display_name))
