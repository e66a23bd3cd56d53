"""The frozen bundle beside the same program run from source, in the same run.

    python bench/bench_bundle.py [--bundle dist/ClinicDesk] [--runs 5]

(a) ``--version`` on a clinic database (interpreter start, imports, database open, licence metadata):
    the bundle's ``ClinicDesk`` beside ``python main.py`` (baseline).
(b) ``--self-test`` (the main window on a throwaway clinic, a PDF read back, a language switch, About):
    the bundle beside ``python main.py``.
p50 and p95 wall time of fresh processes. Target: the bundle within 1.3x of the source run (a one-folder
bundle unpacks nothing, so it should start about as fast). Build the bundle first: ``installer/build``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.3


def _timed(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return times


def _p(values: list[float], quantile: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(quantile * (len(ordered) - 1)))]


def _report(name: str, bundle: list[float], source: list[float]) -> None:
    ratio = statistics.median(bundle) / statistics.median(source)
    print(f"{name}: bundle p50 {_p(bundle, 0.5):.2f} s p95 {_p(bundle, 0.95):.2f} s | "
          f"source (baseline) p50 {_p(source, 0.5):.2f} s p95 {_p(source, 0.95):.2f} s | "
          f"ratio {ratio:.2f} (target under {TARGET_RATIO})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ClinicDesk")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    program = args.bundle / ("ClinicDesk.exe" if sys.platform == "win32" else "ClinicDesk")
    if not program.exists():
        raise SystemExit(f"no bundle at {args.bundle}: run installer/build first")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLINIC_DESK_HOME": folder,
               "CLINIC_DESK_AUDIT_KEY": "ab" * 32}
        database = ["--database", f"sqlite:///{Path(folder) / 'clinic.sqlite3'}"]
        subprocess.run([sys.executable, "main.py", *database, "db", "upgrade"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        source = [sys.executable, "main.py"]
        for name, options in (("--version", ["--version", *database]), ("--self-test", ["--self-test"])):
            bundle_times = _timed([str(program), *options], env, args.runs)
            source_times = _timed([*source, *options], env, args.runs)
            _report(name, bundle_times, source_times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
