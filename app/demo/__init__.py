"""The demo clinic: a multilingual family clinic in Seoul with a dozen doctors, a few thousand patients
and a week of appointments, payments, certificates, complaints and calls around today.

``python main.py --demo`` builds it in its own SQLite file with :func:`create_demo` and offers the sign-ins
of :data:`DEMO_USERS`. :func:`demo_now` is the moment the demo's day stands at (today's clock time, kept
between 10:30 and 16:30 so that work is done, under way and to come). :mod:`app.demo.bulk` is the fast
path for importing many patients (the search benchmark uses it too).
"""

from app.demo.create import DemoSummary, create_demo
from app.demo.schedule import demo_now
from app.demo.staff import DEMO_USERS

__all__ = ["DEMO_USERS", "DemoSummary", "create_demo", "demo_now"]
