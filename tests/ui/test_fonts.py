"""The shipped CJK font is offered to Qt, so the window reads in Korean and Chinese on any machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from ui.application import application
from ui.fonts import register_shipped_fonts


def test_the_application_registers_the_shipped_cjk_font(qapp):
    application()
    families = register_shipped_fonts()
    assert "WenQuanYi Micro Hei" in families
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    metrics = QFontMetrics(QFont("WenQuanYi Micro Hei"))
    assert all(metrics.inFontUcs4(ord(character)) for character in "김민준王秀英")
