"""The CJK font we ship for documents, offered to Qt too.

A workstation without Korean or Chinese fonts (a minimal Linux desktop, a fresh European Windows image)
would show boxes for Hangul and Han in the window. Registered as an application font, WenQuanYi Micro Hei
joins the system's font fallback, so the window reads in every language on any machine; where the system
has its own CJK fonts, those keep being preferred.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFontDatabase

from app.documents.fonts import FONTS_DIR, WQY_MICRO_HEI


@cache
def register_shipped_fonts() -> tuple[str, ...]:
    """Register once per process (a QGuiApplication must exist); returns the families Qt now knows."""
    font_id = QFontDatabase.addApplicationFont(str(FONTS_DIR / WQY_MICRO_HEI.file))
    return tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id != -1 else ()
