"""The format mini-languages as plain string code: ``%``, ``str.format`` and f-string text.

The template builder hands these functions the text pieces it decoded and the source of
the arguments; nothing here needs a parser, so each language is tested on strings alone.
"""

from __future__ import annotations

import re
import string
from typing import Dict, List, Optional, Sequence, Tuple

from ..model import Part, Slot

PRINTF_SPEC = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])"
)


def merge_parts(parts: Sequence[Part]) -> List[Part]:
    """Adjacent text pieces joined, empty ones dropped: one canonical form per template."""
    out: List[Part] = []
    for p in parts:
        if isinstance(p, str):
            if not p:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + p
                continue
        out.append(p)
    return out


def format_fields(text: str) -> Tuple[str, ...]:
    """The ``{field}`` names ``str.format`` would fill in ``text`` (``{{`` is a literal brace)."""
    if "{" not in text:
        return ()
    try:
        return tuple(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)
    except ValueError:  # unbalanced braces: not a format string
        return ()


def has_own_words(text: str) -> bool:
    """A letter outside the ``{field}`` and ``%(key)s`` placeholders: ``"{error_msg}"`` and
    ``"%s: %s"`` have none (their words all come from what fills them), ``"No {name}"`` has."""
    bare = PRINTF_SPEC.sub("", text)
    if "{" in bare:
        try:
            bare = "".join(literal for literal, _, _, _ in string.Formatter().parse(bare))
        except ValueError:  # unbalanced braces: the text is shown as it is
            pass
    return any(c.isalpha() for c in bare)


def fill_printf(parts: Sequence[Part], args: Sequence[str], keyed: Dict[str, str], formatted: Optional[bool] = None) -> List[Part]:
    """Replace printf-style specs in the text parts with slots naming their arguments.

    ``%%`` becomes ``%`` only when the text is really formatted: ``text % ()`` is, while
    logging leaves a message without arguments as it is (``formatted`` defaults to that).
    """
    if formatted is None:
        formatted = bool(args or keyed)
    out: List[Part] = []
    i = 0
    for part in parts:
        if not isinstance(part, str):
            out.append(part)
            continue
        pos = 0
        for m in PRINTF_SPEC.finditer(part):
            if m.group("conv") == "%":
                continue
            literal = part[pos : m.start()]
            out.append(literal.replace("%%", "%") if formatted else literal)
            key = m.group("key")
            if key is not None:
                expr = keyed.get(key, key)
            else:
                expr = args[i] if i < len(args) else ""
                i += 1
            out.append(Slot(expr, m.group(0), True))
            pos = m.end()
        out.append(part[pos:].replace("%%", "%") if formatted else part[pos:])
    return merge_parts(out)


def fill_format(parts: Sequence[Part], positional: Sequence[str], keywords: Dict[str, str]) -> List[Part]:
    """``str.format`` applied to the text parts: each ``{field}`` becomes a slot naming its argument.

    A field whose argument is missing keeps its own name (``{name}``); text that is not a
    valid format string (a lone brace) stays as it is, as ``str.format`` would raise on it.
    """
    out: List[Part] = []
    auto = 0
    for part in parts:
        if not isinstance(part, str):
            out.append(part)
            continue
        try:
            fields = list(string.Formatter().parse(part))
        except ValueError:
            out.append(part)
            continue
        for literal, field, spec, conv in fields:
            out.append(literal)
            if field is None:
                continue
            key = field.split(".", 1)[0].split("[", 1)[0]
            rest = field[len(key) :]
            if key == "":
                expr = positional[auto] if auto < len(positional) else ""
                auto += 1
            elif key.isdigit():
                i = int(key)
                expr = positional[i] if i < len(positional) else ""
            else:
                expr = keywords.get(key, key)
            expr = (expr + rest) if expr else field
            full = ("!" + conv if conv else "") + (":" + spec if spec else "")
            out.append(Slot(expr, full, True))
    return out


def unescape_fstring_text(raw: str, is_raw: bool) -> str:
    """The text an f-string's literal piece shows: ``{{`` is a brace, escapes are decoded."""
    text = raw.replace("{{", "{").replace("}}", "}")
    if is_raw or "\\" not in text:
        return text
    try:
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return text
