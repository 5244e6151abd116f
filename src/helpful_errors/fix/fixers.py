"""One fixer per rule whose repair is mechanical: a pure function of a ``FixContext``.

Each returns the repaired node and the fix's applicability, or None when the message is
written in a way the fixer cannot rewrite without guessing (then the finding has no fix).
Why each fix is safe or unsafe is stated in the rule's record (``fix_why``).
"""

from __future__ import annotations

import re
import string
from typing import Callable, Dict, List, Optional

import libcst as cst

from ..checks.hem012_apology_or_humor import find_apology_or_humor
from ..checks.hem016_jargon_for_end_users import TYPE_LEAK
from ..model import FIX_SAFE, FIX_UNSAFE, Fix
from . import strings
from .context import FixContext
from .style import capitalized_style

Fixer = Callable[[FixContext], Optional[Fix]]
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_CLASS_LABEL = re.compile(r"[A-Z]\w*(Error|Exception|Warning)")


def _fix(ctx: FixContext, old: cst.CSTNode, new: cst.CSTNode, applicability: str, title: str) -> Optional[Fix]:
    edit = ctx.region.edit(old, new)
    return None if edit is None else Fix(applicability, (edit,), title)


def _rewrite_first(ctx: FixContext, change: Callable[[str], Optional[str]], applicability: str, title: str) -> Optional[Fix]:
    parts = strings.pieces(strings.formatted_text(ctx.node))
    if not parts or not strings.editable(parts[0]):
        return None
    new = strings.edit_start(parts[0], change)
    return None if new is None else _fix(ctx, parts[0], new, applicability, title)


def _rewrite_last(ctx: FixContext, change: Callable[[str], Optional[str]], applicability: str, title: str) -> Optional[Fix]:
    parts = strings.pieces(strings.formatted_text(ctx.node))
    if not parts or not strings.editable(parts[-1]):
        return None
    new = strings.edit_end(parts[-1], change)
    return None if new is None else _fix(ctx, parts[-1], new, applicability, title)


def _case_after_drop(rest: str, upper: Optional[bool]) -> str:
    if not rest[:1].isalpha() or upper is None:
        return rest
    # Keep an identifier or acronym as written ("HTTP", "pathlib"): only plain words change.
    word = re.match(r"\w+", rest)
    if word and (not word.group().isalpha() or word.group()[1:] != word.group()[1:].lower()):
        return rest
    return (rest[0].upper() if upper else rest[0].lower()) + rest[1:]


# -- HEM005 unrendered placeholder --------------------------------------------------------
def add_f_prefix(ctx: FixContext) -> Optional[Fix]:
    """Add ``f`` to each piece with an unformatted ``{name}``; safe only when nothing can change but the braces."""
    parts = strings.pieces(ctx.node)
    if not parts:
        return None
    bound = ctx.bound_before()
    in_scope = set(ctx.site.names_in_scope)
    applicability = FIX_SAFE
    new_node: cst.BaseExpression = ctx.node
    changed = False
    for piece in parts:
        if not isinstance(piece, cst.SimpleString) or not strings.editable(piece):
            continue
        _, content, _ = strings.simple_parts(piece)
        if "{" not in content:
            continue
        if "{{" in content or "}}" in content or ("\\N{" in content and "r" not in piece.prefix.lower()):
            return None  # doubled braces would turn into single ones: the text would change
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(content) if f is not None]
        except ValueError:
            return None
        for field in fields:
            root = _IDENTIFIER.match(field)
            if root is None or root.group() not in in_scope:
                return None  # an f-string would fail on a name that is not there
            if field != root.group() or root.group() not in bound:
                applicability = FIX_UNSAFE  # an attribute or index, or a name bound later
        fixed = strings.with_f_prefix(piece, piece.value)
        if fixed is None:
            return None
        new_node = strings.replace_pieces(new_node, piece, fixed)
        changed = True
    if not changed:
        return None
    if ctx.message_call() is None:
        applicability = FIX_UNSAFE  # kept in a variable: another statement may format it
    return _fix(ctx, ctx.node, new_node, applicability, "Add the f prefix")


# -- HEM008 redundant prefix ------------------------------------------------------------
def drop_label(ctx: FixContext) -> Optional[Fix]:
    """Drop the label the printer repeats; the next letter follows the package's capitalization."""
    label = ctx.field("prefix")
    text = ctx.message.text
    lead = len(text) - len(text.lstrip())
    if not label or not text[lead:].startswith(label):
        return None
    cut = lead + len(label)
    while cut < len(text) and text[cut] in " \t:-!|])":
        cut += 1
    dropped = text[:cut]
    upper = capitalized_style(ctx.sites, ctx.site, ctx.outside)
    if upper is None and not _CLASS_LABEL.fullmatch(label.strip("[]() ")):
        first = next((c for c in label if c.isalpha()), "")
        upper = first.isupper() if first else None

    def change(content: str) -> Optional[str]:
        if not content.startswith(dropped):
            return None  # the label is written with escapes or split across pieces
        return _case_after_drop(content[len(dropped):], upper)

    return _rewrite_first(ctx, change, FIX_SAFE, f"Remove the label {label!r}")


