"""One cache entry: a result, authenticated and checked field by field when read back.

An entry is a format tag, an HMAC-SHA-256 of the payload made with the user's secret key
(``cache_key``), and the payload, a pickle of the file's ``FileResult``. Reading it back:

- a wrong tag or MAC is a miss (a damaged entry, or one made without the key);
- the unpickler builds only our result classes, so a planted entry cannot run code;
- every field of every object is checked against its declared type, and every site and
  finding must belong to the entry's file, so an entry of any other shape is a miss too.
"""

from __future__ import annotations

import hmac
import io
import pickle
import re
from dataclasses import fields, is_dataclass
from functools import lru_cache
from operator import itemgetter
from hashlib import sha256
from typing import Any, Callable, Dict, Optional, Tuple, Union, get_args, get_origin, get_type_hints

from .model import Edit, FileResult, Finding, Fix, MessageSite, ModuleUse, Slot, Span, Template

FORMAT_TAG = b"helpful-errors-cache 2\n"  # bump when the entry layout changes
DIGEST_SIZE = 32
_ALLOWED = {cls.__name__: cls for cls in (FileResult, MessageSite, Finding, Span, Template, Slot, Fix, Edit, ModuleUse)}
_MODEL_MODULE = FileResult.__module__
_CODE = re.compile("HEM[0-9]{3}")


def encode(result: FileResult, key: bytes) -> bytes:
    """Format tag, HMAC of the payload, payload (a pickle of the result)."""
    payload = pickle.dumps(result, protocol=4)
    return FORMAT_TAG + hmac.new(key, payload, sha256).digest() + payload


def decode(blob: bytes, key: bytes) -> Optional[FileResult]:
    """The result in an entry, or None when the entry is not one we wrote whole."""
    head = len(FORMAT_TAG)
    if not blob.startswith(FORMAT_TAG) or len(blob) < head + DIGEST_SIZE:
        return None
    digest, payload = blob[head : head + DIGEST_SIZE], blob[head + DIGEST_SIZE :]
    if not hmac.compare_digest(hmac.new(key, payload, sha256).digest(), digest):
        return None
    result = _ModelUnpickler(io.BytesIO(payload)).load()
    return result if well_formed(result) else None


def well_formed(result: object) -> bool:
    """True when ``result`` is a ``FileResult`` exactly as the engine builds one."""
    if not isinstance(result, FileResult) or not _conforms(result, FileResult):
        return False
    return all(site.path == result.path for site in result.sites) and all(
        finding.path == result.path and _CODE.fullmatch(finding.code) for finding in result.findings
    )


Check = Callable[[object], bool]


def _conforms(value: object, hint: Any) -> bool:
    """Does ``value`` have exactly the declared type ``hint`` (no subclasses, no extras)?"""
    return _checker(hint)(value)


@lru_cache(maxsize=None)
def _checker(hint: Any) -> Check:
    """The check for ``hint``, built once per type: a warm run reads every entry of the tree,
    and taking the type hints apart again for each of their fields cost more than unpickling."""
    origin = get_origin(hint)
    if origin is Union:
        simple = frozenset(option for option in get_args(hint) if _plain_types(option) is not None)
        others = tuple(_checker(option) for option in get_args(hint) if option not in simple)
        return lambda value: type(value) in simple or any(check(value) for check in others)
    if origin is tuple:
        item_hint = get_args(hint)[0]
        items = _plain_types(item_hint)
        if items is not None:  # the types of all the items at once, in C
            return lambda value: type(value) is tuple and set(map(type, value)) <= items  # type: ignore[arg-type]
        item = _checker(item_hint)
        return lambda value: type(value) is tuple and all(map(item, value))  # type: ignore[arg-type]
    if not isinstance(hint, type) or not is_dataclass(hint):
        return lambda value: type(value) is hint
    return _DataclassCheck(hint)


def _plain_types(hint: Any) -> Optional[frozenset]:
    """The types a value of ``hint`` may have, when each is a plain type (``str``, ``int``,
    ``None``...) that ``type(value) is`` checks; None when one of them needs more."""
    options = get_args(hint) if get_origin(hint) is Union else (hint,)
    plain = all(isinstance(option, type) and get_origin(option) is None and not is_dataclass(option) for option in options)
    return frozenset(options) if plain else None


class _DataclassCheck:
    """Exactly ``cls``, with exactly its fields, each of its declared type; the field checks
    are built on first use, so that a class may refer to itself.

    Most fields hold a plain ``str``, ``int`` or ``bool``: their types are read all at once
    and compared as one tuple (``itemgetter`` and ``map`` run in C), where a Python call per
    field cost more than unpickling the entry.
    """

    def __init__(self, cls: type):
        self.cls = cls
        self.names: Optional[frozenset] = None
        self.plain: Callable[[Dict[str, object]], Tuple[object, ...]] = lambda state: ()
        self.plain_types: Tuple[type, ...] = ()
        self.others: Tuple[Tuple[str, Check], ...] = ()

    def _build(self) -> frozenset:
        hints = _field_types(self.cls)
        plain = [name for name, hint in hints.items() if _plain_types(hint) == {hint}]
        if len(plain) == 1:
            self.plain = lambda state, name=plain[0]: (state[name],)
        elif plain:
            self.plain = itemgetter(*plain)
        self.plain_types = tuple(hints[name] for name in plain)
        self.others = tuple((name, _checker(hint)) for name, hint in hints.items() if name not in plain)
        self.names = frozenset(hints)
        return self.names

    def __call__(self, value: object) -> bool:
        if type(value) is not self.cls:
            return False
        names = self.names if self.names is not None else self._build()
        state = getattr(value, "__dict__", None)
        return (
            isinstance(state, dict)
            and state.keys() == names
            and tuple(map(type, self.plain(state))) == self.plain_types
            and all(check(state[name]) for name, check in self.others)
        )


@lru_cache(maxsize=None)
def _field_types(cls: type) -> Dict[str, Any]:
    resolved = get_type_hints(cls)
    return {f.name: resolved[f.name] for f in fields(cls)}


class _ModelUnpickler(pickle.Unpickler):
    """Builds only our result classes: a planted entry cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == _MODEL_MODULE and name in _ALLOWED:
            return _ALLOWED[name]
        if module == "copyreg" and name == "__newobj__":
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
