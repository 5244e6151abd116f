"""HEM009 sensitive-value-in-message: a secret is put into the text (``{password}``, ``{token}``).

How it decides: each placeholder's expression (f-string and ``.format`` fields, ``%``
arguments, logging arguments) is reduced to the name of the value it shows: ``str(x)`` and
``repr(x)`` are unwrapped, ``cfg["api_key"]`` and ``cfg.get("api_key")`` give the key, an
attribute chain gives its last name. The value is a secret when that name ENDS in a secret
noun (lexicon ``secret_nouns``: ``db_password``, not ``min_password_length``), when it is a
credential token (``access_token``, lexicon ``secret_token_prefixes``), or when it is a whole
environment or request-header dump (``os.environ``, ``request.headers``). Masked values
(``token[-4:]``, ``mask(token)``, ``len(password)``: any slice or other call) are fine.
A bare ``token`` or a ``session_id`` counts only when the file, class, function, local
names or message words speak of authentication (lexicon ``auth_context``): elsewhere a
token is a piece of parsed text and a session id an object counter.

Not judged: test code (its secrets are fixtures made up for the test, read by the developer
running it); constants (``CONF_PASSWORD``, ``MISSING_CREDENTIALS``: an upper-case name
holds a key name or a fixed text, not a secret the program received); and a value passed
with other arguments to a class that builds its own text from them
(``ExpectedStringError(secret, "secret")`` may print only the type); a value the enclosing
condition fixes (``if not token: raise Missing(token)``: empty or a literal there).

Known limits: a secret stored under a neutral name (``value``, ``creds[0]``) is not seen,
and a function that returns a secret (``load_key()``) is treated as masking it.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from ..text import lexicon
from ..text.identifiers import identifier_parts
from .message import Message
from .rule import Hit, Options
from ..testcode import in_test_code
from .values import is_secret_name

CODE = "HEM009"

_UNWRAP = re.compile(r"^(?:str|repr|format|f?string)\((.*)\)$", re.DOTALL)
_KEYED = re.compile(r"""^(.*?)(?:\[\s*(['"])(?P<key>[^'"]+)\2\s*\]|\.get\(\s*(['"])(?P<gkey>[^'"]+)\4.*\))$""", re.DOTALL)
_CALL = re.compile(r"^[\w.]+\(.*\)$", re.DOTALL)
_DUMPS = {"os.environ": "the environment", "dict(os.environ)": "the environment"}
_CONSTANT = re.compile(r"_*[A-Z][A-Z0-9_]*")  # CONF_PASSWORD: a key name or fixed text
_HEADERS = re.compile(r"(?:^|\.)(?:request|req)\.(?:headers|cookies)$")


def value_name(expr: str) -> Tuple[str, str]:
    """(kind, name) of the value an expression shows: ("name", "db_password"), ("dump", ...),
    or ("masked", "") when the expression transforms the value (a slice or a call)."""
    expr = expr.strip()
    for _ in range(3):
        unwrapped = _UNWRAP.match(expr)
        if not unwrapped:
            break
        expr = unwrapped.group(1).strip()
    if expr in _DUMPS:
        return "dump", _DUMPS[expr]
    if _HEADERS.search(expr):
        return "dump", "the request headers"
    keyed = _KEYED.match(expr)
    if keyed:
        return "name", keyed.group("key") or keyed.group("gkey") or ""
    if expr.endswith("]") or _CALL.match(expr):
        return "masked", ""
    if not re.fullmatch(r"[\w.]+", expr):
        return "masked", ""
    return "name", expr.rsplit(".", 1)[-1]


def _ambiguous(parts: Tuple[str, ...]) -> bool:
    """A bare ``token`` or a ``session_id``: a credential only in authentication code."""
    return parts == ("token",) or parts == ("sessionid",) or parts[-2:] == ("session", "id")


def _auth_context(message: Message) -> bool:
    site = message.site
    context = lexicon("auth_context")
    texts = [site.path.replace("\\", "/").rsplit("/", 1)[-1], site.class_name, site.function, *site.names_in_scope]
    parts = {p for text in texts for p in identifier_parts(text)}
    return bool(parts & context) or bool(set(message.words) & context)


def _class_builds_text(message: Message) -> bool:
    """``Error(secret, "secret")``: the value is data for a class that writes its own text."""
    return message.kind == "raise" and bool(message.site.other_args) and not message.words


def check(message: Message, options: Options) -> Optional[Hit]:
    if in_test_code(message.site) or _class_builds_text(message):
        return None
    pinned = set(message.site.pinned)
    for slot in message.slots:
        if slot.expr in pinned:
            continue  # ``if not token:``: the value is empty (or a literal) on this path
        kind, name = value_name(slot.expr)
        if kind == "dump":
            return Hit.of(fit="dump", expr=slot.expr, secret=name)
        parts = identifier_parts(name)
        if kind != "name" or not is_secret_name(parts) or _CONSTANT.fullmatch(name):
            continue
        if _ambiguous(parts) and not _auth_context(message):
            continue
        plural = parts[-1].endswith("s") and not parts[-1].endswith("ss")  # credentials, cookies
        return Hit.of(fit="collection" if plural else "", expr=slot.expr, secret=name.replace("_", " ").lower())
    return None
