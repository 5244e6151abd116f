"""Turn a message expression into a template: ``f"Port {port} is invalid"`` -> ``Port {port} is invalid``.

Only the syntax is read: literals are decoded with LibCST's own ``evaluated_value``; nothing
is evaluated. Names are looked up in the bindings the walker collected (``msg = ...`` in the
same function, string constants of the module); anything else becomes a slot, marked
``known=False`` when it stands for text built somewhere the extractor cannot see.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

import libcst as cst

from ..model import (
    TEXT_EMPTY,
    TEXT_LITERAL,
    TEXT_PARTIAL,
    TEXT_UNKNOWN,
    Part,
    Slot,
    Template,
)
from .formats import fill_format, fill_printf, format_fields, merge_parts, unescape_fstring_text

# gettext and friends: the message is the first argument (the second for pgettext).
GETTEXT_FUNCS = {
    "_": 0,
    "gettext": 0,
    "ugettext": 0,
    "gettext_lazy": 0,
    "ugettext_lazy": 0,
    "lazy_gettext": 0,
    "_lazy": 0,
    "ngettext": 0,
    "ungettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "N_": 0,
}

# A name that holds message text (rather than a value shown in the text) when it cannot be
# resolved: its content may carry guidance we cannot see.
MESSAGE_LIKE_NAME = re.compile(
    r"(?:^|_)(?:msg|message|messages|text|hint|hints|help|suggestion|suggestions|detail|details|"
    r"description|explanation|advice|instructions?|note|notes|reason|extra|info|tip|remedy|"
    r"fix|usage|error_msg|err_msg|errmsg|template|fmt|format_str)s?$",
    re.IGNORECASE,
)

_EMPTY_MODULE = cst.Module(body=[])


def code_of(node: cst.CSTNode) -> str:
    """Source text of a node as written, without surrounding parentheses' whitespace."""
    kind = type(node)
    # Names, plain ``a.b.c`` chains and string literals are two thirds of the nodes printed;
    # their text is in the node itself, LibCST's code generator would cost a hundred times more.
    if (kind is cst.Name or kind is cst.SimpleString) and not node.lpar:  # type: ignore[attr-defined]
        return node.value  # type: ignore[attr-defined]
    if kind is cst.Attribute:
        dotted = _plain_dotted(node)  # type: ignore[arg-type]
        if dotted is not None:
            return dotted
    return _EMPTY_MODULE.code_for_node(node)


def _plain_dotted(node: cst.Attribute) -> Optional[str]:
    """``a.b.c`` written without parentheses or blanks around the dots; None otherwise."""
    names: List[str] = []
    current: cst.BaseExpression = node
    while type(current) is cst.Attribute:
        dot = current.dot  # type: ignore[attr-defined]
        if current.lpar or type(dot) is not cst.Dot or not (_no_blank(dot.whitespace_before) and _no_blank(dot.whitespace_after)):
            return None
        names.append(current.attr.value)  # type: ignore[attr-defined]
        current = current.value  # type: ignore[attr-defined]
    if type(current) is not cst.Name or current.lpar:
        return None
    names.append(current.value)  # type: ignore[attr-defined]
    return ".".join(reversed(names))


def _no_blank(whitespace: cst.BaseParenthesizableWhitespace) -> bool:
    return type(whitespace) is cst.SimpleWhitespace and not whitespace.value  # type: ignore[attr-defined]


@dataclass
class Built:
    """A template under construction, with what we learned about where it came from."""

    parts: List[Part]
    status: str = TEXT_LITERAL
    reason: str = ""
    gettext: bool = False
    # ``{field}`` names written in plain (non-f) literals that no ``.format`` consumed: the
    # reader sees the braces unless something formats the text later.
    raw_fields: Tuple[str, ...] = ()
    in_bytes: bool = False  # bytes literals only, which neither an f prefix nor ``.format`` can fill

    def template(self) -> Template:
        return Template(tuple(merge_parts(self.parts)))


