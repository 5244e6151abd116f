"""Split a message template into typed tokens.

Kinds: WORD (prose), VALUE (a placeholder: an f-string/format field, ``%s``, or a quoted
placeholder such as ``'{name}'``), CODE (quoted spans, backticks, ``--flags``, ``name()``,
dotted names, snake_case, CamelCase, decorators, paths), URL, CODE_ID (``E1234``), NUMBER and
PUNCT.
Rules match words only among WORD tokens, so "use" inside ``'in_use'`` or ``{use}`` never
counts as the verb. Slots are replaced by private-use sentinel characters before scanning,
which lets one regular expression see a quote around a placeholder as one quoted value.

HTML tags (``<b>``, ``</div>``, ``<br/>``, ``<a href="...">``) are markup around the text, not
prose, code or comparisons: they are blanked before scanning, and a slot inside a tag's
attributes stays a value. An opening tag counts as markup when its closing tag follows, when
it has attributes or closes itself, or when it is one of HTML's void elements (``<br>``); a
lone ``<name>`` is a metavariable as in a usage line and is scanned as before.

Known limits: English only; a quoted prose phrase is read as CODE; ``word/word`` pairs of
plain words are read as two words (``and/or``), other slashed names as paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import AbstractSet, List, Optional, Set, Tuple

from ..model import Slot, Template

WORD = "word"
VALUE = "value"
CODE = "code"
URL = "url"
CODE_ID = "code_id"
NUMBER = "number"
PUNCT = "punct"

# Placeholders are scanned as private-use characters: the BMP's area, then planes 15 and 16,
# so that up to 137,468 placeholders in one message each keep a character of their own.
_AREAS = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_SENTINELS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _AREAS)
# Runs that a failed match scans again from each next character are bounded, so that
# scanning stays linear on text such as ``a..a..`` or ``%(%(`` (no name is this long).
_RUN = 200

_PATTERN = re.compile(
    rf"""
    (?P<url>(?:https?|ftp|file)://[^\s'"<>`{_SENTINELS}]+|www\.[^\s'"<>`{_SENTINELS}]+)
  | (?P<quoted>`[^`\n]*`|"[^"\n]{{0,160}}"|(?<![\w'’])'[^'\n]{{0,160}}'(?!\w))
  | (?P<percent>%%)
  | (?P<printf>%(?:\([^)\s]{{0,{_RUN}}}\))?[#0+\-]?\d{{0,{_RUN}}}(?:\.\d{{1,{_RUN}}})?[sdrifxXeEgGcoa])
  | (?P<braces>\{{\{{|\}}\}})
  | (?P<brace>\{{[\w.\[\]]*(?:![rsa])?(?::[^{{}}\s]*)?\}})
  | (?P<flag>(?<![\w\-])--?[A-Za-z][\w\-]*)
  | (?P<abbrev>\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|resp)\.)
  | (?P<plural>\b[A-Za-z]+\((?:s|es)\))
  | (?P<decorator>(?<![\w.@])@[A-Za-z_][\w.]{{0,{_RUN}}}(?:\([^()\s]{{0,{_RUN}}}\))?)
  | (?P<call>[A-Za-z_][\w.]{{0,{_RUN}}}\([^()\s]{{0,{_RUN}}}\))
  | (?P<path>(?<![\w.])(?:~|\.{{1,2}})?/[\w.\-/*]+|\b[\w.\-]{{1,{_RUN}}}/[\w.\-/]*\w)
  | (?P<dotted>\b[A-Za-z_]\w*(?:\.\w+)+)
  | (?P<codeid>\b[A-Z]{{1,5}}-?\d{{3,6}}\b)
  | (?P<number>(?:0x[0-9a-fA-F]+|\d[\w]*(?:\.\d[\w]*)*))
  | (?P<ident>\b(?:[A-Za-z]\w*_\w*|_\w+|[a-z]+[A-Z]\w*|[A-Z][a-z0-9]+[A-Z]\w*|[A-Za-z]+\d\w*)\b)
  | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*)
  | (?P<slot>[{_SENTINELS}])
  | (?P<newline>\n)
  | (?P<ops>\.\.\.|!=|==|<=|>=|->|=>|::)
  | (?P<punct>[^\s\w{_SENTINELS}])
    """,
    re.VERBOSE,
)

# A tag: its name, then attributes (quoted values bounded, no tag inside) and an optional "/".
_TAG = re.compile(
    rf"""<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]{{0,30}})"""
    rf"""(?P<attrs>(?:\s+[^\s<>"'=/]{{1,60}}(?:\s*=\s*(?:"[^"<>\n]{{0,{_RUN}}}"|'[^'<>\n]{{0,{_RUN}}}'|[^\s<>"'=`]{{1,{_RUN}}}))?){{0,20}})"""
    r"""\s*(?P<selfclose>/)?>"""
)
# The HTML standard's void elements: they never have a closing tag.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_PLAIN_PAIR = re.compile(r"[^\W\d_]+/[^\W\d_]+")
_PRIVATE = re.compile(f"[{_SENTINELS}]")


@dataclass(frozen=True)
class Token:
    """One token of a message; ``slots`` holds the placeholders inside it, if any."""

    kind: str
    text: str
    start: int = 0  # offsets in the rendered text (slots shown as ``{expr}``)
    end: int = 0
    slots: Tuple[Slot, ...] = ()
    quoted: bool = False

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def slot(self) -> Optional[Slot]:
        return self.slots[0] if self.slots else None


def _sentinel(index: int) -> str:
    """The character that stands for the ``index``-th slot; the last one past the capacity."""
    for low, high in _AREAS:
        if index <= high - low:
            return chr(low + index)
        index -= high - low + 1
    return chr(_AREAS[-1][1])


def _slot_index(char: str) -> int:
    """The slot a sentinel stands for, -1 for any other character."""
    code, offset = ord(char), 0
    for low, high in _AREAS:
        if low <= code <= high:
            return offset + code - low
        offset += high - low + 1
    return -1


def _render(template: Template) -> Tuple[str, Tuple[Slot, ...]]:
    slots: List[Slot] = []
    pieces: List[str] = []
    for part in template.parts:
        if isinstance(part, str):
            pieces.append(_PRIVATE.sub(" ", part))  # a private-use character of the text is no slot
        else:
            pieces.append(_sentinel(len(slots)))
            slots.append(part)
    return "".join(pieces), tuple(slots)


def _slots_in(text: str, slots: Tuple[Slot, ...]) -> Tuple[Slot, ...]:
    found = []
    for ch in text:
        index = _slot_index(ch)
        if 0 <= index < len(slots):
            found.append(slots[index])
    return tuple(found)


def _display(text: str, slots: Tuple[Slot, ...]) -> str:
    if not slots:
        return text
    shown = []
    for ch in text:
        index = _slot_index(ch)
        shown.append(slots[index].render() if 0 <= index < len(slots) else ch)
    return "".join(shown)


def _is_markup(tag: "re.Match[str]", closed_later: AbstractSet[str]) -> bool:
    """A closing, self-closing, attributed or void tag, or an opening tag closed later on."""
    name = tag.group("name").lower()
    if tag.group("close") or tag.group("selfclose") or tag.group("attrs").strip() or name in _VOID:
        return True
    return name in closed_later


def _unmarked(text: str) -> str:
    """The text with its HTML tags blanked (offsets kept); slots inside a tag are kept."""
    if "<" not in text:
        return text
    tags = list(_TAG.finditer(text))
    markup = []
    closed: Set[str] = set()  # names of the closing tags after the one looked at
    for tag in reversed(tags):  # one pass from the end, so many tags stay linear
        if _is_markup(tag, closed):
            markup.append(tag)
        if tag.group("close"):
            closed.add(tag.group("name").lower())
    chars = list(text)
    for tag in markup:
        for i in range(tag.start(), tag.end()):
            if _slot_index(chars[i]) < 0:
                chars[i] = " "
    return "".join(chars)


def _scan(text: str, slots: Tuple[Slot, ...]) -> Tuple[Token, ...]:
    text = _unmarked(text)
    tokens: List[Token] = []
    offset = 0  # growth of the displayed text over the scanned text, from rendering slots
    for match in _PATTERN.finditer(text):
        group = match.lastgroup or "punct"
        raw = match.group()
        if slots and _PRIVATE.search(raw):
            inner, shown = _slots_in(raw, slots), _display(raw, slots)
        else:  # no placeholder in this token: most tokens of most messages
            inner, shown = (), raw
        start = match.start() + offset
        offset += len(shown) - len(raw)
        end = match.end() + offset
        if group == "url":
            stripped = raw.rstrip(".,;:)!?]'\"")
            tokens.append(Token(URL, stripped, start, start + len(stripped)))
            if len(stripped) < len(raw):
                tokens.append(Token(PUNCT, raw[len(stripped)], start + len(stripped), start + len(stripped) + 1))
        elif group == "quoted":
            body = raw[1:-1]
            if body and len(inner) == 1 and len(body) == 1:
                tokens.append(Token(VALUE, shown, start, end, inner, quoted=True))
            else:
                tokens.append(Token(CODE, shown, start, end, inner, quoted=True))
        elif group in ("printf", "brace", "slot"):
            tokens.append(Token(VALUE, shown, start, end, inner))
        elif group in ("flag", "decorator", "call", "dotted", "ident"):
            tokens.append(Token(CODE, shown, start, end, inner))
        elif group == "path":
            if _PLAIN_PAIR.fullmatch(raw):
                left, right = raw.split("/", 1)
                tokens.append(Token(WORD, left, start, start + len(left)))
                tokens.append(Token(PUNCT, "/", start + len(left), start + len(left) + 1))
                tokens.append(Token(WORD, right, start + len(left) + 1, end))
            else:
                tokens.append(Token(CODE, shown, start, end, inner))
        elif group == "codeid":
            tokens.append(Token(CODE_ID, raw, start, end))
        elif group == "number":
            tokens.append(Token(NUMBER, raw, start, end))
        elif group in ("word", "abbrev", "plural"):
            tokens.append(Token(WORD, raw, start, end))
        elif group in ("percent", "braces"):
            tokens.append(Token(PUNCT, raw[0], start, end))
        elif group == "newline":
            tokens.append(Token(PUNCT, "\n", start, end))
        else:
            tokens.append(Token(PUNCT, raw, start, end))
    return tuple(tokens)


@lru_cache(maxsize=8192)
def tokenize(template: Template) -> Tuple[Token, ...]:
    """The tokens of a template; slots become VALUE tokens that keep their ``Slot``."""
    text, slots = _render(template)
    return _scan(text, slots)


@lru_cache(maxsize=8192)
def tokenize_text(text: str) -> Tuple[Token, ...]:
    """The tokens of plain text (``%s`` and ``{name}`` still read as VALUE tokens)."""
    return _scan(_PRIVATE.sub(" ", text), ())
