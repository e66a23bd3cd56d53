"""Start-up and language switch of the main window, each beside a baseline measured in the same run.

    python bench/bench_startup.py [--runs 7] [--platform offscreen]

(a) Cold start to a shown main window: a fresh Python process opens the demo clinic (``app.demo``; built
    once beforehand, not timed) the way ``main.py --demo`` does — settings, database and migration check,
    sign-in, the window — and reports when the window is first painted, and then when every visible
    dock shows its data.
(b) Baseline: a fresh Python process shows a bare PySide6 QMainWindow with a label.
    Both are timed from just before the process is spawned, so interpreter start and imports count.
    Target: (a) / (b) under 2.5.
(c) A full-window language switch (``ui.qt_i18n.switch_language`` plus the repaint it causes) on the demo
    window, for each of the five languages: the first switch into each language (its catalog is read
    then) and the median of the following ones. Target: median under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from app.context import Context

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout: python bench/bench_startup.py
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 2.5
TARGET_SWITCH_MS = 300.0
SWITCH_ROUNDS = 5


# -- children (each runs in its own fresh process) -----------------------------------------------------------


def _child_bare(started: float) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1366, 768)
    _show_and_paint(app, window)
    return {"shown_s": time.time() - started}


def _show_and_paint(app: QApplication, window: QWidget) -> None:
    """Show the window and let it paint once (exposed and drawn, as a person would first see it)."""
    from PySide6.QtCore import QEventLoop

    window.show()
    while not (window.windowHandle() and window.windowHandle().isExposed()):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    window.repaint()


def _open_demo() -> tuple[Context, str, str]:
    """What ``main.py --demo`` does before the window: settings, the demo database, the Context; and the
    demo administrator's user name and password."""
    from app.context import Context
    from app.demo import DEMO_USERS
    from app.settings import WorkstationSettings, audit_key
    from main import _demo_database

    settings = WorkstationSettings.load()
    ctx = Context(db=_demo_database(), audit_key=audit_key(), workstation=settings.workstation)
    return ctx, DEMO_USERS[0][0], DEMO_USERS[0][1]


def _child_app(started: float) -> dict[str, float]:
    ctx, username, password = _open_demo()
    from ui import qt_i18n
    from ui.application import application, show_loaded, sign_in, start_locale
    from ui.main_window import MainWindow

    app = application()
    qt_i18n.switch_language(start_locale(ctx, "en"))
    sign_in(ctx, (username, password), None)
    window = MainWindow(ctx, keep_locale=True)
    window.resize(1366, 768)
    _show_and_paint(app, window)
    shown = time.time() - started
    show_loaded(window)
    window.repaint()
    result = {"shown_s": shown, "loaded_s": time.time() - started}
    window.close()
    return result


def _child_switch(_started: float) -> dict[str, float]:
    from app.i18n import LOCALES
    from ui import qt_i18n
    from ui.application import application, show_loaded, sign_in
    from ui.main_window import MainWindow

    ctx, username, password = _open_demo()
    app = application()
    qt_i18n.switch_language("en")
    sign_in(ctx, (username, password), None)
    window = MainWindow(ctx, keep_locale=True)
    window.resize(1366, 768)
    show_loaded(window)
    timings: dict[str, float] = {}
    order = [locale for locale in LOCALES if locale != "en"] + ["en"]
    for round_number in range(SWITCH_ROUNDS + 1):
        for locale in order:
            begin = time.perf_counter()
            qt_i18n.switch_language(locale)
            app.processEvents()  # the relayout and repaint the switch caused
            elapsed = (time.perf_counter() - begin) * 1000
            key = f"first_{locale}" if round_number == 0 else f"{locale}_{round_number}"
            timings[key] = elapsed
    window.close()
    return timings


CHILDREN = {"bare": _child_bare, "app": _child_app, "switch": _child_switch}


# -- the parent --------------------------------------------------------------------------------------------


def _spawn(kind: str, env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--started", repr(started)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the {kind} run failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _prepare_demo(env: dict[str, str]) -> None:
    """Build today's demo database once (main.py reuses it the same day): not part of any timing."""
    print("building the demo clinic (once, not timed)...", flush=True)
    _spawn("app", env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per start-up kind")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                        help="Qt platform plugin for all runs (offscreen by default)")
    parser.add_argument("--home", type=Path, help="CLINIC_DESK_HOME for the demo (a temporary folder by default)")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args.started)))
        return 0

    home = args.home or Path(tempfile.mkdtemp(prefix="clinic-desk-bench-"))
    env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "CLINIC_DESK_HOME": str(home)}
    # An installed Clinic Desk starts from compiled bytecode (the bundle holds it; a checkout's venv writes
    # __pycache__ on the first start). A shell that forbids writing it would time compiling 120 modules from
    # source on every run (half a second here), so the children may write it; the untimed first run does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _prepare_demo(env)
    app_runs, loaded_runs, bare_runs = [], [], []
    for _ in range(args.runs):  # interleaved, so that a busy moment of the machine hits both alike
        app = _spawn("app", env)
        app_runs.append(app["shown_s"] * 1000)
        loaded_runs.append(app["loaded_s"] * 1000)
        bare_runs.append(_spawn("bare", env)["shown_s"] * 1000)
    switch = _spawn("switch", env)

    app_ms, bare_ms = statistics.median(app_runs), statistics.median(bare_runs)
    ratio = app_ms / bare_ms
    locales = [key.removeprefix("first_") for key in switch if key.startswith("first_")]
    warm = {loc: [v for k, v in switch.items() if k.startswith(f"{loc}_")] for loc in locales}
    warm_all = [v for values in warm.values() for v in values]
    firsts = [switch[f"first_{loc}"] for loc in locales]

    print(f"\nClinic Desk start-up and language switch (platform {args.platform}, "
          f"Python {sys.version.split()[0]})\n")
    row = "{:<58}{:>10}{:>10}{:>10}"
    print(row.format("measure", "median", "min", "max"))
    print("-" * 88)

    def timing_row(title: str, values: list[float]) -> None:
        print(row.format(title, *(f"{v:.0f} ms" if v >= 10 else f"{v:.1f} ms"
                                  for v in (statistics.median(values), min(values), max(values)))))

    timing_row(f"(a) cold start to the shown demo window, {args.runs} runs", app_runs)
    timing_row("    ... and its visible docks showing their data", loaded_runs)
    timing_row(f"(b) bare PySide6 QMainWindow shown (baseline), {args.runs} runs", bare_runs)
    print(f"{'    ratio (a) / (b)':<58}{ratio:>9.2f}x   target < {TARGET_RATIO}: "
          f"{'met' if ratio < TARGET_RATIO else 'NOT met'}")
    print("-" * 88)
    for locale in locales:
        timing_row(f"(c) switch the whole window to {locale}, {SWITCH_ROUNDS} times", warm[locale])
    timing_row("    first switch into each language (reads its catalog)", firsts)
    median_switch = statistics.median(warm_all)
    print(f"{'    median over the five languages':<58}{median_switch:>8.1f} ms   target < "
          f"{TARGET_SWITCH_MS:.0f} ms: {'met' if median_switch < TARGET_SWITCH_MS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
