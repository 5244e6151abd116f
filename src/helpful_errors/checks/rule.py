"""The contract between the judge and one rule module.

A rule module ``checks/hemNNN_<name>.py`` defines ``CODE = "HEMNNN"`` and
``check(message, options) -> Optional[Hit]`` (a pure function of one analysed message), or
``check_file(messages, options) -> Iterable[Tuple[Message, Hit]]`` for rules that compare the
messages of a file. The finding text and help line come from the rule's record; the ``Hit``
fills their ``{placeholders}`` and picks a fitted help template by kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Tuple

from ..config import Settings
from ..rulebook import RuleRecord


@dataclass(frozen=True)
class Hit:
    """A rule fired: ``fields`` fill the record's templates, ``fit`` picks a help template."""

    fields: Tuple[Tuple[str, str], ...] = ()
    fit: str = ""

    @classmethod
    def of(cls, fit: str = "", **fields: object) -> "Hit":
        return cls(tuple(sorted((k, str(v)) for k, v in fields.items())), fit)

    def field_map(self) -> Mapping[str, str]:
        return dict(self.fields)


_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, fields: Mapping[str, str]) -> str:
    """Fill ``{name}`` placeholders the hit provides; every other brace is left as written."""
    return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


@dataclass(frozen=True)
class Options:
    """A rule's options: the value from ``[tool.helpful-errors]``, else the record's default."""

    record: RuleRecord
    settings: Settings

    def get(self, name: str) -> Any:
        option = self.record.option(name)
        if option is None:
            raise KeyError(f"{self.record.code} has no option {name!r}; declare it under [options.{name}] in its record")
        return self.settings.option(name, option.default)
