"""The demo clinic: a multilingual family clinic in Seoul with a dozen doctors, a few thousand patients
and a week of appointments, payments, certificates, complaints and calls around today.

``python main.py --demo`` builds it in its own SQLite file with :func:`create_demo` and offers the sign-ins
of :data:`DEMO_USERS`. :mod:`app.demo.bulk` is the fast path for importing many patients (the search
benchmark uses it too). The builders are imported only when asked for: opening an existing demo database
at start-up needs the sign-ins, not the whole generator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.demo.create import DemoSummary, create_demo
    from app.demo.staff import DEMO_USERS

__all__ = ["DEMO_USERS", "DemoSummary", "create_demo"]


def __getattr__(name: str) -> Any:
    if name in ("DemoSummary", "create_demo"):
        from app.demo import create

        return getattr(create, name)
    if name == "DEMO_USERS":
        from app.demo import staff

        return staff.DEMO_USERS
    raise AttributeError(f"module 'app.demo' has no attribute {name!r}")
