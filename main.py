"""Clinic Desk: reads settings and arguments, builds the Context, then opens the window or runs a command."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app import __version__
from app.clock import OffsetClock
from app.context import Context
from app.db import Database, open_database
from app.errors import DomainError
from app.i18n import LOCALES, _, set_locale
from app.migrate import MigrationFailed
from app.settings import WorkstationSettings, audit_key, data_dir

log = logging.getLogger("clinic_desk")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Clinic Desk: schedule, waiting room, cashier, certificates, complaints and calls.",
        epilog="commands: 'db upgrade' migrates the database (after a backup); 'audit verify' checks the audit "
        "chain; 'backup [--to FILE]' makes a consistent copy. Without a command the window opens.",
    )
    parser.add_argument("--demo", action="store_true", help="open the demo clinic (its own database file)")
    parser.add_argument("--database", metavar="URL",
                        help="sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user:password@host/db")
    parser.add_argument("--locale", choices=LOCALES, help="start in this language")
    parser.add_argument("--screenshot", metavar="FILE", type=Path, help="open the window, save a picture, exit")
    parser.add_argument("--version", action="store_true",
                        help="print the version, database, schema revision and the bundled licences")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation on a temporary clinic (offscreen), print each step, exit")
    parser.add_argument("--to", metavar="FILE", type=Path, help="with 'backup': where to write the copy")
    parser.add_argument("command", nargs="*", help="db upgrade | audit verify | backup")
    return parser


def _demo_today() -> date:
    """Today in the demo clinic's own time zone (not the machine's)."""
    from app.demo.staff import CLINIC

    return datetime.now(ZoneInfo(CLINIC.time_zone)).date()


def _demo_clock() -> OffsetClock:
    """Time inside the demo's opening hours, so waiting times and 'now' lines stay believable at any hour."""
    from app.demo.moment import demo_now
    from app.demo.staff import CLINIC

    real = datetime.now(UTC)
    return OffsetClock(demo_now(real, _demo_today(), ZoneInfo(CLINIC.time_zone)) - real)


def _demo_database() -> Database:
    """The demo clinic's own SQLite file, rebuilt each day so its week stays around today."""
    from app.migrate import upgrade

    path = data_dir() / "demo.sqlite3"
    stamp = path.with_suffix(".date")
    today = _demo_today()
    if path.exists() and stamp.exists() and stamp.read_text().strip() == today.isoformat():
        database = open_database(f"sqlite:///{path}")
        upgrade(database)
        return database
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    database = open_database(f"sqlite:///{path}")
    upgrade(database)
    from app.demo import create_demo  # the generator: only when the demo is built

    create_demo(Context(db=database, audit_key=audit_key(), workstation="demo"), today)
    stamp.write_text(today.isoformat())
    return database


def _open(args: argparse.Namespace, settings: WorkstationSettings) -> Database:
    if args.demo:
        return _demo_database()
    from app.migrate import upgrade

    database = open_database(args.database or settings.effective_database_url)
    result = upgrade(database)
    if result.from_revision != result.to_revision and result.from_revision is not None:
        log.warning("database upgraded from %s to %s (backup: %s)", result.from_revision, result.to_revision,
                    result.backup)
    return database


def _print_version(args: argparse.Namespace, settings: WorkstationSettings) -> int:
    from app.migrate import current_revision, head_revision

    print(f"Clinic Desk {__version__}")
    database = open_database(args.database or settings.effective_database_url)
    revision = current_revision(database) or "empty"
    print(f"database: {database.describe()} (schema {revision}; this version expects {head_revision()})")
    from ui.dialogs.licences import font_licences, library_licences  # Qt-free: no window is opened

    print("libraries:")
    for licence in library_licences():
        print(f"  {licence.subject}: {licence.summary or 'see its licence text'}")
    print("fonts (licence files in resources/fonts):")
    for licence in font_licences():
        print(f"  {licence.subject}")
    return 0


def _self_test() -> int:
    """``--self-test``: everything in a temporary folder, so the workstation's clinic is never touched."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="clinic-desk-self-test-") as folder:
        os.environ["CLINIC_DESK_HOME"] = folder
        from app.self_test import open_sample_clinic
        from ui.self_test import run_self_test

        ctx = open_sample_clinic(Path(folder))
        try:
            return run_self_test(ctx, sys.stdout)
        finally:
            ctx.db.dispose()


def _run_command(command: list[str], args: argparse.Namespace, settings: WorkstationSettings) -> int:
    if command == ["db", "upgrade"]:
        from app.migrate import upgrade

        database = open_database(args.database or settings.effective_database_url)
        result = upgrade(database)
        print(f"schema {result.from_revision or 'empty'} -> {result.to_revision}"
              + (f" (backup: {result.backup})" if result.backup else ""))
        return 0
    database = _open(args, settings)
    if command == ["audit", "verify"]:
        from app.services.audit import verify

        report = verify(database, audit_key())
        for problem in report.problems:
            print(f"audit record {problem.seq if problem.seq is not None else '-'}: {problem.reason}")
        print(f"{report.records} audit records: {'chain intact' if report.ok else 'TAMPERED'}")
        return 0 if report.ok else 1
    if command == ["backup"]:
        from app.maintenance import backup, backup_path

        target = args.to or backup_path(database, datetime.now().astimezone())
        print(f"backup written: {backup(database, target)}")
        return 0
    print(f"unknown command: {' '.join(command)} (see --help)", file=sys.stderr)
    return 2


def _unreachable(url: str, error: OperationalError) -> str:
    """What a workstation says when its database server is down or unreachable (no password shown)."""
    return _("Clinic Desk cannot reach its database ({database}). If it is on the clinic's server, check that "
             "the server is running and that this computer is on the clinic's network, then start Clinic Desk "
             "again. Details: {reason}").format(database=make_url(url).render_as_string(hide_password=True),
                                                reason=str(error.orig or error).strip())


def _tell(message: str, args: argparse.Namespace) -> None:
    """On stderr, and in a message box when the window was to open (a desktop shortcut has no console)."""
    print(message, file=sys.stderr)
    if not (args.version or args.command):
        from ui.application import report_start_failure

        report_start_failure(message)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    if args.self_test:
        return _self_test()
    settings = WorkstationSettings.load()
    if (args.locale or settings.locale) in LOCALES:
        set_locale(args.locale or settings.locale)  # for the messages below; the window sets it again
    try:
        if args.version:
            return _print_version(args, settings)
        if args.command:
            return _run_command(args.command, args, settings)
        database = _open(args, settings)
    except DomainError as error:
        print(error.message(), file=sys.stderr)
        return 2
    except MigrationFailed as failure:
        log.error("database migration failed", exc_info=failure.cause)
        _tell(failure.message(), args)
        return 2
    except OperationalError as error:
        _tell(_unreachable(args.database or settings.effective_database_url, error), args)
        return 2
    ctx = Context(db=database, audit_key=audit_key(), workstation=settings.workstation)
    if args.demo:
        ctx.clock = _demo_clock()
    from ui.application import run

    hint = None
    auto_sign_in = None
    if args.demo:
        from app.demo import DEMO_USERS

        hint = ", ".join(f"{user[0]} / {user[1]}" for user in DEMO_USERS)
        if args.screenshot:
            auto_sign_in = (DEMO_USERS[0][0], DEMO_USERS[0][1])
    return run(ctx, locale=args.locale or settings.locale or None, screenshot=args.screenshot,
               auto_sign_in=auto_sign_in, sign_in_hint=hint)


if __name__ == "__main__":
    sys.exit(main())