def literal_built(value: Union[str, bytes]) -> Built:
    """The template of a plain string literal from its decoded value, whichever parser decoded it.

    A ``NAME = "text"`` assignment is built from Python's ``ast`` value without asking
    LibCST to parse the statement (two in five of the statements the extractor would read).
    """
    in_bytes = isinstance(value, bytes)
    if in_bytes:
        value = value.decode("utf-8", "replace")
    return Built([value] if value else [], TEXT_LITERAL if value else TEXT_EMPTY, raw_fields=format_fields(value), in_bytes=in_bytes)


Resolver = Callable[[str], Optional[Built]]


class TemplateBuilder:
    """Builds templates for one scope; ``resolve`` maps a bare name to a known template."""

    def __init__(self, resolve: Resolver, parameters: Sequence[str] = (), caught: str = ""):
        self.resolve = resolve
        self.parameters = set(parameters)
        self.caught = caught

    # -- entry point -------------------------------------------------------------------
    def build(self, node: cst.BaseExpression, depth: int = 0) -> Built:
        if depth > 20:
            return Built([Slot(code_of(node), known=False)], TEXT_UNKNOWN, "expression too deeply nested")
        if isinstance(node, cst.SimpleString):
            return self._simple(node)
        if isinstance(node, cst.FormattedString):
            return self._fstring(node, depth)
        if isinstance(node, cst.ConcatenatedString):
            return self._join([self.build(node.left, depth + 1), self.build(node.right, depth + 1)])
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Add):
                return self._join([self.build(node.left, depth + 1), self.build(node.right, depth + 1)])
            if isinstance(node.operator, cst.Modulo) and self.is_text(node.left):
                return self._percent(node.left, node.right, depth)
        if isinstance(node, cst.Call):
            return self._call(node, depth)
        if isinstance(node, cst.Name):
            return self._name(node)
        if isinstance(node, cst.IfExp):
            # Both branches are messages; the first is the one written out in full more often.
            return self.build(node.body, depth + 1)
        return self._value(node)

    def is_text(self, node: cst.BaseExpression) -> bool:
        """Whether ``node`` builds message text, following names bound to known text.

        ``TEMPLATE % unit`` and ``TEMPLATE.format(...)`` with a module constant are text as
        much as a literal is; without following the name they would be opaque values.
        """
        return is_stringish(node, self.resolve)

    # -- literals ----------------------------------------------------------------------
    def _simple(self, node: cst.SimpleString) -> Built:
        try:
            value = node.evaluated_value
        except Exception:  # malformed escapes: keep the raw text rather than fail the file
            value = node.value[len(node.prefix) + len(node.quote) : -len(node.quote) or None]
        return literal_built(value)

    def _fstring(self, node: cst.FormattedString, depth: int) -> Built:
        parts: List[Part] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                parts.append(unescape_fstring_text(part.value, "r" in node.prefix.lower()))
            elif isinstance(part, cst.FormattedStringExpression):
                parts.append(self._fexpr_slot(part))
        if not parts:
            return Built([], TEXT_EMPTY)
        return self._status_of(parts)

    def _fexpr_slot(self, part: cst.FormattedStringExpression) -> Slot:
        expr = code_of(part.expression).strip()
        spec = ""
        if part.conversion:
            spec += "!" + part.conversion
        if part.format_spec:
            spec += ":" + "".join(
                p.value if isinstance(p, cst.FormattedStringText) else f"{{{code_of(p.expression)}}}"
                for p in part.format_spec
                if isinstance(p, (cst.FormattedStringText, cst.FormattedStringExpression))
            )
        known = not self._message_like(part.expression)
        return Slot(expr, spec, known)

    # -- operators ---------------------------------------------------------------------
    def _join(self, items: Sequence[Built]) -> Built:
        parts: List[Part] = []
        for b in items:
            parts.extend(b.parts)
        out = self._status_of(parts)
        out.gettext = any(b.gettext for b in items)
        reasons = [b.reason for b in items if b.reason]
        out.reason = reasons[0] if reasons else ""
        out.raw_fields = tuple(f for b in items for f in b.raw_fields)
        out.in_bytes = all(b.in_bytes for b in items)
        return out

    def _percent(self, left: cst.BaseExpression, right: cst.BaseExpression, depth: int) -> Built:
        base = self.build(left, depth + 1)
        if isinstance(right, cst.Tuple):
            args: List[cst.BaseExpression] = [e.value for e in right.elements]
            keyed: Dict[str, cst.BaseExpression] = {}
        elif isinstance(right, cst.Dict):
            args = []
            keyed = {
                _key_text(el.key): el.value
                for el in right.elements
                if isinstance(el, cst.DictElement) and _key_text(el.key)
            }
        else:
            args, keyed = [right], {}
        parts = fill_printf(base.parts, [code_of(a) for a in args], {k: code_of(v) for k, v in keyed.items()}, formatted=True)
        out = self._status_of(parts)
        out.gettext = base.gettext
        out.raw_fields = base.raw_fields  # ``%`` leaves ``{field}`` braces as they are
        out.in_bytes = base.in_bytes
        return out

    # -- calls -------------------------------------------------------------------------
    def _call(self, node: cst.Call, depth: int) -> Built:
        func = node.func
        name = dotted_name(func)
        last = name.rsplit(".", 1)[-1] if name else ""
        if last in GETTEXT_FUNCS and node.args:
            index = GETTEXT_FUNCS[last]
            if len(node.args) > index:
                inner = self.build(node.args[index].value, depth + 1)
                inner.gettext = True
                return inner
        if isinstance(func, cst.Attribute) and func.attr.value == "format" and self.is_text(func.value):
            return self._format(func.value, node.args, depth)
        if isinstance(func, cst.Attribute) and func.attr.value in ("strip", "rstrip", "lstrip", "capitalize"):
            if is_stringish(func.value):
                return self.build(func.value, depth + 1)
        if isinstance(func, cst.Attribute) and func.attr.value == "join" and is_stringish(func.value):
            return Built([Slot(code_of(node), known=False)], TEXT_UNKNOWN, "text joined at run time")
        if name in ("str", "repr", "format"):
            return self._value(node)
        return Built([Slot(code_of(node), known=False)], TEXT_UNKNOWN, f"text returned by {name or 'a call'}()")

    def _format(self, base_node: cst.BaseExpression, args: Sequence[cst.Arg], depth: int) -> Built:
        base = self.build(base_node, depth + 1)
        positional = [code_of(a.value) for a in args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: code_of(a.value) for a in args if a.keyword is not None}
        parts = fill_format(base.parts, positional, keywords)
        out = self._status_of(parts)
        out.gettext = base.gettext
        return out

    # -- names and other values ---------------------------------------------------------
    def _name(self, node: cst.Name) -> Built:
        known = self.resolve(node.value)
        if known is not None:
            return Built(list(known.parts), known.status, known.reason, known.gettext, known.raw_fields, known.in_bytes)
        if node.value == self.caught:
            return self._value(node)
        if node.value in self.parameters:
            return Built([Slot(node.value, known=False)], TEXT_UNKNOWN, f"the text comes from parameter '{node.value}'")
        return Built([Slot(node.value, known=False)], TEXT_UNKNOWN, f"the text is in '{node.value}', assigned where it cannot be followed")

    def _value(self, node: cst.BaseExpression) -> Built:
        slot = Slot(code_of(node).strip(), known=not self._message_like(node))
        if slot.known:
            return Built([slot], TEXT_LITERAL)
        return Built([slot], TEXT_UNKNOWN, f"the text is in '{slot.expr}', message text built elsewhere")

    def _message_like(self, node: cst.BaseExpression) -> bool:
        """Whether an inserted expression is itself message text we cannot see."""
        if isinstance(node, cst.Name):
            return bool(MESSAGE_LIKE_NAME.search(node.value)) and self.resolve(node.value) is None
        if isinstance(node, cst.Attribute):
            return bool(MESSAGE_LIKE_NAME.search(node.attr.value))
        return False

    def _status_of(self, parts: List[Part]) -> Built:
        has_text = any(isinstance(p, str) and p.strip() for p in parts)
        unknown = any(isinstance(p, Slot) and not p.known for p in parts)
        if not parts:
            return Built([], TEXT_EMPTY)
        if unknown:
            status = TEXT_PARTIAL if has_text else TEXT_UNKNOWN
            return Built(parts, status, "part of the text is built elsewhere")
        return Built(parts, TEXT_LITERAL)


