"""One dock per panel; the main window creates them in this order and finds them by object name."""

from __future__ import annotations

from ui.docks.base import PanelDock
from ui.docks.calls import CallsDock
from ui.docks.cashier import CashierDock
from ui.docks.certificates import CertificatesDock
from ui.docks.complaints import ComplaintsDock
from ui.docks.schedule import ScheduleDock
from ui.docks.waiting import WaitingDock

DOCK_TYPES: tuple[type[PanelDock], ...] = (
    ScheduleDock, WaitingDock, CashierDock, CertificatesDock, ComplaintsDock, CallsDock,
)