# -- HEM012 apology or humor --------------------------------------------------------------
def drop_apology(ctx: FixContext) -> Optional[Fix]:
    """Drop a leading "Oops, " or "Sorry! " or a trailing emoticon: the rest stays as written."""
    found = find_apology_or_humor(ctx.message)
    text = ctx.message.text
    if not found:
        return None
    if text.startswith(found):
        cut = len(found)
        if cut >= len(text) or text[cut] not in ",!.:;-":
            return None  # "Sorry we lost it" needs rewording, not a cut
        while cut < len(text) and text[cut] in " ,!.:;-":
            cut += 1
        dropped, upper = text[:cut], found[:1].isupper()
        if cut >= len(text):
            return None

        def change_start(content: str) -> Optional[str]:
            if not content.startswith(dropped):
                return None
            return _case_after_drop(content[len(dropped):], upper)

        return _rewrite_first(ctx, change_start, FIX_SAFE, f"Remove {found!r}")
    stripped = text.rstrip()
    if stripped.endswith(found) and stripped[: -len(found)].endswith(" "):
        tail = text[len(stripped[: -len(found)].rstrip()):]

        def change_end(content: str) -> Optional[str]:
            return content[: -len(tail)] if content.endswith(tail) else None

        return _rewrite_last(ctx, change_end, FIX_SAFE, f"Remove {found!r}")
    return None


# -- HEM013 shouting -------------------------------------------------------------------
_BANG = re.compile(r"(?<=[^\s!?])(\?)?!+(?=[\s)\]\"']|$)")
_BANG_INSIDE = re.compile(r"(?<=[^\s!?])(\?)?!+(?=[\s)\]\"'])")


def calm_exclamation(ctx: FixContext) -> Optional[Fix]:
    """Turn a sentence-ending ``!`` (or ``!!!``, ``?!``) into a full stop (or ``?``)."""
    if ctx.hit.fit != "exclamation":
        return None  # all capitals need a person to decide which words are names
    text_node = strings.formatted_text(ctx.node)
    parts = strings.pieces(text_node)
    if not parts:
        return None
    new_node: cst.BaseExpression = text_node
    changed = False
    for index, piece in enumerate(parts):
        if not strings.editable(piece):
            continue
        last = index == len(parts) - 1

        pattern = _BANG if last else _BANG_INSIDE  # a piece's end is not the message's end

        def change(content: str, pattern: "re.Pattern[str]" = pattern) -> Optional[str]:
            new = pattern.sub(lambda m: "?" if m.group(1) else ".", content)
            return new if new != content else None

        if isinstance(piece, cst.SimpleString):
            fixed = strings.edit_start(piece, change)
        else:
            fixed = _fstring_texts(piece, change)
        if fixed is not None:
            new_node = strings.replace_pieces(new_node, piece, fixed)
            changed = True
    return _fix(ctx, text_node, new_node, FIX_SAFE, "Replace the exclamation mark with a full stop") if changed else None


def _fstring_texts(piece: cst.FormattedString, change: Callable[[str], Optional[str]]) -> Optional[cst.FormattedString]:
    parts: List[cst.BaseFormattedStringContent] = []
    changed = False
    for part in piece.parts:
        if isinstance(part, cst.FormattedStringText):
            new = change(part.value)
            if new is not None:
                parts.append(part.with_changes(value=new))
                changed = True
                continue
        parts.append(part)
    return piece.with_changes(parts=parts) if changed else None


# -- HEM006 / HEM007 missing value ------------------------------------------------------
def _show_value(ctx: FixContext, variable: str, shown: str, joiner: str, title: str) -> Optional[Fix]:
    """Insert ``shown`` (an f-string field) at the end of the first clause, or a ``%r`` argument for logging."""
    if not variable or not _IDENTIFIER.fullmatch(variable) or variable not in ctx.site.names_in_scope:
        return None
    parts = strings.pieces(ctx.node)
    if not parts or not strings.editable(parts[-1]):
        return None
    if ctx.site.kind == "log":
        return _log_argument(ctx, parts, variable, joiner, title)
    for index, piece in enumerate(parts):  # the end of the first clause, where the problem is stated
        last = index == len(parts) - 1
        if not strings.editable(piece) or not (last or strings.clause_end(_literal(piece)) is not None):
            continue
        target = strings.as_fstring(piece)
        if target is None:
            return None
        fixed = strings.edit_clause(target, joiner + shown, at_end=last)
        if fixed is None:
            return None
        return _fix(ctx, ctx.node, strings.replace_pieces(ctx.node, piece, fixed), FIX_UNSAFE, title)
    return None


