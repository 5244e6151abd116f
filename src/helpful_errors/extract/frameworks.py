"""Frameworks that show the rejected value themselves, so a message need not repeat it.

pydantic reports an error raised in a validator with the input and its type
(``input_value=..., input_type=...``); voluptuous (and the configuration checks built on
it, such as ESPHome's ``cv``) prints the offending configuration entry with its ``Invalid``.
The names are the frameworks' own API, which no lexicon knows.
"""

from __future__ import annotations

from typing import Mapping

_PYDANTIC_VALIDATORS = frozenset({"validator", "field_validator", "model_validator", "root_validator"})
_CONFIG_INVALID = frozenset({"Invalid", "MultipleInvalid"})


def _origin(name: str, imported: Mapping[str, str]) -> str:
    """``cv.Invalid`` -> ``esphome.config_validation.Invalid``: the dotted name as imported."""
    root, dot, rest = name.partition(".")
    origin = imported.get(root, root)
    return f"{origin}.{rest}" if dot else origin


def shows_input(decorator: str, imported: Mapping[str, str]) -> bool:
    """A decorator that makes the function a pydantic validator."""
    origin = _origin(decorator, imported)
    return origin.startswith("pydantic") and origin.rsplit(".", 1)[-1] in _PYDANTIC_VALIDATORS


def shows_value(callee: str, imported: Mapping[str, str]) -> bool:
    """A voluptuous ``Invalid`` (or one of a configuration checker built on voluptuous)."""
    if callee.rsplit(".", 1)[-1] not in _CONFIG_INVALID:
        return False
    origin = _origin(callee, imported)
    return origin.startswith("voluptuous") or ".config_validation." in origin
