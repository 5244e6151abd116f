"""Load the service settings from a TOML file."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

log = logging.getLogger(__name__)

DEFAULT_PATH = Path("~/.config/notes/config.toml")
MISSING_STORE = "Storage folder {folder} does not exist"


class ConfigError(Exception):
    """A settings problem the user has to fix before the service starts."""

    default_message = "Invalid configuration"


@dataclass(frozen=True)
class Settings:
    store: Path
    port: int
    max_note_kb: int


def load(path: Path = DEFAULT_PATH) -> Settings:
    path = path.expanduser()
    if not path.exists():
        raise ConfigError(f"{path} not found; create it with 'notes init' or pass --config PATH")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is malformed") from exc
    store = Path(os.path.expandvars(data.get("store", "~/notes"))).expanduser()
    if not store.is_dir():
        raise ConfigError(MISSING_STORE.format(folder=store))
    port = data.get("port", 8080)
    if not isinstance(port, int) or not 1 <= port <= 65535:
        msg = f"port must be a whole number from 1 to 65535, got {port!r}; fix 'port' in {path}"
        raise ConfigError(msg)
    max_kb = data.get("max_note_kb", 64)
    if max_kb > 1024:
        log.warning("max_note_kb of %d is very large", max_kb)
    return Settings(store, port, max_kb)