def settle(built: Built) -> Built:
    """Final status of a message: text made only of run-time values is not known statically.

    ``raise ValueError(str(exc))`` or ``logger.error("%s", err)`` shows whatever the value
    holds; judging the empty literal text around it would be a guess.
    """
    if built.status != TEXT_LITERAL or any(isinstance(p, str) and p.strip() for p in built.parts):
        return built
    slots = [p for p in built.parts if isinstance(p, Slot)]
    if not slots:
        return built
    names = ", ".join(f"'{s.expr}'" if s.expr else f"'{s.spec}'" for s in slots)
    return Built(list(built.parts), TEXT_UNKNOWN, f"the whole text is the run-time value of {names}", built.gettext, built.raw_fields, built.in_bytes)


def _key_text(node: Optional[cst.BaseExpression]) -> str:
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:
            return ""
        return value if isinstance(value, str) else ""
    return ""


def is_stringish(node: cst.BaseExpression, resolve: Optional[Resolver] = None) -> bool:
    """Whether an expression builds text: a literal, an f-string, `+`, `%`, `.format` or gettext.

    With ``resolve``, a name bound to known text counts as text too.
    """
    if isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return True
    if isinstance(node, cst.Name):
        return resolve is not None and resolve(node.value) is not None
    if isinstance(node, cst.Call):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
            return is_stringish(node.func.value, resolve)
        name = dotted_name(node.func)
        return name.rsplit(".", 1)[-1] in GETTEXT_FUNCS if name else False
    if isinstance(node, cst.BinaryOperation):
        if isinstance(node.operator, cst.Add):
            return is_stringish(node.left, resolve) or is_stringish(node.right, resolve)
        if isinstance(node.operator, cst.Modulo):
            return is_stringish(node.left, resolve)
    if isinstance(node, cst.IfExp):  # "..." if c else "...": text either way
        return is_stringish(node.body, resolve) and is_stringish(node.orelse, resolve)
    return False


