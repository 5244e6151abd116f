"""Settings given on the command line, laid over the ones read from pyproject.toml.

The flags follow ruff and flake8: ``--select`` replaces the file's selection,
``--extend-select`` and ``--ignore``/``--extend-ignore`` add to it, ``--exclude`` replaces
the exclude list and ``--extend-exclude`` adds to it, ``--per-file-ignores`` adds
``GLOB:CODES`` entries, and ``--isolated`` ignores every pyproject.toml.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Callable, List, Optional, Sequence, Tuple

from .config import ConfigError, Settings, foreign_note, load_settings, validate_codes


CodeCheck = Callable[[Sequence[str], str], Tuple[str, ...]]


@dataclass(frozen=True)
class Overrides:
    """What the command line says about the settings; empty fields leave the file's value."""

    config: Optional[str] = None
    isolated: bool = False
    select: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    extend_ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()
    extend_exclude: Tuple[str, ...] = ()


def split(values: Sequence[str]) -> List[str]:
    """``--select A,B --select C`` and ``--select "A B"`` all mean A, B and C."""
    return [v for value in values for v in value.replace(" ", ",").split(",") if v]


def settings_for(start: str, given: Overrides) -> Settings:
    """The settings for files under ``start``: the file's (unless isolated), then the flags."""
    if given.isolated and given.config:
        raise ConfigError("--isolated ignores every pyproject.toml, so it cannot be used with --config; drop one of them")
    if given.isolated:
        settings = Settings(root=os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or "."))
    else:
        settings = load_settings(start, given.config)
    foreign: List[str] = []

    def codes(values: Sequence[str], option: str) -> Tuple[str, ...]:
        return validate_codes(split(values), option, foreign)

    if given.select:
        settings = replace(settings, select=codes(given.select, "--select"))
    settings = replace(
        settings,
        select=settings.select + codes(given.extend_select, "--extend-select"),
        ignore=settings.ignore + codes(given.ignore, "--ignore") + codes(given.extend_ignore, "--extend-ignore"),
        per_file_ignores=settings.per_file_ignores + tuple(_per_file(entry, codes) for entry in given.per_file_ignores),
        exclude=tuple(split(given.exclude)) if given.exclude else settings.exclude,
        extend_exclude=settings.extend_exclude + tuple(split(given.extend_exclude)),
    )
    note = foreign_note(foreign, "the command line")
    return replace(settings, notes=settings.notes + ((note,) if note else ()))


def _per_file(entry: str, codes: CodeCheck) -> Tuple[str, Tuple[str, ...]]:
    glob, sep, listed = entry.rpartition(":")
    if not sep or not glob or not listed.strip():
        raise ConfigError(
            f"--per-file-ignores takes GLOB:CODES, such as 'tests/*:HEM001,HEM002', got {entry!r}; "
            "put the glob, a colon and the codes"
        )
    return glob, codes([listed], f"--per-file-ignores {glob}")



def describe(settings: Settings) -> str:
    """``--show-settings``: the effective settings as TOML, and where they come from."""
    import json

    def value(item: object) -> str:
        if isinstance(item, tuple):
            return "[" + ", ".join(value(v) for v in item) + "]"
        return json.dumps(item)

    source = settings.source or "no pyproject.toml with [tool.helpful-errors] (the defaults)"
    lines = [
        f"# settings from {source}",
        f"# paths are matched relative to {settings.root}",
        "[tool.helpful-errors]",
        f"select = {value(settings.select)}",
        f"ignore = {value(settings.ignore)}",
        "per-file-ignores = {" + ", ".join(f"{json.dumps(g)} = {value(c)}" for g, c in settings.per_file_ignores) + "}",
        f"exclude = {value(settings.exclude)}",
        f"extend-exclude = {value(settings.extend_exclude)}",
        f"audience = {json.dumps(settings.audience)}  # \"\" chooses by message kind",
    ]
    lines += [f"{name} = {value(option)}" for name, option in settings.options]
    return "\n".join(lines) + "\n"
