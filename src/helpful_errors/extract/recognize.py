"""Site recognition: what a statement read with LibCST says, and what it teaches the scope.

The traversal hands over only the statements that may matter (see ``traverse``); here the
LibCST node decides: a ``raise``, a call the catalogue knows (``sinks.CALL_SINKS``), an
exception built into a variable or an argument, ``msg = ...`` text kept for a later raise,
an ``add_note``, an exception class's default text. Names a statement binds are recorded
by the traversal from ``ast``, not here.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple, Union

import libcst as cst

from ..model import TEXT_EMPTY, TEXT_LITERAL, Template
from . import sinks, web_sinks
from .build import SiteBuilder, builder_for
from .calls import CallSink
from .classes import DEFAULT_MESSAGE_ATTRIBUTES
from .formats import has_own_words
from .scope import BoundText, Context, FileState, settled
from .statements import Statement
from .templates import Built, TemplateBuilder, code_of, dotted_name

# Class attributes holding a dict of message templates, one per error code (Django's form
# fields and DRF's serializer fields): in any class, each value is a message.
MESSAGE_DICT_ATTRIBUTES = frozenset({"default_error_messages"})
# Markers for the inventory: the words a class carries, and a dict of form-field messages.
_CLASS_TEMPLATE = CallSink(sinks.KIND_DEFAULT, "", None, sink="class-template")
_ERROR_MESSAGES = CallSink(sinks.KIND_DEFAULT, "", None, audience="end-user", sink="error-messages")


class Recognizer:
    """Reads the statements of one file into sites, in the order the traversal meets them."""

    def __init__(self, state: FileState, sites: SiteBuilder):
        self.state = state
        self.sites = sites

    def _module_resolve(self, name: str) -> Optional[Built]:
        return settled(self.state.module_scope.texts.get(name))

    @staticmethod
    def bound_text(stmt: Statement, ctx: Context, known: Dict[str, Tuple[Optional[BoundText], Optional[BoundText]]]) -> Optional[Built]:
        """The text ``msg = ...`` binds, None when LibCST reads none in it; ``known`` holds
        what the names of its value were bound to at the statement (in the function, in
        the module), since the scope has moved on when a message asks for it."""
        small = stmt.node
        value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None

        def resolve(name: str) -> Optional[Built]:
            local, module = known.get(name, (None, None))
            found = settled(local)
            return found if found is not None else settled(module)

        builder = TemplateBuilder(resolve, ctx.scope.parameters, ctx.caught)
        return builder.build(value) if value is not None and builder.is_text(value) else None

    def statement(self, stmt: Statement, ctx: Context) -> None:
        """Everything one simple statement contributes."""
        small = stmt.node
        if ctx.class_body and ctx.exception_class:
            self._class_default(stmt, ctx.class_name)
        if ctx.class_body:
            self._message_dict(stmt, ctx.class_name)
        if isinstance(small, cst.Raise):
            self._raise(stmt, small, ctx)
        elif isinstance(small, cst.Expr):
            if isinstance(small.value, cst.Call):
                self._call_statement(stmt, small.value, ctx)
        elif isinstance(small, (cst.Assign, cst.AnnAssign)):
            self._assign(stmt, small, ctx)
        elif isinstance(small, cst.AugAssign):
            target = small.target
            if isinstance(target, cst.Name) and isinstance(small.operator, cst.AddAssign):
                known = settled(ctx.scope.texts.get(target.value))
                if known is not None:
                    addition = builder_for(self.state, ctx).build(small.value)
                    ctx.scope.texts[target.value] = Built(
                        known.parts + addition.parts, known.status, known.reason, known.gettext, known.raw_fields + addition.raw_fields,
                        known.in_bytes and addition.in_bytes,
                    )
        elif isinstance(small, cst.Return) and isinstance(small.value, cst.Call):
            callee = dotted_name(small.value.func)
            if self._builds_exception(callee):
                # An exception factory: ``return ValueError(...)`` is raised by its caller.
                self._raised_call(stmt, small.value, callee, ctx, ctx.in_handler)
            else:
                self._call_statement(stmt, small.value, ctx)
        elif isinstance(small, cst.Return) and isinstance(small.value, cst.Tuple) and len(small.value.elements) >= 2:
            body, status = small.value.elements[0].value, small.value.elements[1].value
            sink = web_sinks.returned_with_status(body, status)  # ``return jsonify(error="..."), 400``
            if sink is not None:
                self.sites.emit(stmt, sink.kind, sink.callee, sink.message, ctx, call=body if isinstance(body, cst.Call) else None, sink=sink)

    def _class_default(self, stmt: Statement, class_name: str) -> None:
        small = stmt.node
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
            value: Optional[cst.BaseExpression] = small.value
        elif isinstance(small, cst.AnnAssign):
            targets, value = [small.target], small.value
        else:
            return
        builder = TemplateBuilder(self._module_resolve)
        if value is None or not builder.is_text(value) or not _worded(builder.build(value)):
            return
        if any(isinstance(t, cst.Name) and t.value in DEFAULT_MESSAGE_ATTRIBUTES for t in targets):
            self.sites.emit(stmt, sinks.KIND_DEFAULT, class_name, value, Context(self.state.module_scope, class_name, True), sink=_CLASS_TEMPLATE)

    def _message_dict(self, stmt: Statement, class_name: str) -> None:
        """``default_error_messages = {"invalid": _("Enter a whole number."), ...}``: one site per text."""
        small = stmt.node
        if not (isinstance(small, cst.Assign) and isinstance(small.value, cst.Dict)):
            return
        if not any(isinstance(t.target, cst.Name) and t.target.value in MESSAGE_DICT_ATTRIBUTES for t in small.targets):
            return
        builder = TemplateBuilder(self._module_resolve)
        ctx = Context(self.state.module_scope, class_name, False)
        for element in small.value.elements:
            if isinstance(element, cst.DictElement) and builder.is_text(element.value):
                self.sites.emit(stmt, sinks.KIND_DEFAULT, class_name, element.value, ctx, sink=_ERROR_MESSAGES)

    def _assign(self, stmt: Statement, small: Union[cst.Assign, cst.AnnAssign], ctx: Context) -> None:
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
            value: Optional[cst.BaseExpression] = small.value
        else:
            targets, value = [small.target], small.value
        if value is None:
            return
        names = [t.value for t in targets if isinstance(t, cst.Name)]
        builder = builder_for(self.state, ctx)
        if builder.is_text(value):
            built = builder.build(value)
            for name in names:
                ctx.scope.texts[name] = built
            return
        for name in names:
            ctx.scope.texts.pop(name, None)
        if isinstance(value, cst.Call):
            callee = dotted_name(value.func)
            if self._builds_exception(callee):
                for name in names:
                    ctx.scope.exceptions[name] = (value, callee)
                    ctx.scope.notes.pop(name, None)
                return
            self._call_statement(stmt, value, ctx)

    def _call_statement(self, stmt: Statement, call: cst.Call, ctx: Context) -> None:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "add_note" and isinstance(func.value, cst.Name):
            builder = builder_for(self.state, ctx)
            if call.args and builder.is_text(call.args[0].value):
                built = builder.build(call.args[0].value)
                ctx.scope.notes.setdefault(func.value.value, []).append(built.template())
            return
        if ctx.exception_class and _is_super_init(func):
            self._super_init(stmt, call, ctx)
            return
        state = self.state
        sink = sinks.classify_call(call, state.imported, state.stderr_consoles, state.extra_sinks)
        if sink is not None:
            extra_args: Sequence[cst.Arg] = ()
            if sink.kind == sinks.KIND_LOG:
                positional = [a for a in call.args if a.keyword is None and not a.star]
                extra_args = positional[2:] if dotted_name(func).endswith(".log") else positional[1:]
            self.sites.emit(stmt, sink.kind, sink.callee, sink.message, ctx, level=sink.level, call=call, log_args=extra_args, sink=sink)
            return
        callee = dotted_name(func)
        if self._builds_exception(callee):
            return  # an exception built and dropped: not shown to anyone
        self._nested_exceptions(stmt, call, ctx)

    def _builds_exception(self, callee: str) -> bool:
        """Whether a call of ``callee`` that is not raised builds an exception, which a caller
        may raise or report; a record of data named like one (``classes.data_records``) is not."""
        return bool(callee) and callee not in self.state.data_records and sinks.looks_like_exception(callee, self.state.exception_classes)

    def _nested_exceptions(self, stmt: Statement, call: cst.Call, ctx: Context) -> None:
        """``errors.append(ValidationError("..."))``: exceptions built as an argument.

        ``Mock(side_effect=OSError("..."))`` is a test double: the mock raises it into the code
        under test, which is what the test checks; no person reads the text.
        """
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "side_effect":
                continue
            value = arg.value
            if isinstance(value, cst.Call):
                callee = dotted_name(value.func)
                if self._builds_exception(callee):
                    short = callee.rsplit(".", 1)[-1]
                    message = sinks.message_argument(value, short, self.state.signatures)
                    if message is not None:
                        self.sites.emit(stmt, sinks.raised_sink(callee), callee, message, ctx, call=value)

    def _super_init(self, stmt: Statement, call: cst.Call, ctx: Context) -> None:
        args = [a for a in call.args if a.keyword is None and not a.star]
        if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name) and args:
            args = args[1:]  # Base.__init__(self, "...")
        base = next((self.state.signatures[b] for b in self.state.class_bases.get(ctx.class_name, ()) if b in self.state.signatures), None)
        if base is not None:  # the base takes its message later, or takes data only
            position = base[0]
            args = args[position:] if position is not None else []
        builder = builder_for(self.state, ctx)
        if args and builder.is_text(args[0].value) and _worded(builder.build(args[0].value), ctx.scope.parameters):
            self.sites.emit(stmt, sinks.KIND_DEFAULT, ctx.class_name, args[0].value, ctx, call=call, sink=_CLASS_TEMPLATE)

    def _raise(self, stmt: Statement, node: cst.Raise, ctx: Context) -> None:
        exc = node.exc
        scope = ctx.scope
        if exc is None or (isinstance(exc, cst.Name) and exc.value == ctx.caught and exc.value not in scope.exceptions):
            self.reraise(stmt.offset, stmt.text, ctx)
            return
        chained = (  # emit adds "raised inside an except handler"
            node.cause is not None and not (isinstance(node.cause.item, cst.Name) and node.cause.item.value == "None")
        )
        if isinstance(exc, cst.IfExp):  # raise A("...") if cond else B("...")
            for branch in (exc.body, exc.orelse):
                if isinstance(branch, cst.Call):
                    self._raised_call(stmt, branch, dotted_name(branch.func) or code_of(branch.func), ctx, chained)
        elif isinstance(exc, cst.Call):
            self._raised_call(stmt, exc, dotted_name(exc.func) or code_of(exc.func), ctx, chained)
        elif isinstance(exc, cst.Name) and exc.value in scope.exceptions:
            call, callee = scope.exceptions[exc.value]
            notes = tuple(scope.notes.get(exc.value, ()))
            self._raised_call(stmt, call, callee, ctx, chained, notes=notes, anchor=exc)
        elif isinstance(exc, (cst.Name, cst.Attribute)):
            callee = dotted_name(exc)
            short = callee.rsplit(".", 1)[-1]
            if short[:1].isupper() and short not in sinks.NOT_MESSAGES and sinks.looks_like_exception(callee, self.state.exception_classes):
                self.sites.emit(stmt, sinks.raised_sink(callee), callee, None, ctx, chained=chained)

    def reraise(self, offset: int, text: str, ctx: Context) -> None:
        """A bare ``raise`` (or ``raise e`` of the caught ``e``): a site only when notes were added."""
        notes = tuple(ctx.scope.notes.get(ctx.caught, ())) if ctx.caught else ()
        if notes:
            self.sites.reraise(offset, text, ctx, notes)

    def _raised_call(
        self,
        stmt: Statement,
        call: cst.Call,
        callee: str,
        ctx: Context,
        chained: bool,
        notes: Tuple[Template, ...] = (),
        anchor: Optional[cst.CSTNode] = None,
    ) -> None:
        short = callee.rsplit(".", 1)[-1]
        if short in sinks.NOT_MESSAGES and short not in self.state.exception_classes:
            return  # the project's own class of that name carries a message like any other
        message = sinks.message_argument(call, short, self.state.signatures)
        if short == "SystemExit" and (message is None or not sinks.stringlike_or_text(message)):
            return
        self.sites.emit(stmt, sinks.raised_sink(callee), callee, message, ctx, chained=chained, call=call, notes=notes, anchor=anchor)


def _worded(built: Built, parameters: Sequence[str] = ()) -> bool:
    """A class template with a word of its own, or with pieces built elsewhere that may hold
    one; ``fmt = "{error_msg}"`` and ``super().__init__(f"{detail}")`` have none: the
    caller's argument is the whole message."""
    if has_own_words("".join(p for p in built.parts if isinstance(p, str))):
        return True
    if built.status in (TEXT_LITERAL, TEXT_EMPTY):
        return False
    return not all(isinstance(p, str) or re.split(r"[.\[]", p.expr, maxsplit=1)[0] in parameters for p in built.parts)


def _is_super_init(func: cst.BaseExpression) -> bool:
    if not (isinstance(func, cst.Attribute) and func.attr.value == "__init__"):
        return False
    target = func.value
    if isinstance(target, cst.Call) and dotted_name(target.func) == "super":
        return True
    return isinstance(target, (cst.Name, cst.Attribute))


__all__: List[str] = ["Recognizer", "DEFAULT_MESSAGE_ATTRIBUTES", "MESSAGE_DICT_ATTRIBUTES"]
