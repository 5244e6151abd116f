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
    return seal(result, key, FORMAT_TAG)


def decode(blob: bytes, key: bytes) -> Optional[FileResult]:
    """The result in an entry, or None when the entry is not one we wrote whole."""
    result = unseal(blob, key, FORMAT_TAG)
    return result if well_formed(result) else None


def seal(value: object, key: bytes, tag: bytes) -> bytes:
    """``tag``, an HMAC of the payload made with ``key``, and the payload, a pickle of ``value``."""
    payload = pickle.dumps(value, protocol=4)
    return tag + hmac.new(key, payload, sha256).digest() + payload


def unseal(blob: bytes, key: bytes, tag: bytes) -> object:
    """What ``seal`` sealed, built only of our result classes and plain values; None when the
    blob is not one we wrote whole. The caller still checks the shape of what it gets."""
    head = len(tag)
    if not blob.startswith(tag) or len(blob) < head + DIGEST_SIZE:
        return None
    digest, payload = blob[head : head + DIGEST_SIZE], blob[head + DIGEST_SIZE :]
    if not hmac.compare_digest(hmac.new(key, payload, sha256).digest(), digest):
        return None
    return _ModelUnpickler(io.BytesIO(payload)).load()


def well_formed(result: object) -> bool:
    """True when ``result`` is a ``FileResult`` exactly as the engine builds one: each of its
    findings judges one of its own sites (or the whole file), as the engine links them."""
    if not isinstance(result, FileResult) or not _conforms(result, FileResult):
        return False
    own = {id(site) for site in result.sites}
    return all(site.path == result.path for site in result.sites) and all(
        finding.path == result.path and _CODE.fullmatch(finding.code) and (finding.site is None or id(finding.site) in own)
        for finding in result.findings
    )


# A finding's site is one of its result's sites, checked there in full; ``well_formed``
# checks the link, so the field itself needs only its type (a site judged twice cost a
# quarter of the checking).
_LINKS = {(Finding, "site"): frozenset({MessageSite, type(None)})}


Check = Callable[[object], bool]


def _conforms(value: object, hint: Any) -> bool:
    """Does ``value`` have exactly the declared type ``hint`` (no subclasses, no extras)?"""
    return _checker(hint)(value)


@lru_cache(maxsize=None)
def _checker(hint: Any) -> Check:
    """The check for ``hint``, built once per type: a warm run reads every entry of the tree,
    and taking the type hints apart again for each of their fields cost more than unpickling."""
    plain, other = _split(hint)
    if other is None:
        return lambda value: type(value) in plain
    return lambda value: type(value) in plain or other(value)


@lru_cache(maxsize=None)
def _split(hint: Any) -> Tuple[frozenset, Optional[Check]]:
    """The plain types ``hint`` allows (``str``, ``int``, ``None``: the value's exact type
    says it all), and the check for the rest (our classes, tuples), None when there is none.

    Most fields are then one set lookup, where a call per option of a union cost more
    than unpickling the entry."""
    options = get_args(hint) if get_origin(hint) is Union else (hint,)
    plain = frozenset(option for option in options if _is_plain(option))
    others = tuple(_structured(option) for option in options if not _is_plain(option))
    if not others:
        return plain, None
    if len(others) == 1:
        return plain, others[0]
    return plain, lambda value: any(check(value) for check in others)


def _is_plain(hint: Any) -> bool:
    return isinstance(hint, type) and get_origin(hint) is None and not is_dataclass(hint)


def _structured(hint: Any) -> Check:
    """The check for a tuple of items or one of our dataclasses."""
    if get_origin(hint) is tuple:
        items, other = _split(get_args(hint)[0])
        if other is None:  # every item's type at once, in C
            return lambda value: type(value) is tuple and set(map(type, value)) <= items  # type: ignore[arg-type]
        item = _checker(get_args(hint)[0])
        return lambda value: type(value) is tuple and all(map(item, value))  # type: ignore[arg-type]
    if isinstance(hint, type) and is_dataclass(hint):
        return _DataclassCheck(hint)
    return lambda value: False  # a hint this module does not know: nothing conforms


_EMPTY: Tuple[()] = ()


class _DataclassCheck:
    """Exactly ``cls``, with exactly its fields, each of its declared type; the field checks
    are built on first use, so that a class may refer to itself.

    Most tuple fields of a result are empty (a site without notes, pinned names or other
    arguments): the empty tuple passes any tuple field without a call, which was a third of
    a warm run's checking."""

    def __init__(self, cls: type):
        self.cls = cls
        self.fields: Optional[Tuple[Tuple[str, frozenset, Optional[Check], bool], ...]] = None
        self.names: frozenset = frozenset()

    def __call__(self, value: object) -> bool:
        if type(value) is not self.cls:
            return False
        if self.fields is None:
            self.fields = tuple(
                (name, _LINKS[self.cls, name], None, False) if (self.cls, name) in _LINKS else (name, *_split(field_type), _allows_tuples(field_type))
                for name, field_type in _field_types(self.cls).items()
            )
            self.names = frozenset(name for name, _, _, _ in self.fields)
        state = getattr(value, "__dict__", None)
        if type(state) is not dict or state.keys() != self.names:
            return False
        for name, plain, other, tuples in self.fields:
            field_value = state[name]
            if type(field_value) in plain or (tuples and field_value is _EMPTY):
                continue
            if other is None or not other(field_value):
                return False
        return True


def _allows_tuples(hint: Any) -> bool:
    """Whether a field of this type may hold any number of items (``Tuple[X, ...]``, or one in a union)."""
    options = get_args(hint) if get_origin(hint) is Union else (hint,)
    return any(get_origin(option) is tuple and get_args(option)[1:] == (Ellipsis,) for option in options)


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
