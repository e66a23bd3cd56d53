"""The fonts documents embed, and per-character fallback between them.

ReportLab draws a paragraph run with one font and shows a box (or nothing) for a character that font
lacks. No single TrueType font we may ship covers Latin, Romanian, Cyrillic, Hangul and Han, so every text
is split into runs by the first font whose character map (cmap) has each character: Noto Sans for Latin
and Cyrillic, WenQuanYi Micro Hei for Hangul, Han and the symbols Noto Sans lacks. The fonts are read once,
on first use, because the CJK collection takes a tenth of a second to parse.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@dataclass(frozen=True)
class FontFace:
    """A TrueType face as ReportLab registers it: its name, its file, and its index in a collection."""

    name: str
    file: str
    subfont: int = 0


NOTO_SANS = FontFace("NotoSans", "NotoSans-Regular.ttf")
NOTO_SANS_BOLD = FontFace("NotoSans-Bold", "NotoSans-Bold.ttf")
#: WenQuanYi has no bold face: bold Korean and Chinese text stays regular.
WQY_MICRO_HEI = FontFace("WenQuanYiMicroHei", "wqy-microhei.ttc", subfont=0)

#: Fallback order: the first face that has a character draws it.
REGULAR: tuple[FontFace, ...] = (NOTO_SANS, WQY_MICRO_HEI)
BOLD: tuple[FontFace, ...] = (NOTO_SANS_BOLD, WQY_MICRO_HEI)
#: The name a paragraph style should use as its base font.
BASE_FONT = NOTO_SANS.name
BASE_FONT_BOLD = NOTO_SANS_BOLD.name

_lock = threading.Lock()
_cmaps: dict[str, Mapping[int, int]] | None = None


def register() -> None:
    """Register the shipped faces with ReportLab once per process (safe to call from any thread)."""
    _registered()


def _registered() -> dict[str, Mapping[int, int]]:
    global _cmaps
    if _cmaps is not None:
        return _cmaps
    with _lock:
        if _cmaps is None:
            cmaps: dict[str, Mapping[int, int]] = {}
            for face in dict.fromkeys((*REGULAR, *BOLD)):
                font = TTFont(face.name, str(FONTS_DIR / face.file), subfontIndex=face.subfont)
                pdfmetrics.registerFont(font)
                cmaps[face.name] = font.face.charToGlyph
            _cmaps = cmaps
    return _cmaps


def runs(text: str, *, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` (NFC-normalised) split into ``(font name, characters)`` runs, each font having its glyphs.

    Whitespace stays in the run it is in, so "김민준 王秀英" is one run, not three. A character no face has
    stays in the run before it (drawn as the font's empty glyph, but still there when the text is copied or
    searched); ``uncovered`` finds such characters beforehand.
    """
    cmaps = _registered()
    chain = [face.name for face in (BOLD if bold else REGULAR)]
    primary, primary_map = chain[0], cmaps[chain[0]]
    result: list[tuple[str, str]] = []
    current = primary
    start = 0
    text = unicodedata.normalize("NFC", text)
    for index, char in enumerate(text):
        code = ord(char)
        if char.isspace() and code in cmaps[current]:
            continue
        # The primary face has most characters: test it before walking the chain.
        font = primary if code in primary_map else next((name for name in chain if code in cmaps[name]), current)
        if font != current:
            if index > start:
                result.append((current, text[start:index]))
            current, start = font, index
    if len(text) > start:
        result.append((current, text[start:]))
    return result


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup for plain ``text``: XML-escaped, one ``<font name=...>`` per run, line breaks kept."""
    return "<br/>".join(
        "".join(f'<font name="{font}">{escape(chunk)}</font>' for font, chunk in runs(line, bold=bold))
        for line in text.split("\n")
    )


def uncovered(text: str) -> set[str]:
    """The characters of ``text`` that no shipped face can draw (they would show as empty boxes)."""
    cmaps = _registered()
    return {
        char for char in unicodedata.normalize("NFC", text)
        if not char.isspace() and not any(ord(char) in cmaps[face.name] for face in REGULAR)
    }
