"""A throwaway PostgreSQL server for the tests and benchmarks, from the server binaries on the machine.

The cluster is created with a UTF-8 ctype (``C.UTF-8``): under the ``C`` ctype pg_trgm sees no trigrams
in Hangul (PITFALLS). It listens only on 127.0.0.1 and is removed when stopped. PostgreSQL refuses to
run as root, so as root the server runs as the ``postgres`` (or ``nobody``) account.
"""

from __future__ import annotations

import functools
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl (or the PATH's), if any."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    for folder in reversed(candidates):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _become(uid: int, gid: int) -> None:
    os.setgid(gid)
    os.setuid(uid)


def _demote() -> tuple[Callable[[], None] | None, int | None, int | None]:
    if os.geteuid() != 0:
        return None, None, None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        uid, gid = entry.pw_uid, entry.pw_gid
        return functools.partial(_become, uid, gid), uid, gid
    raise RuntimeError("running as root and no 'postgres' or 'nobody' account to run PostgreSQL as")


@dataclass
class PostgresServer:
    bin_dir: Path
    root: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://clinic@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        drop, _, _ = _demote()
        subprocess.run(args, check=True, preexec_fn=drop, capture_output=True, cwd=self.root)

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """Creates ``name``, empty or as a copy of the database ``template`` (which nobody may be connected to)."""
        import psycopg

        copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=clinic dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=clinic dbname=postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def memory_folder() -> str | None:
    """A RAM-backed folder for test databases, if the machine has one with room to spare.

    On this machine's virtual disk creating one PostgreSQL database takes 0.3-0.5 s even with fsync off;
    in memory it takes 15 ms, and every SQLite commit (synchronous=FULL) is cheaper too.
    """
    folder = "/dev/shm"
    if not os.access(folder, os.W_OK):
        return None
    return folder if shutil.disk_usage(folder).free > 2 * 1024**3 else None


def start_server() -> PostgresServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    root = Path(tempfile.mkdtemp(prefix="clinic-pg-", dir=memory_folder()))
    _, uid, gid = _demote()
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)
    server = PostgresServer(bin_dir=bin_dir, root=root, port=_free_port())
    server._run(
        str(bin_dir / "initdb"), "-D", str(server.data_dir), "-U", "clinic", "--auth=trust",
        "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={server.port} -c unix_socket_directories='{root}' "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=120"
    )
    server._run(
        str(bin_dir / "pg_ctl"), "-D", str(server.data_dir), "-o", options, "-l", str(root / "server.log"),
        "-w", "-t", "60", "start",
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("PostgreSQL did not start listening in 30 s")
