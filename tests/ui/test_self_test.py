"""``main.py --self-test`` in-process: every step reports, and a broken step fails the run."""

from __future__ import annotations

import os

import pytest

import main
from app import settings
from ui import self_test


def test_self_test_passes_and_leaves_the_workstations_files_alone(capsys, monkeypatch):
    home = os.environ["CLINIC_DESK_HOME"]
    monkeypatch.setenv("CLINIC_DESK_HOME", home)  # restored afterwards: the run points it at its own folder
    before = sorted(settings.config_dir().rglob("*")) if settings.config_dir().exists() else []

    assert main.main(["--self-test"]) == 0

    out = capsys.readouterr().out
    assert "self-test: main window: 'Clinic Desk — Self-test clinic', 6 panels loaded" in out
    assert "self-test: fonts: WenQuanYi Micro Hei available to the window for Hangul and Han" in out
    assert "self-test: document: receipt PDF, 1 page(s), " in out
    assert "self-test: language: en -> ko: menu '&File' -> '파일(&F)', Qt 'Cancel' -> '취소'" in out
    assert "library licences" in out
    assert out.rstrip().endswith("self-test: passed")
    monkeypatch.setenv("CLINIC_DESK_HOME", home)
    after = sorted(settings.config_dir().rglob("*")) if settings.config_dir().exists() else []
    assert after == before


def test_a_missing_qt_translation_fails_the_self_test(capsys, monkeypatch):
    monkeypatch.setenv("CLINIC_DESK_HOME", os.environ["CLINIC_DESK_HOME"])
    monkeypatch.setattr(self_test, "QT_SAMPLE", ("QPlatformTheme", "Cancel", "not what Qt says"))

    assert main.main(["--self-test"]) == 1

    out = capsys.readouterr().out
    assert "self-test: FAILED: Qt's own translation is missing: 'Cancel' -> '취소'" in out
    assert "self-test: passed" not in out


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    from app.i18n import set_locale

    set_locale("en")