def dotted_name(node: Union[cst.BaseExpression, ast.AST, None]) -> str:
    """``a.b.c`` for Name/Attribute chains, ``f().b`` through a call, ``""`` for anything else.

    One reading for both trees: LibCST's (the recognizer) and ``ast``'s (the traversal), so
    a statement the traversal skips is one the LibCST reading would find nothing in.
    """
    # Exact types, not ``isinstance``: LibCST's node classes are abstract-base classes, whose
    # checks cost many times a plain one, and this runs on every call of every file.
    names: List[str] = []
    kind = type(node)
    while kind is ast.Attribute or kind is cst.Attribute:
        names.append(node.attr if kind is ast.Attribute else node.attr.value)  # type: ignore[union-attr]
        node = node.value  # type: ignore[union-attr]
        kind = type(node)
    if kind is ast.Name:
        names.append(node.id)  # type: ignore[union-attr]
    elif kind is cst.Name:
        names.append(node.value)  # type: ignore[union-attr]
    elif (kind is ast.Call or kind is cst.Call) and names:
        inner = dotted_name(node.func)  # type: ignore[union-attr]
        return inner + "()." + ".".join(reversed(names)) if inner else ""
    else:
        return ""
    return ".".join(reversed(names))


__all__ = [
    "Built",
    "TemplateBuilder",
    "code_of",
    "dotted_name",
    "settle",
    "is_stringish",
    "GETTEXT_FUNCS",
    "MESSAGE_LIKE_NAME",
]
