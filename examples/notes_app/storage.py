"""Notes on disk: one UTF-8 text file per note."""

from __future__ import annotations

import re
from pathlib import Path

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class NoteNotFound(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Note {name} not found")
        self.name = name


def check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise ValueError(
            f"Note name {name!r} is not allowed; use lowercase letters, digits and dashes "
            "(up to 64 characters), starting with a letter or digit"
        )


def read(store: Path, name: str) -> str:
    check_name(name)
    path = store / f"{name}.txt"
    if not path.exists():
        raise NoteNotFound(name)
    return path.read_text(encoding="utf-8")


def write(store: Path, name: str, text: str, max_kb: int) -> None:
    check_name(name)
    size_kb = len(text.encode("utf-8")) / 1024
    if size_kb > max_kb:
        raise ValueError("Note is too large")
    (store / f"{name}.txt").write_text(text, encoding="utf-8")
