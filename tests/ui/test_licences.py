"""Licences the About dialog and --version show beyond the wheels' own files: Qt's LGPL and Python's."""

from __future__ import annotations

from ui.dialogs.licences import library_licences


def _by_name() -> dict[str, str]:
    return {licence.subject.split(" ")[0]: licence.text for licence in library_licences()}


def test_qt_bindings_show_the_full_lgpl_and_the_gpl_it_builds_on():
    texts = _by_name()
    for name in ("PySide6_Essentials", "shiboken6"):
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in texts[name]
        assert "Version 3, 29 June 2007" in texts[name]
        assert "GNU GENERAL PUBLIC LICENSE" in texts[name]


def test_python_itself_is_listed_with_its_licence():
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in _by_name()["Python"]


def test_a_library_with_its_own_licence_file_keeps_it():
    assert "Permission is hereby granted" in _by_name()["alembic"]
    assert "GNU LESSER" not in _by_name()["alembic"]
