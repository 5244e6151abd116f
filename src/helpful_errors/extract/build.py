"""The one place that builds a ``MessageSite``: from a recognized statement, its message and its context."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from ..model import TEXT_LITERAL, TEXT_NONE, TEXT_PARTIAL, TEXT_UNKNOWN, MessageSite, Part, Template
from . import frameworks, sinks
from .calls import CallSink
from .formats import fill_printf
from .positions import Lines
from .callers import catches, swallowed
from .scope import Context, FileState, names_in_scope, settled
from .statements import Statement
from .stderr_sinks import SINK_STDERR, has_prose, strip_markup
from .templates import Built, TemplateBuilder, code_of, settle


def builder_for(state: FileState, ctx: Context) -> TemplateBuilder:
    """Templates in ``ctx``: names resolve to the function's texts, then the module's."""
    scope = ctx.scope
    module = state.module_scope

    def resolve(name: str) -> Optional[Built]:
        found = settled(scope.texts.get(name))
        return found if found is not None else settled(module.texts.get(name))

    return TemplateBuilder(resolve, scope.parameters, ctx.caught)


class SiteBuilder:
    """Collects the sites of one file in source order."""

    def __init__(self, state: FileState, lines: Lines):
        self.state = state
        self.lines = lines
        self.sites: List[MessageSite] = []

    def emit(
        self,
        stmt: Statement,
        kind: str,
        callee: str,
        message: Optional[cst.BaseExpression],
        ctx: Context,
        *,
        level: str = "",
        chained: bool = False,
        call: Optional[cst.Call] = None,
        notes: Tuple[Template, ...] = (),
        anchor: Optional[cst.CSTNode] = None,
        log_args: Sequence[cst.Arg] = (),
        sink: Optional[CallSink] = None,
    ) -> None:
        """A site for ``message`` (None: the call has no message argument) of ``call`` in ``stmt``;
        none when the sink asks for prose and the text has none.

        ``sink``, for a call the catalogue knows, adds its audience, its name, the arguments
        ``print`` joins to the message and whether rich markup is to be taken out. What a
        debug branch or a test suite writes to standard error is nobody's message: no site.
        """
        # Test files by their path only: a ``test_`` function elsewhere is often a predicate
        # (``def test_has_id(plugin):``) whose warning is for the user.
        if sink is not None and sink.sink == SINK_STDERR and (ctx.debug_branch or self.state.test_file):
            return
        lines, offset, text = self.lines, stmt.offset, stmt.text
        stmt_span = lines.span(offset, offset + len(text))
        after = 0
        if call is not None and anchor is None:
            # The message is searched for after the callee, in this call: the callee's name
            # may also occur earlier (``raise Bad("...") if c else B("...")``).
            func_text = code_of(call.func)
            found = text.find(func_text)
            if found >= 0 and text.find(func_text, found + 1) >= 0:  # not the only one: find this call's
                found = text.find(func_text, max(stmt.start_of(call), 0))
            after = found + len(func_text) if found >= 0 else 0
        if anchor is not None:
            span = lines.span_in(offset, text, anchor, text.find("raise") + 5 if "raise" in text else 0)
        elif message is not None:
            span = lines.span_in(offset, text, message, after)
        else:
            span = lines.span_in(offset, text, call)
        if message is None:
            template: Optional[Template] = None
            status, reason, gettext, in_bytes = TEXT_NONE, "", False, False
            unformatted: Tuple[str, ...] = ()
            if call is not None and any(a.star for a in call.args):
                status, reason = TEXT_UNKNOWN, "the text is passed with *args or **kwargs"
        else:
            builder = builder_for(self.state, ctx)
            built = builder.build(message)
            if sink is not None and (sink.joined or sink.markup):
                built = _as_shown(built, [builder.build(extra) for extra in sink.joined], sink.markup)
            if log_args:
                built = Built(fill_printf(built.parts, [code_of(a.value) for a in log_args], {}), built.status, built.reason, built.gettext)
            if sink is not None and sink.prose_only and not has_prose("".join(p if isinstance(p, str) else "{}" for p in built.parts)):
                return
            built = settle(built)
            template, status, reason, gettext, in_bytes = built.template(), built.status, built.reason, built.gettext, built.in_bytes
            unformatted = () if log_args else _not_deferred(built.raw_fields, call)
        scope = ctx.scope
        short = callee.rsplit(".", 1)[-1]  # the class as the module's facts name it
        self.sites.append(
            MessageSite(
                path=self.state.path,
                test_file=self.state.test_file,
                span=span,
                kind=kind,
                callee=callee,
                template=template,
                text_status=status,
                unknown_reason=reason,
                level=level,
                chained=chained or ctx.in_handler,
                caught_name=ctx.caught,
                notes=notes,
                function=scope.name,
                in_test_function=scope.in_test,
                class_name=ctx.class_name,
                abstract=scope.abstract,
                stub=scope.stub,
                gettext=gettext,
                names_in_scope=names_in_scope(scope),
                statement_line=stmt_span.line,
                statement_end_line=stmt_span.end_line,
                unformatted_fields=unformatted,
                bytes_text=in_bytes,
                caught_locally=any(catches(handled, callee) for handled, _ in ctx.catches),
                swallowed=swallowed(ctx.catches, callee),
                pinned=ctx.pinned,
                project_class=short in self.state.exception_classes,
                other_args=() if kind == sinks.KIND_LOG or sink is not None else _other_args(call, message),
                keyword_args=tuple(a.keyword.value for a in call.args if a.keyword is not None) if call is not None else (),
                value_shown=scope.shows_input or frameworks.shows_value(callee, self.state.imported),
                caught_project_class=any(name in self.state.exception_classes for name in ctx.caught_classes),
                sink=sink.sink if sink is not None else "",
                audience=sink.audience if sink is not None else "",
                fixable=not (sink is not None and (sink.joined or sink.markup)),
                class_words=kind != sinks.KIND_DEFAULT and short in self.state.worded_classes,
                printed_raw=short in self.state.raw_classes,
                internal_class=short in self.state.internal_classes,
            )
        )

    def reraise(self, offset: int, text: str, ctx: Context, notes: Tuple[Template, ...]) -> None:
        """``e.add_note("..."); raise``: the notes are the only text this handler adds."""
        span = self.lines.span(offset, offset + len(text))
        scope = ctx.scope
        self.sites.append(
            MessageSite(
                path=self.state.path,
                test_file=self.state.test_file,
                span=span,
                kind=sinks.KIND_RAISE,
                callee=ctx.caught,
                template=None,
                text_status=TEXT_UNKNOWN,
                unknown_reason=f"re-raises the caught exception '{ctx.caught}'; only its notes are known",
                chained=True,
                caught_name=ctx.caught,
                notes=notes,
                function=scope.name,
                in_test_function=scope.in_test,
                class_name=ctx.class_name,
                abstract=scope.abstract,
                stub=scope.stub,
                names_in_scope=names_in_scope(scope),
                statement_line=span.line,
                statement_end_line=span.end_line,
            )
        )


def _as_shown(built: Built, joined: Sequence[Built], markup: bool) -> Built:
    """The text as the reader sees it: ``print``'s further arguments after spaces, rich's
    markup taken out of the literal pieces."""
    parts: List[Part] = list(built.parts)
    status = built.status
    for extra in joined:
        parts.append(" ")
        parts.extend(extra.parts)
        if extra.status != TEXT_LITERAL and status == TEXT_LITERAL:
            status = TEXT_PARTIAL
    if markup:
        parts = [strip_markup(p) if isinstance(p, str) else p for p in parts]
    return Built(parts, status, built.reason or next((e.reason for e in joined if e.reason), ""), built.gettext, built.raw_fields, built.in_bytes)


def _other_args(call: Optional[cst.Call], message: Optional[cst.BaseExpression]) -> Tuple[str, ...]:
    """Positional arguments besides the message (``ValueError("bad port", port)``): a class
    shows them in its text, unlike keywords such as Django's ``code=``."""
    if call is None:
        return ()
    return tuple(code_of(a.value) for a in call.args if a.value is not message and not a.star and a.keyword is None)


def _not_deferred(fields: Tuple[str, ...], call: Optional[cst.Call]) -> Tuple[str, ...]:
    """Fields the call does not format later: ``E("{x}", x=x)`` or Django's ``params=`` do."""
    if not fields or call is None:
        return fields
    keywords = {a.keyword.value for a in call.args if a.keyword is not None}
    if keywords & {"params", "kwargs", "format_args", "args"} or any(a.star == "**" for a in call.args):
        return ()
    return tuple(f for f in fields if re.split(r"[.\[!:]", f, maxsplit=1)[0] not in keywords)
