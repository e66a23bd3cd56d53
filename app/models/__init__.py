"""SQLAlchemy entities, one module per area. Importing this package registers every table."""

from app.models import (  # noqa: F401 - registers the tables on Base.metadata
    audit,
    billing,
    calls,
    catalog,
    certificates,
    clinic,
    complaints,
    patients,
    scheduling,
    staff,
)
from app.models.base import Base

__all__ = ["Base"]
