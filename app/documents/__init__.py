"""Printed documents drawn with ReportLab from plain data: ``render(data, locale) -> bytes`` per document.

No sessions, services or Qt here (DESIGN rule 8): a document is a pure function of its data and a locale.
"""
