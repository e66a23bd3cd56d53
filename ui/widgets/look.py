"""Shared look: the application's icons and the colours that carry meaning (status, urgency, warnings).

Colours are chosen to stay readable on the light and the alternate row of a table; cells with a warning
background also set a dark text colour so that they read on a dark desktop theme as well.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QIcon

from app.models.calls import TaskPriority
from app.models.certificates import CertificateStatus
from app.models.complaints import ComplaintStatus, Urgency
from app.models.scheduling import AppointmentStatus, WaitingStatus

ICONS_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "icons"

BLUE, TEAL, GREEN, PURPLE = "#1f5fa8", "#00796b", "#2e7d32", "#6a1b9a"
GREY, RED, ORANGE = "#5f6368", "#b3261e", "#c25100"
#: Backgrounds of rows that need attention, with the text colour that reads on them.
WARNING_BACKGROUND = QColor("#fde7c8")
OVERDUE_BACKGROUND = QColor("#f9d4d2")
TEXT_ON_TINT = QColor("#202124")

APPOINTMENT_STATUS = {
    AppointmentStatus.BOOKED: BLUE,
    AppointmentStatus.CONFIRMED: TEAL,
    AppointmentStatus.ARRIVED: GREEN,
    AppointmentStatus.IN_CONSULTATION: PURPLE,
    AppointmentStatus.COMPLETED: GREY,
    AppointmentStatus.NO_SHOW: RED,
    AppointmentStatus.CANCELLED: GREY,
}
WAITING_STATUS = {
    WaitingStatus.WAITING: BLUE,
    WaitingStatus.CALLED: ORANGE,
    WaitingStatus.IN_CONSULTATION: PURPLE,
    WaitingStatus.DONE: GREY,
    WaitingStatus.LEFT: RED,
}
CERTIFICATE_STATUS = {
    CertificateStatus.DRAFT: BLUE,
    CertificateStatus.ISSUED: GREEN,
    CertificateStatus.VOID: GREY,
}
COMPLAINT_STATUS = {
    ComplaintStatus.RECEIVED: RED,
    ComplaintStatus.ACKNOWLEDGED: ORANGE,
    ComplaintStatus.IN_PROGRESS: BLUE,
    ComplaintStatus.RESOLVED: GREEN,
    ComplaintStatus.CLOSED: GREY,
    ComplaintStatus.REOPENED: RED,
}
URGENCY = {Urgency.LOW: GREY, Urgency.HIGH: ORANGE, Urgency.CRITICAL: RED}
TASK_PRIORITY = {TaskPriority.LOW: GREY, TaskPriority.HIGH: ORANGE, TaskPriority.URGENT: RED}


@cache
def color(name: str) -> QColor:
    return QColor(name)


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (SVG)."""
    return QIcon(str(ICONS_DIR / f"{name}.svg"))


@cache
def struck_out() -> QFont:
    """For what no longer counts: a cancelled appointment, a void certificate."""
    font = QFont()
    font.setStrikeOut(True)
    return font


@cache
def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