def _literal(piece: strings.Piece) -> str:
    if isinstance(piece, cst.SimpleString):
        return strings.simple_parts(piece)[1]
    return "".join(p.value if isinstance(p, cst.FormattedStringText) else "\0" for p in piece.parts)


def _log_argument(ctx: FixContext, parts: List[strings.Piece], variable: str, joiner: str, title: str) -> Optional[Fix]:
    call = ctx.message_call()
    if call is None or not call.args or call.args[0].value is not ctx.node:
        return None
    if any(isinstance(p, cst.FormattedString) or strings.prefix_of(p).count("f") for p in parts):
        return None  # an f-string passed to logging: not ours to restyle
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if len(positional) == 1 and any("%" in strings.simple_parts(p)[1] for p in parts if isinstance(p, cst.SimpleString)):
        return None  # a lone "%" is printed as it is today; with an argument it would be read as a format
    last_arg = positional[-1]
    if last_arg is not call.args[-1] or not isinstance(last_arg.comma, cst.MaybeSentinel):
        return None  # keyword arguments or a trailing comma after it: the layout is the author's
    fixed = strings.edit_end(parts[-1], lambda c: strings.insert_before_trailing(c, joiner + "%r"))
    if fixed is None:
        return None
    message = strings.replace_pieces(ctx.node, parts[-1], fixed)
    args = list(call.args)
    args[0] = args[0].with_changes(value=message)
    args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    args.append(cst.Arg(cst.Name(variable)))
    return _fix(ctx, call, call.with_changes(args=args), FIX_UNSAFE, title)


def show_offending_value(ctx: FixContext) -> Optional[Fix]:
    variable = ctx.field("variable")
    return _show_value(ctx, variable, f"{{{variable}!r}}", ": ", f"Show the value of {variable}")


def show_actual_value(ctx: FixContext) -> Optional[Fix]:
    variable, shown = ctx.field("variable"), ctx.field("shown")
    if ctx.site.kind == "log" and shown != f"{{{variable}!r}}":
        return None
    return _show_value(ctx, variable, shown, ", got ", f"Show the value of {variable} that was received")


# -- HEM004 value-only message ------------------------------------------------------------
def chain_cause(ctx: FixContext) -> Optional[Fix]:
    """``raise X(str(e))`` in ``except ... as e``: add ``from e``; the words stay for the author."""
    caught = ctx.site.caught_name
    if not caught or ctx.site.kind != "raise":
        return None
    for node in ctx.region.ancestors(ctx.node):
        if isinstance(node, cst.Raise):
            if node.cause is not None:
                return None
            return _fix(ctx, node, node.with_changes(cause=cst.From(cst.Name(caught))), FIX_UNSAFE, f"Chain the cause with 'from {caught}'")
        if isinstance(node, (cst.BaseStatement, cst.BaseSmallStatement)):
            return None
    return None


# -- HEM016 jargon: a placeholder that prints <class '...'> ------------------------------
def name_the_type(ctx: FixContext) -> Optional[Fix]:
    """``{type(x)}`` and ``{x.__class__}`` in an f-string print ``<class 'int'>``: show ``.__name__``."""
    if ctx.hit.fit != "type":
        return None
    parts = strings.pieces(ctx.node)
    if not parts:
        return None
    new_node: cst.BaseExpression = ctx.node
    for piece in parts:
        if not isinstance(piece, cst.FormattedString):
            continue
        fields: List[cst.BaseFormattedStringContent] = []
        for part in piece.parts:
            if (
                isinstance(part, cst.FormattedStringExpression)
                and part.conversion in (None, "s")
                and part.format_spec is None
                and TYPE_LEAK.match(cst.Module([]).code_for_node(part.expression).strip())
            ):
                part = part.with_changes(expression=cst.Attribute(part.expression, cst.Name("__name__")), conversion=None)
            fields.append(part)
        new_node = strings.replace_pieces(new_node, piece, piece.with_changes(parts=fields))
    if new_node is ctx.node:
        return None
    return _fix(ctx, ctx.node, new_node, FIX_SAFE, "Show the type's name")


FIXERS: Dict[str, Fixer] = {
    "HEM004": chain_cause,
    "HEM005": add_f_prefix,
    "HEM006": show_offending_value,
    "HEM007": show_actual_value,
    "HEM008": drop_label,
    "HEM012": drop_apology,
    "HEM013": calm_exclamation,
    "HEM016": name_the_type,
}
