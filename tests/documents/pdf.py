"""Reading a rendered PDF back: its text, and whether every font in it is embedded."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

#: Where a font descriptor keeps embedded outlines: Type 1, TrueType, and CFF/OpenType.
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def flat(text: str) -> str:
    """Text with every run of whitespace (line breaks, no-break spaces Babel puts in dates) as one space."""
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Each font on any page, by its base name, and whether its descriptor holds embedded outlines."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in (font_dict.get_object().values() if font_dict else ()):
            font: DictionaryObject = ref.get_object()
            descriptor = _descriptor(font)
            found[str(font["/BaseFont"])] = descriptor is not None and any(key in descriptor for key in FONT_FILES)
    return found


def _descriptor(font: DictionaryObject) -> DictionaryObject | None:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor.get_object() if descriptor is not None else None


def pdffonts(path: Path) -> list[tuple[str, str]] | None:
    """``(name, emb)`` for each row ``pdffonts`` (poppler-utils) prints, or None where it is not installed."""
    tool = shutil.which("pdffonts")
    if tool is None:
        return None
    output = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout
    header, _rule, *rows = output.splitlines()
    emb = header.index("emb")
    return [(row.split()[0], row[emb:emb + 3].strip()) for row in rows if row.strip()]
