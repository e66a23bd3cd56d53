"""Every catalog is complete and well-formed: each message the code marks is translated in every language,
with the same placeholders, and msgfmt -c accepts the file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.i18n import LOCALES

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "NP_": ((1, "c"), 2), "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _source_messages() -> set[tuple[str | None, str]]:
    found: set[tuple[str | None, str]] = set()
    for folder in ("app", "ui"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            found.add((context, msgid))
    return found


def _catalog(locale: str):
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


@pytest.fixture(scope="module")
def source_messages() -> set[tuple[str | None, str]]:
    return _source_messages()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_marked_message_is_translated(locale, source_messages):
    catalog = _catalog(locale)
    missing = [msgid for context, msgid in sorted(source_messages, key=str)
               if not (entry := catalog.get(msgid, context=context)) or not entry.string or entry.fuzzy]
    assert not missing, f"{locale}: {len(missing)} messages untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_match_the_source(locale):
    wrong = []
    for message in _catalog(locale):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        wrong += [message.id for s in strings if sorted(PLACEHOLDER.findall(s)) != expected]
    assert not wrong, f"{locale}: placeholders differ in {wrong[:5]}"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("locale", LOCALES)
def test_msgfmt_accepts_the_catalog(locale):
    po = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(["msgfmt", "-c", "--statistics", "-o", "/dev/null", str(po)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
