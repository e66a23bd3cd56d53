"""Patient search equals a plain scan of casefolded text, on both databases.

The reference below is written from the specification, not from the implementation: a patient matches
when the query, casefolded without accents and with its spaces collapsed, is contained in one of their names as written
(family, given, middle, the Latin spelling, the full name in its script's order), or, for a query made of
digits and phone punctuation, when its digits are contained in one of their phones' digits. Deleted
patients never match. It is compared with ``matching_ids`` for 1-, 2-, 3- and longer queries in Hangul,
Han, Cyrillic and Latin, upper- and lower-case, with diacritics, LIKE's metacharacters and phone fragments.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.context import Context
from app.demo import names
from app.demo.bulk import NewPatient, insert_patients
from app.models.patients import NameOrder, Patient, PatientSearchGram
from app.services import patients
from tests import builders

TODAY = date(2026, 11, 23)
GENERATED = 360
_PHONE_QUERY = re.compile(r"[0-9 +\-().\u00a0/]+")
SCRIPTS = ("HANGUL", "CJK", "CYRILLIC", "LATIN")


@dataclass(frozen=True)
class Row:
    id: int
    names: tuple[str, ...]
    phones: tuple[str, ...]
    deleted: bool


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _fold(text: str) -> str:
    """Casefolded, single-spaced, and without accents (combining marks), as staff type names."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


def expected(rows: list[Row], query: str) -> list[int]:
    """The plain scan: which live patients hold the query in a name or (as digits) in a phone."""
    q = _fold(query)
    if not q:
        return []
    if any(ch.isdigit() for ch in q) and _PHONE_QUERY.fullmatch(q):
        digits = _digits(q)
        return sorted(r.id for r in rows if not r.deleted and any(digits in p for p in r.phones))
    return sorted(r.id for r in rows if not r.deleted and any(q in _fold(n) for n in r.names))


def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    return next((script for script in SCRIPTS if name.startswith(script)), None)


def _bulk(ctx: Context, rng: random.Random) -> list[int]:
    people = [NewPatient(person, datetime(2026, 1, 5, tzinfo=UTC)) for person in names.patients(rng, GENERATED, TODAY)]
    with ctx.db.write() as session:
        return insert_patients(session, people)


def _by_hand(ctx: Context) -> dict[str, int]:
    """Patients registered at the desk through the service, with the names the tests ask about."""
    add = builders.add_patient
    return {
        "김민준": add(ctx, "김", "민준", phone="010-2345-6789").id,
        "남궁민수": add(ctx, "남궁", "민수", phone="010-9876-5432").id,
        "欧阳秀英": add(ctx, "欧阳", "秀英", phone="+86 138 0013 8000").id,
        "王秀英": add(ctx, "王", "秀英", phone="010-5555-0101").id,
        "Ștefănescu": add(ctx, "Ștefănescu", "Ioana-Alexandra", phone="+40 721 234 567").id,
        "Țîrlea": add(ctx, "Țîrlea", "Mădălina", phone="+40 745 000 111").id,
        "Иванова": add(ctx, "Иванова", "Анна", middle="Сергеевна", phone="+7 916 123-45-67").id,
        "Фёдоров": add(ctx, "Фёдоров", "Пётр", middle="Ильич", phone="+7 903 765-43-21").id,
        "O'Brien": add(ctx, "O'Brien", "Siobhan", phone="+44 7700 900123").id,
        "Ko Eun": add(ctx, "Ko", "Eun-ji", order=NameOrder.GIVEN_FIRST, phone="010-3333-4444").id,
    }


@pytest.fixture
def clinic(ctx: Context) -> tuple[Context, list[Row], dict[str, int]]:
    """A few hundred patients across the scripts (most by the bulk path), three of them deleted."""
    rng = random.Random(5)
    hand = _by_hand(ctx)
    bulk = _bulk(ctx, rng)
    for patient_id in (bulk[0], bulk[1], hand["王秀英"]):
        patients.delete_patient(ctx, patient_id)
    with ctx.db.read() as session:
        rows = [
            Row(p.id, tuple(n for n in (p.family_name, p.given_name, p.middle_name, p.latin_name, p.display_name) if n),
                tuple(d for d in (_digits(p.phone), _digits(p.phone2)) if d), p.deleted_at is not None)
            for p in session.scalars(select(Patient))
        ]
    return ctx, rows, hand


def _substrings(rng: random.Random, texts: list[str], length: int, count: int) -> set[str]:
    candidates = [t for t in texts if len(t) >= length]
    found: set[str] = set()
    for _ in range(count if candidates else 0):
        text = rng.choice(candidates)
        start = rng.randrange(len(text) - length + 1)
        found.add(text[start:start + length])
    return found


def _script_queries(rng: random.Random, rows: list[Row], script: str) -> set[str]:
    """1-, 2- and 3-character queries (all of the script's letters, pieces of names, combinations that
    exist nowhere) and longer pieces, as staff would type them."""
    texts = [_fold(n) for r in rows for n in r.names if any(_script(ch) == script for ch in n)]
    letters = sorted({ch for t in texts for ch in t if _script(ch) == script})
    queries = set(letters)
    for length in (2, 3):
        queries |= _substrings(rng, texts, length, 60)
        queries |= {"".join(rng.choice(letters) for _ in range(length)) for _ in range(20)}
    for length in (4, 5, 7):
        queries |= _substrings(rng, texts, length, 25)
    return queries


def _phone_queries(rng: random.Random, rows: list[Row]) -> set[str]:
    phones = [p for r in rows for p in r.phones]
    queries = {str(d) for d in range(10)}
    for length in (2, 3, 4, 5, 7):
        queries |= _substrings(rng, phones, length, 30)
    return queries | {"010-23", "(555) 01", "+7 916", "765-43", "0013 8000", "999999999"}


