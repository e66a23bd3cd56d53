"""Per-character font fallback: every character lands in a face that has its glyph."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from app.documents import fonts

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = (
    "김민준", "王秀英", "Иванов Иван Петрович", "Ștefănescu Țuțu", "Smith John", "Ăă Ââ Îî Șș Țț Şş Ţţ",
    "서울특별시 강남구 테헤란로 1, 4층", "北京市朝阳区建国路８８号（东门）", "Ёлкина Юлия-Мария № 5",
)


def _has_glyph(font: str, char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(font).face.charToGlyph


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("text", [*SAMPLES, " ".join(SAMPLES)])
def test_each_run_has_every_glyph_and_nothing_is_lost(text: str, bold: bool) -> None:
    runs = fonts.runs(text, bold=bold)

    assert "".join(chunk for _, chunk in runs) == unicodedata.normalize("NFC", text)
    for font, chunk in runs:
        assert all(_has_glyph(font, char) for char in chunk if not char.isspace()), (font, chunk)
    assert not fonts.uncovered(text)


def test_scripts_go_to_the_face_that_covers_them() -> None:
    runs = fonts.runs("Иванов 김민준 王秀英 Ștefănescu")

    assert runs == [("NotoSans", "Иванов "), ("WenQuanYiMicroHei", "김민준 王秀英 "), ("NotoSans", "Ștefănescu")]
    assert fonts.runs("Smith", bold=True) == [("NotoSans-Bold", "Smith")]
    assert fonts.runs("김민준", bold=True) == [("WenQuanYiMicroHei", "김민준")]


def test_decomposed_romanian_is_composed_before_the_lookup() -> None:
    decomposed = "S\u0326tefa\u0306nescu"  # Ș and ă typed as a letter plus a combining mark

    assert fonts.runs(decomposed) == [("NotoSans", "Ștefănescu")]


def test_markup_escapes_what_the_paragraph_parser_would_read_as_tags() -> None:
    markup = fonts.markup("Smith & <Sons>\n김")

    assert markup == ('<font name="NotoSans">Smith &amp; &lt;Sons&gt;</font><br/>'
                      '<font name="WenQuanYiMicroHei">김</font>')


def test_uncovered_names_what_no_face_can_draw() -> None:
    assert fonts.uncovered("Smith 🙂 김") == {"🙂"}


REGISTER_FROM_EIGHT_THREADS = textwrap.dedent("""
    import threading
    from reportlab.pdfbase import pdfmetrics
    from app.documents import fonts

    registered = []
    original = pdfmetrics.registerFont
    pdfmetrics.registerFont = lambda font: (registered.append(font.fontName), original(font))
    start = threading.Barrier(8)
    results = []

    def first_use():
        start.wait()
        results.append(fonts.runs("김민준 Smith"))

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(sorted(registered), len(results), all(result == results[0] for result in results))
""")


def test_registration_happens_once_under_concurrent_first_use() -> None:
    """In a fresh process, where nothing is registered yet, eight threads need the fonts at once."""
    result = subprocess.run([sys.executable, "-c", REGISTER_FROM_EIGHT_THREADS], cwd=ROOT, capture_output=True,
                            text=True, check=True)

    assert result.stdout.split("\n")[0] == "['NotoSans', 'NotoSans-Bold', 'WenQuanYiMicroHei'] 8 True"
