"""Clinic Desk's shared model layer: models, services, documents and languages. Never imports Qt."""

__version__ = "0.1.0"
