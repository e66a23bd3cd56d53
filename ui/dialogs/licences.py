"""The licences Clinic Desk must show: of the libraries it bundles and of the fonts it ships.

Library licences are read from the installed distributions' metadata (the SPDX expression or classifier,
and the licence files the wheel carries), so the About dialog says what is actually installed. The
summaries below are only a fallback for an installation that dropped the metadata.
"""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import re
import sys
from dataclasses import dataclass
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
#: Full texts for libraries whose wheels name a licence without carrying it (see its README.md).
LICENCES_DIR = RESOURCES_DIR / "licences"
SHIPPED_TEXTS: dict[str, tuple[str, ...]] = {"LGPL-3.0": ("LGPL-3.0.txt", "GPL-3.0.txt")}

#: The libraries the application depends on directly, with the licence each is known to carry. Their own
#: run-time requirements are followed through the metadata and listed too.
ROOTS: tuple[tuple[str, str], ...] = (
    ("PySide6-Essentials", "LGPL-3.0-only"),
    ("shiboken6", "LGPL-3.0-only"),
    ("SQLAlchemy", "MIT"),
    ("alembic", "MIT"),
    ("reportlab", "BSD"),
    ("Babel", "BSD-3-Clause"),
    ("psycopg", "LGPL-3.0-only"),
    ("psycopg-binary", "LGPL-3.0-only"),
    ("argon2-cffi", "MIT"),
    ("pypdfium2", "Apache-2.0 OR BSD-3-Clause (PDFium: BSD-3-Clause)"),
    ("platformdirs", "MIT"),
    ("tzdata", "Apache-2.0"),
)
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SUMMARY_LIMIT = 80


@dataclass(frozen=True)
class Licence:
    """One entry of a licence list: what it covers, the licence's short name, and its text."""

    subject: str
    summary: str
    text: str


def _summary(meta: metadata.PackageMetadata, fallback: str) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= _SUMMARY_LIMIT:
        return field
    return fallback


def _licence_file(dist: metadata.Distribution, name: str) -> str:
    """A ``License-File`` entry's text, wherever in the dist-info the wheel put it (``licenses/`` since PEP
    639, the root before); some are Latin-1, so undecodable bytes are replaced rather than refused."""
    for path in dist.files or []:
        if path.parts[0].endswith(".dist-info") and "/".join(path.parts[1:]) in (name, f"licenses/{name}"):
            return path.read_binary().decode("utf-8", errors="replace")
    return ""


def _section(name: str, text: str) -> str:
    return f"──── {name} ────\n\n{text.strip()}\n"


def _texts(dist: metadata.Distribution, summary: str) -> str:
    """The licence files the wheel carries, else the texts we ship for its licence, else the metadata's
    licence field."""
    parts = [
        _section(name, text)
        for name in dist.metadata.get_all("License-File") or []
        if (text := _licence_file(dist, name))
    ]
    if not parts:
        parts = [
            _section(name, (LICENCES_DIR / name).read_text(encoding="utf-8"))
            for identifier, names in SHIPPED_TEXTS.items() if identifier in summary
            for name in names if (LICENCES_DIR / name).exists()
        ]
    if parts:
        return "\n\n".join(parts)
    return (dist.metadata.get("License") or "").strip()


def python_licence() -> Licence:
    """The interpreter's own licence (the bundle carries Python): its installation's LICENSE.txt."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = (LICENCES_DIR / "python" / "LICENSE.txt",
                  Path(sys.base_prefix) / "lib" / f"python{version}" / "LICENSE.txt",
                  Path(sys.base_prefix) / "LICENSE.txt")
    found = next((path for path in candidates if path.is_file()), None)
    text = found.read_text(encoding="utf-8", errors="replace") if found else ""
    return Licence(f"Python {platform.python_version()}", "PSF-2.0", text)


def _requirements(dist: metadata.Distribution) -> list[str]:
    """Run-time requirements (not those of optional extras)."""
    names = []
    for requirement in dist.requires or []:
        if "extra ==" in requirement:
            continue
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def library_licences() -> list[Licence]:
    """The bundled libraries and everything they need at run time, and Python itself, sorted by name."""
    fallbacks = {_key(name): summary for name, summary in ROOTS}
    pending = [name for name, _summary_text in ROOTS]
    seen: set[str] = set()
    found: list[Licence] = []
    while pending:
        name = pending.pop()
        if _key(name) in seen:
            continue
        seen.add(_key(name))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            if _key(name) in fallbacks:
                found.append(Licence(name, fallbacks[_key(name)], ""))
            continue
        meta = dist.metadata
        summary = _summary(meta, fallbacks.get(_key(name), ""))
        found.append(Licence(f"{meta['Name']} {dist.version}", summary, _texts(dist, summary)))
        pending.extend(_requirements(dist))
    found.append(python_licence())
    return sorted(found, key=lambda licence: licence.subject.casefold())


def font_licences(folder: Path | None = None) -> list[Licence]:
    """Every licence file shipped beside the fonts (``*LICENSE*``, ``OFL*``, ``*.txt``) in ``resources/fonts``."""
    folder = folder or FONTS_DIR
    if not folder.is_dir():
        return []
    files = [
        path for path in sorted(folder.rglob("*"))
        if path.is_file() and ("licen" in path.name.lower() or "ofl" in path.name.lower()
                               or path.suffix.lower() == ".txt")
    ]
    return [Licence(str(path.relative_to(folder)), "", path.read_text(encoding="utf-8", errors="replace"))
            for path in files]
