"""Which rules exist: the rulebook's records joined to the rule modules that implement them.

Rule modules are found by name (``checks/hemNNN_<name>.py``), so adding a rule means adding a
record in ``rules/`` and one module here; a test checks the two sets are one-to-one. The
configuration reads the codes and options from the rulebook data itself (``config``).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Optional, Tuple

from .. import rulebook
from ..config import known_codes
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


@lru_cache(maxsize=1)
def rule_modules() -> Tuple[ModuleType, ...]:
    """The rule modules in this package, in code order."""
    found = []
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if MODULE_NAME.fullmatch(info.name):
            found.append(importlib.import_module(f"{__package__}.{info.name}"))
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
