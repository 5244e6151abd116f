"""HEM005 unrendered-placeholder: ``{name}`` in a plain string that nothing formats.

How it decides: the extractor lists the ``{field}`` names written in plain (non-f) string
literals that reached the message without ``.format``, and drops those the call formats
later (``Error("{x}", x=x)``, Django's ``params=``, logging arguments). The rule fires for
a field whose root name is bound where the message is written (a parameter or a local),
written as a bare placeholder or quoted alone (``'{name}'``), and written as an identifier.
Literal braces in JSON or regular expressions (``{"a": 1}``, ``\\d{3}``), braces with
spaces, placeholders inside a longer quoted or back-ticked example (``'app run {path}'``)
and class-level default messages (templates the class formats itself) are left alone.

Known limits: a template kept in a variable and formatted by a helper the extractor cannot
follow is reported when the helper is not visible in the same statement.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from ..text import VALUE
from ..text import CODE as CODE_TOKEN
from .message import Message
from .rule import Hit, Options

CODE = "HEM005"

_ROOT = re.compile(r"[A-Za-z_]\w*")
_MAX_SHOWN = 70


def _written(message: Message, field: str) -> bool:
    """The field appears as a bare placeholder or as a quoted value on its own."""
    for token in message.tokens:
        if token.slots:
            continue
        text = token.text
        if token.kind == VALUE and text.startswith("{") and text[1:].split("}", 1)[0].split("!")[0].split(":")[0] == field:
            return True
        if token.kind == CODE_TOKEN and token.quoted and text[:1] in "'\"" and text[1:-1].split("!")[0].split(":")[0] == f"{{{field}}}":
            return True
    return False


def _fixed(message: Message) -> str:
    text = message.text.replace("\n", " ")
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 3].rstrip() + "..."
    return f'f"{text}"'


def _fit(in_bytes: bool, fields: Tuple[str, ...]) -> str:
    """Bytes have neither f-strings nor ``.format``, only ``%``; ``.format`` cannot evaluate a
    call such as ``{len(items)}``, only an f-string can."""
    if in_bytes:
        return "bytes"
    return "fstring" if any("(" in field for field in fields) else ""


def check(message: Message, options: Options) -> Optional[Hit]:
    site = message.site
    if message.kind == "default" or not site.unformatted_fields:
        return None
    bound = set(site.names_in_scope)
    for field in site.unformatted_fields:
        root = _ROOT.match(field)
        if root is None or root.group() != field.split(".")[0].split("[")[0] or root.group() not in bound:
            continue
        if _written(message, field.split("!")[0].split(":")[0]):
            return Hit.of(fit=_fit(site.bytes_text, site.unformatted_fields), field=f"{{{field}}}", name=root.group(), fixed=_fixed(message))
    return None