SPECIAL = (
    "김민준", "김 민준", "남궁민", "欧阳秀英", "阳秀", "秀英", "ИВАНОВА", "Иванова Анна", "АННА СЕРГЕЕВНА", "фёдор",
    "ФЁДОРОВ", "федор", "Ștefănescu", "ȘTEFĂNESCU", "ștef", "stefanescu", "ioana-alex", "Țîr", "MĂDĂ", "o'brien",
    "O'B", "'", "eun-ji", "KO EUN", "%", "_", "%%", "__", "a%", "%a", "_a", "i_n", "ion%", "an_a", "ion\\", "\\", "\\%",
    "  김민준  ", unicodedata.normalize("NFD", "김민준"), unicodedata.normalize("NFD", "Ștefănescu"), "", "   ",
)


def _compare(ctx: Context, rows: list[Row], queries: set[str] | tuple[str, ...]) -> tuple[int, int]:
    """Every query's result against the scan; how many queries, and how many found someone."""
    found = 0
    with ctx.db.read() as session:
        for query in sorted(queries):
            want = expected(rows, query)
            assert sorted(patients.matching_ids(session, query, limit=10**6)) == want, repr(query)
            found += bool(want)
    return len(queries), found


@pytest.mark.parametrize("script", SCRIPTS)
def test_name_queries_equal_a_plain_scan(clinic, script):
    ctx, rows, _ = clinic
    rng = random.Random(script)
    queries = _script_queries(rng, rows, script)
    if script in ("CYRILLIC", "LATIN"):
        queries |= {q.upper() for q in list(queries)[:80]} | {q.title() for q in list(queries)[:40]}
    assert {len(q) for q in queries} >= {1, 2, 3, 4}
    checked, found = _compare(ctx, rows, queries)
    assert checked > 100
    assert found > checked // 2


def test_phone_fragments_equal_a_plain_scan(clinic):
    ctx, rows, _ = clinic
    checked, found = _compare(ctx, rows, _phone_queries(random.Random(9), rows))
    assert checked > 100
    assert found > checked // 2


def test_whole_names_diacritics_and_like_metacharacters_equal_a_plain_scan(clinic):
    ctx, rows, _ = clinic
    _compare(ctx, rows, SPECIAL)


def test_what_staff_type_finds_the_patient(clinic):
    ctx, _, hand = clinic

    def found(query: str) -> set[int]:
        return {p.id for p in patients.search(ctx, query)}

    assert hand["김민준"] in found("김민준")
    assert hand["김민준"] in found("민준")
    assert hand["남궁민수"] in found("남궁민수")
    assert hand["欧阳秀英"] in found("欧阳")
    assert hand["Ștefănescu"] in found("ȘTEFĂNESCU")
    assert hand["Ștefănescu"] in found(unicodedata.normalize("NFD", "ștefănescu"))
    assert hand["Иванова"] in found("иванова анна")
    assert hand["Иванова"] in found("916 123-45")
    assert hand["O'Brien"] in found("o'brien")
    assert found("%") == set()
    assert found("_") == set()


def test_deleted_patients_are_not_found(clinic):
    ctx, rows, hand = clinic
    deleted = [r for r in rows if r.deleted]
    assert len(deleted) == 3
    with ctx.db.read() as session:
        for row in deleted:
            for query in (*row.names, *row.phones):
                assert row.id not in patients.matching_ids(session, query, limit=10**6), query
    assert patients.search(ctx, "王秀英") == []
    assert hand["王秀英"] not in {p.id for p in patients.search(ctx, "秀英")}


def test_the_bulk_path_writes_exactly_what_reindex_writes(clinic):
    ctx, rows, _ = clinic
    live = [r.id for r in rows if not r.deleted]

    def index(session) -> tuple[dict[int, str], set[tuple[str, int]]]:
        texts = dict(session.execute(select(Patient.id, Patient.search_text).where(Patient.id.in_(live))).all())
        grams = set(session.execute(select(PatientSearchGram.gram, PatientSearchGram.patient_id)).all())
        return texts, {(g, p) for g, p in grams}

    with ctx.db.write() as session:
        before = index(session)
        for patient in session.scalars(select(Patient).where(Patient.id.in_(live))):
            patients.reindex(session, patient)
        session.flush()
        after = index(session)
    assert before == after
    assert len(before[1]) > 20 * len(live)


def test_accents_are_optional(ctx):
    stefan = builders.add_patient(ctx, "Ștefănescu", "Ion").id
    fedorov = builders.add_patient(ctx, "Фёдоров", "Пётр").id
    found = [p.id for p in patients.search(ctx, "stefanescu")]
    assert found == [stefan]
    assert [p.id for p in patients.search(ctx, "Şte")] == [stefan]  # cedilla typed for the comma below
    assert [p.id for p in patients.search(ctx, "федор")] == [fedorov]
    assert [p.id for p in patients.search(ctx, "Пётр")] == [fedorov]
    assert [p.id for p in patients.search(ctx, "김")] == []


@pytest.mark.parametrize(("typed", "parts"), [
    ("김민준", ("김", "민준", "")), ("王秀英", ("王", "秀英", "")),
    ("Иванов Иван Петрович", ("Иванов", "Иван", "Петрович")),
    ("Ana Maria Ștefănescu", ("Ștefănescu", "Ana", "Maria")), ("John Smith", ("Smith", "John", "")),
    ("Smith", ("Smith", "", "")), ("  ", ("", "", "")),
])
def test_a_typed_whole_name_splits_into_its_parts(typed: str, parts: tuple[str, str, str]) -> None:
    assert patients.typed_name_parts(typed) == parts
