"""This workstation's own settings, kept outside the database: which database, its name, its language,
and the audit key (a secret that must not live in the database it protects).

Two files, read in this order: the machine's (written by the Windows setup program for every user of the PC,
in ProgramData or /etc/xdg), then the user's own, whose non-empty values win. ``CLINIC_DESK_HOME`` moves
everything (settings, data, backups) under one folder: the demo and the tests use it so they never touch a
real clinic's files.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "ClinicDesk"
AUDIT_KEY_ENV = "CLINIC_DESK_AUDIT_KEY"
SETTINGS_FILE = "settings.json"
AUDIT_KEY_FILE = "audit.key"


def home() -> Path | None:
    value = os.environ.get("CLINIC_DESK_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    base = home()
    return base / "config" if base else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def machine_config_dir() -> Path:
    """Settings shared by every user of this computer (the installer writes them)."""
    base = home()
    return base / "machine" if base else Path(platformdirs.site_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    base = home()
    return base / "data" if base else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def backups_dir() -> Path:
    return data_dir() / "backups"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'clinic.sqlite3'}"


@dataclass
class WorkstationSettings:
    database_url: str = ""
    workstation: str = field(default_factory=socket.gethostname)
    locale: str = ""

    @property
    def effective_database_url(self) -> str:
        return self.database_url or default_database_url()

    @classmethod
    def load(cls) -> WorkstationSettings:
        """The machine's settings overlaid with the user's own (their empty values do not erase)."""
        values: dict[str, str] = {}
        for folder in (machine_config_dir(), config_dir()):
            path = folder / SETTINGS_FILE
            if path.exists():
                data = json.loads(path.read_text(encoding="utf-8-sig"))  # the setup program writes a BOM
                values.update({key: value for key, value in data.items()
                               if key in cls.__dataclass_fields__ and isinstance(value, str) and value})
        return cls(**values)

    def save(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / SETTINGS_FILE
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        temporary.replace(target)


def audit_key() -> bytes:
    """The HMAC key of the audit chain: from the environment or the machine's settings (shared by a
    clinic's workstations; the setup program puts it there), else the user's own file, created once with
    owner-only permissions."""
    from_env = os.environ.get(AUDIT_KEY_ENV)
    if from_env:
        return bytes.fromhex(from_env)
    shared = machine_config_dir() / AUDIT_KEY_FILE
    if shared.exists():
        return bytes.fromhex(shared.read_text().strip())
    path = config_dir() / AUDIT_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())
