"""Which rules exist: the rulebook's records joined to the rule modules that implement them.

Rule modules are found by name (``checks/hemNNN_<name>.py``), so adding a rule means adding a
record in ``rules/`` and one module here; a test checks the two sets are one-to-one. Loading
the registry also declares every record option to the configuration, so that
``[tool.helpful-errors]`` accepts them and rejects unknown keys.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import FrozenSet, Optional, Tuple

from .. import config, rulebook
from ..rulebook import RuleRecord

MODULE_NAME = re.compile(r"hem(\d{3})_\w+")


@dataclass(frozen=True)
class Rule:
    """A record and the module that implements it."""

    record: RuleRecord
    module: ModuleType

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def per_file(self) -> bool:
        return hasattr(self.module, "check_file")


def known_codes() -> FrozenSet[str]:
    """Every code in the rulebook, implemented or not (HEM000 has no module)."""
    return frozenset(r.code for r in rulebook.rules())


@lru_cache(maxsize=1)
def rule_modules() -> Tuple[ModuleType, ...]:
    """The rule modules in this package, in code order."""
    from .. import checks

    found = []
    for info in pkgutil.iter_modules(checks.__path__):
        if MODULE_NAME.fullmatch(info.name):
            found.append(importlib.import_module(f"{checks.__name__}.{info.name}"))
    return tuple(sorted(found, key=lambda m: str(getattr(m, "CODE", ""))))


@lru_cache(maxsize=1)
def rules() -> Tuple[Rule, ...]:
    """Implemented rules with their records, in code order; records are looked up by CODE.

    A module whose record is missing is left out rather than failing every run; the
    one-to-one test in the suite reports it.
    """
    codes = known_codes()
    return tuple(Rule(rulebook.get(m.CODE), m) for m in rule_modules() if getattr(m, "CODE", "") in codes)


def rule(code: str) -> Optional[Rule]:
    for r in rules():
        if r.code == code:
            return r
    return None


TYPE_WORDS = {"int": "an integer", "float": "a number", "str": "a string", "bool": "true or false", "list": "a list"}


def register_options() -> None:
    """Declare each record option to the configuration (name -> type and description)."""
    for record in rulebook.rules():
        for option in record.options:
            described = f"{TYPE_WORDS[option.type]} ({record.code}: {option.description})"
            config.RULE_OPTIONS.setdefault(option.name, (option.python_type, described))


register_options()
