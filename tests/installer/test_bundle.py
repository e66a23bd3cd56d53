"""The Linux bundle, built once per session with installer/build: it starts and passes its self-test, stays
under 250 MB, leaves out what was pruned, and upgrades a database of the previous schema revision with its
data. Slow (a PyInstaller build, about 3 minutes on two idle CPUs): CI runs it; ``-m "not slow"`` skips it.
``CLINIC_DESK_BUNDLE=dist/ClinicDesk`` tests a bundle already built from the same tree instead of building one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import open_database
from app.migrate import head_revision, upgrade
from tests.app.test_migrations import write_rows_as_0001

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
]

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT_MB = 250
KEY = "cd" * 32
#: The first released schema: the revision a clinic running the previous version has.
PREVIOUS_REVISION = "0001"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if os.environ.get("CLINIC_DESK_BUNDLE"):
        yield Path(os.environ["CLINIC_DESK_BUNDLE"]).resolve()
        return
    folder = tmp_path_factory.mktemp("bundle")
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "build"), "--dist", str(folder / "dist"),
                             "--work", str(folder / "work")], capture_output=True, text=True, timeout=1500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout.strip().splitlines()[-1])
    yield folder / "dist" / "ClinicDesk"
    shutil.rmtree(folder, ignore_errors=True)  # 200 MB, possibly in memory (tests/conftest.py's temporary root)


def _run(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", CLINIC_DESK_HOME=str(home), CLINIC_DESK_AUDIT_KEY=KEY)
    return subprocess.run([str(bundle / "ClinicDesk"), *args], capture_output=True, text=True, timeout=180,
                          env=env, cwd=home)


def test_the_bundle_passes_its_self_test(bundle, tmp_path):
    result = _run(bundle, tmp_path, "--self-test")
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("self-test: Clinic Desk 0.1.0, database ")
    assert f"at schema {head_revision()}" in lines[0]
    assert "self-test: fonts: WenQuanYi Micro Hei available to the window for Hangul and Han" in lines
    assert "self-test: main window: 'Clinic Desk — Self-test clinic', 6 panels loaded" in lines
    assert any(line.startswith("self-test: document: receipt PDF, 1 page(s), ") and line.endswith("text read back")
               for line in lines)
    assert "self-test: language: en -> ko: menu '&File' -> '파일(&F)', Qt 'Cancel' -> '취소'" in lines
    assert any(line.startswith("self-test: about: version 0.1.0") for line in lines)
    assert lines[-1] == "self-test: passed"
    assert not list(tmp_path.iterdir()), "the self-test wrote into the workstation's folder"


def test_the_bundle_stays_under_its_size_limit(bundle):
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    megabytes = sum(path.stat().st_size for path in files) / 1_000_000
    print(f"bundle: {megabytes:.1f} MB unpacked, {len(files)} files")
    assert megabytes < SIZE_LIMIT_MB


def test_the_bundle_holds_what_the_app_needs_and_not_what_was_pruned(bundle):
    library = bundle / "_internal"
    names = {path.relative_to(library).as_posix() for path in library.rglob("*") if path.is_file()}
    for locale in ("en", "ko", "ru", "ro", "zh_CN"):
        assert f"translations/{locale}/LC_MESSAGES/messages.mo" in names
    qt_catalogs = {name.rsplit("/", 1)[-1] for name in names if name.startswith("PySide6/Qt/translations/")}
    assert qt_catalogs == {"qtbase_ko.qm", "qtbase_ru.qm", "qtbase_zh_CN.qm"}
    babel = {name.rsplit("/", 1)[-1] for name in names if name.startswith("babel/locale-data/")}
    assert {"root.dat", "en_US.dat", "ko_KR.dat", "ru_RU.dat", "ro_RO.dat", "zh_Hans_CN.dat"} <= babel
    assert not babel & {"de.dat", "fr.dat", "ja.dat", "ar.dat"}
    assert "tzdata/zoneinfo/Asia/Seoul" in names
    assert "app/migrations/env.py" in names
    assert {"resources/licences/LGPL-3.0.txt", "resources/licences/python/LICENSE.txt"} <= names
    assert f"app/migrations/versions/{PREVIOUS_REVISION}_initial_schema.py" in names
    assert any(name.startswith("resources/fonts/") and name.endswith(".ttc") for name in names)
    plugins = {name for name in names if "/plugins/" in name}
    assert any(name.endswith("platforms/libqxcb.so") for name in plugins)
    assert any(name.endswith("platforms/libqoffscreen.so") for name in plugins)
    assert any(name.endswith("imageformats/libqsvg.so") for name in plugins)
    assert not any(word in name for name in plugins for word in ("qminimal", "qeglfs", "qvnc", "tls/", "qgtk3"))
    assert not any(name.rsplit("/", 1)[-1].startswith(("libQt6Network", "libQt6Qml", "libQt6Quick")) for name in names)
    assert (bundle / "clinic-desk.desktop").exists()
    assert (bundle / "icons" / "256x256" / "clinic-desk.png").exists()


def test_the_bundle_upgrades_a_database_of_the_previous_revision_keeping_its_data(bundle, tmp_path):
    path = tmp_path / "clinic.sqlite3"
    url = f"sqlite:///{path}"
    database = open_database(url)
    upgrade(database, PREVIOUS_REVISION)
    write_rows_as_0001(database)
    database.dispose()
    home = tmp_path / "home"
    home.mkdir()

    upgraded = _run(bundle, home, "--database", url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"schema {PREVIOUS_REVISION} -> {head_revision()}" in upgraded.stdout
    assert f"clinic.before-{head_revision()}.sqlite3" in upgraded.stdout  # the backup it made first

    with sqlite3.connect(path) as connection:
        patients = connection.execute("SELECT display_name, preferred_locale FROM patient").fetchall()
        clinics = connection.execute("SELECT short_name, currency, time_zone FROM clinic").fetchall()
        payments = connection.execute("SELECT amount, refunded FROM payment").fetchall()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert patients == [("王秀英", "zh_CN")]
    assert payments == [(35000000, 5000000)]
    assert clinics == [("Seoul Family Clinic", "KRW", "Asia/Seoul")]
    assert revision == head_revision()
    version = _run(bundle, home, "--database", url, "--version")
    assert version.returncode == 0, version.stderr
    assert f"schema {head_revision()}" in version.stdout
    assert "clinic.sqlite3" in version.stdout
    assert "PySide6" in version.stdout
    assert "LGPL" in version.stdout
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in version.stdout
    assert "wqy-microhei-LICENSE.txt" in version.stdout
