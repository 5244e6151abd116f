"""The one walk over a file: find every message site and describe it as a ``MessageSite``.

The walk goes statement by statement and never enters an expression it does not need, which
keeps it a small fraction of the cost of parsing (a generic ``CSTVisitor`` doubles it). Sites
are found where messages are written in practice: a ``raise``, a call made as a statement
(logging, ``warnings.warn``, exits, CLI and web helpers), an exception built into a variable,
a list or a call argument, and an exception class's own default text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from ..model import TEXT_NONE, TEXT_UNKNOWN, MessageSite, Template
from . import sinks
from .positions import Locator
from .templates import Built, TemplateBuilder, code_of, dotted_name, fill_printf, settle

DEFAULT_MESSAGE_ATTRIBUTES = frozenset(
    {"message", "msg", "default_message", "default_msg", "default_detail", "detail", "description", "default_error_message"}
)


# A site keeps the names bound closest before it, not every name of a long module: with
# every name, a module of N names and M messages cost N x M in memory and in the rules.
MAX_NAMES_IN_SCOPE = 256


def names_in_scope(scope: "Scope") -> Tuple[str, ...]:
    """The parameters, then the latest bindings of ``scope``, each name once."""
    return tuple(dict.fromkeys((*scope.parameters[:MAX_NAMES_IN_SCOPE], *scope.assigned[-MAX_NAMES_IN_SCOPE:])))


@dataclass
class Scope:
    """What a function (or the module) has bound so far, in source order."""

    name: str = ""
    parameters: Tuple[str, ...] = ()
    abstract: bool = False
    texts: Dict[str, Built] = field(default_factory=dict)  # msg = "..."
    exceptions: Dict[str, Tuple[cst.Call, str]] = field(default_factory=dict)  # err = ValueError("...")
    notes: Dict[str, List[Template]] = field(default_factory=dict)  # err.add_note("...")
    assigned: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    scope: Scope
    class_name: str = ""
    exception_class: bool = False
    caught: str = ""
    in_handler: bool = False
    class_body: bool = False  # directly in a class body, where default messages live
    handled: Tuple[str, ...] = ()  # classes caught by an enclosing try of this function ("*": all)


Statement = Union[cst.BaseStatement, cst.BaseSmallStatement]


class Walker:
    def __init__(self, module: cst.Module, source: str, path: str):
        self.module = module
        self.path = path
        self.locator = Locator(source)
        self.sites: List[MessageSite] = []
        self.imported: Dict[str, str] = {}
        self.module_scope = Scope()
        self.exception_classes: Set[str] = set()

    # -- driver ------------------------------------------------------------------------
    def run(self) -> List[MessageSite]:
        self._prepass(self.module.body)
        self._body(self.module.body, Context(self.module_scope))
        return self.sites

    def _prepass(self, body: Sequence[cst.BaseStatement]) -> None:
        """Imports, string constants and exception classes of the module, before any use."""
        classes: List[cst.ClassDef] = []
        builder = TemplateBuilder(self._module_resolve)
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        self._import(small)
                    elif isinstance(small, cst.Assign) and builder.is_text(small.value):
                        for target in small.targets:
                            if isinstance(target.target, cst.Name):
                                self.module_scope.texts[target.target.value] = builder.build(small.value)
            elif isinstance(stmt, cst.ClassDef):
                classes.append(stmt)
        for _ in range(3):  # local hierarchies: class B(A), class A(ValueError)
            for cls in classes:
                if cls.name.value not in self.exception_classes and any(
                    sinks.looks_like_exception(dotted_name(b.value), self.exception_classes) for b in cls.bases
                ):
                    self.exception_classes.add(cls.name.value)

    def _module_resolve(self, name: str) -> Optional[Built]:
        return self.module_scope.texts.get(name)

    def _import(self, node: Union[cst.Import, cst.ImportFrom]) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted_name(alias.name)
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else full.split(".")[0]
                self.imported[local] = full if alias.asname else local
        elif not isinstance(node.names, cst.ImportStar) and node.module is not None:
            module = dotted_name(node.module)
            for alias in node.names:
                name = dotted_name(alias.name)
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
                self.imported[local] = f"{module}.{name}"

    # -- statements --------------------------------------------------------------------
    def _body(self, body: Sequence[Statement], ctx: Context) -> None:
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    self._small(small, ctx)
            elif isinstance(stmt, cst.FunctionDef):
                self._function(stmt, ctx)
            elif isinstance(stmt, cst.ClassDef):
                self._class(stmt, ctx)
            elif isinstance(stmt, (cst.Try, cst.TryStar)):
                self._suite(stmt.body, replace(ctx, handled=ctx.handled + _handled(stmt.handlers)))
                for handler in stmt.handlers:
                    caught = handler.name.name.value if handler.name and isinstance(handler.name.name, cst.Name) else ""
                    if caught:
                        ctx.scope.assigned.append(caught)
                    self._suite(handler.body, Context(ctx.scope, ctx.class_name, ctx.exception_class, caught, True, ctx.class_body))
                if stmt.orelse is not None:
                    self._suite(stmt.orelse.body, ctx)
                if stmt.finalbody is not None:
                    self._suite(stmt.finalbody.body, ctx)
            elif isinstance(stmt, cst.If):
                self._suite(stmt.body, ctx)
                orelse = stmt.orelse
                while orelse is not None:
                    self._suite(orelse.body, ctx)
                    orelse = orelse.orelse if isinstance(orelse, cst.If) else None
            elif isinstance(stmt, (cst.For, cst.While)):
                if isinstance(stmt, cst.For):
                    self._bind_target(stmt.target, ctx)
                self._suite(stmt.body, ctx)
                if stmt.orelse is not None:
                    self._suite(stmt.orelse.body, ctx)
            elif isinstance(stmt, cst.With):
                for item in stmt.items:
                    if item.asname is not None:
                        self._bind_target(item.asname.name, ctx)
                self._suite(stmt.body, ctx)
            elif isinstance(stmt, cst.Match):
                for case in stmt.cases:
                    self._suite(case.body, ctx)

    def _suite(self, suite: cst.BaseSuite, ctx: Context) -> None:
        self._body(suite.body, ctx)

    def _bind_target(self, target: cst.BaseExpression, ctx: Context) -> None:
        if isinstance(target, cst.Name):
            ctx.scope.assigned.append(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self._bind_target(el.value, ctx)

    def _function(self, node: cst.FunctionDef, ctx: Context) -> None:
        params = node.params
        names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                names.append(star.name.value)
        scope = Scope(node.name.value, tuple(names), _is_abstract(node))
        self._body(node.body.body, Context(scope, ctx.class_name, ctx.exception_class))

    def _class(self, node: cst.ClassDef, ctx: Context) -> None:
        is_exc = node.name.value in self.exception_classes or any(
            sinks.looks_like_exception(dotted_name(b.value), self.exception_classes) for b in node.bases
        )
        if is_exc:
            self.exception_classes.add(node.name.value)
        self._body(node.body.body, Context(Scope(ctx.scope.name), node.name.value, is_exc, class_body=True))

    def _class_default(self, small: cst.BaseSmallStatement, class_name: str) -> None:
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
            value: Optional[cst.BaseExpression] = small.value
        elif isinstance(small, cst.AnnAssign):
            targets, value = [small.target], small.value
        else:
            return
        if value is None or not TemplateBuilder(self._module_resolve).is_text(value):
            return
        if any(isinstance(t, cst.Name) and t.value in DEFAULT_MESSAGE_ATTRIBUTES for t in targets):
            self._emit(small, sinks.KIND_DEFAULT, class_name, value, Context(self.module_scope, class_name, True))

    # -- small statements --------------------------------------------------------------
    def _small(self, small: cst.BaseSmallStatement, ctx: Context) -> None:
        if ctx.class_body and ctx.exception_class:
            self._class_default(small, ctx.class_name)
        if isinstance(small, cst.Raise):
            self._raise(small, ctx)
        elif isinstance(small, cst.Expr):
            if isinstance(small.value, cst.Call):
                self._call_statement(small, small.value, ctx)
        elif isinstance(small, (cst.Assign, cst.AnnAssign)):
            self._assign(small, ctx)
        elif isinstance(small, cst.AugAssign):
            target = small.target
            if isinstance(target, cst.Name) and isinstance(small.operator, cst.AddAssign):
                known = ctx.scope.texts.get(target.value)
                if known is not None:
                    addition = self._builder(ctx).build(small.value)
                    ctx.scope.texts[target.value] = Built(
                        known.parts + addition.parts, known.status, known.reason, known.gettext, known.raw_fields + addition.raw_fields
                    )
        elif isinstance(small, cst.Return) and isinstance(small.value, cst.Call):
            callee = dotted_name(small.value.func)
            if callee and sinks.looks_like_exception(callee, self.exception_classes):
                # An exception factory: ``return ValueError(...)`` is raised by its caller.
                self._raised_call(small, small.value, callee, ctx, ctx.in_handler, small.value.func)
            else:
                self._nested_exceptions(small, small.value, ctx)
        elif isinstance(small, (cst.Import, cst.ImportFrom)):
            self._import(small)

    def _assign(self, small: Union[cst.Assign, cst.AnnAssign], ctx: Context) -> None:
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
            value: Optional[cst.BaseExpression] = small.value
        else:
            targets, value = [small.target], small.value
        for t in targets:
            self._bind_target(t, ctx)
        if value is None:
            return
        names = [t.value for t in targets if isinstance(t, cst.Name)]
        if self._builder(ctx).is_text(value):
            built = self._builder(ctx).build(value)
            for name in names:
                ctx.scope.texts[name] = built
            return
        for name in names:
            ctx.scope.texts.pop(name, None)
        if isinstance(value, cst.Call):
            callee = dotted_name(value.func)
            if callee and sinks.looks_like_exception(callee, self.exception_classes):
                for name in names:
                    ctx.scope.exceptions[name] = (value, callee)
                    ctx.scope.notes.pop(name, None)
                return
            self._call_statement(small, value, ctx)

    def _call_statement(self, stmt: cst.BaseSmallStatement, call: cst.Call, ctx: Context) -> None:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "add_note" and isinstance(func.value, cst.Name):
            if call.args and self._builder(ctx).is_text(call.args[0].value):
                built = self._builder(ctx).build(call.args[0].value)
                ctx.scope.notes.setdefault(func.value.value, []).append(built.template())
            return
        if ctx.exception_class and _is_super_init(func):
            self._super_init(stmt, call, ctx)
            return
        sink = sinks.classify_call(call, self.imported)
        if sink is not None:
            message = sink.message
            extra_args: Sequence[cst.Arg] = ()
            if sink.kind == sinks.KIND_LOG:
                positional = [a for a in call.args if a.keyword is None and not a.star]
                extra_args = positional[2:] if dotted_name(func).endswith(".log") else positional[1:]
            self._emit(stmt, sink.kind, sink.callee, message, ctx, level=sink.level, call=call, log_args=extra_args)
            return
        callee = dotted_name(func)
        if callee and sinks.looks_like_exception(callee, self.exception_classes):
            return  # an exception built and dropped: not shown to anyone
        self._nested_exceptions(stmt, call, ctx)

    def _nested_exceptions(self, stmt: cst.BaseSmallStatement, call: cst.Call, ctx: Context) -> None:
        """``errors.append(ValidationError("..."))``: exceptions built as an argument."""
        for arg in call.args:
            value = arg.value
            if isinstance(value, cst.Call):
                callee = dotted_name(value.func)
                if callee and sinks.looks_like_exception(callee, self.exception_classes):
                    short = callee.rsplit(".", 1)[-1]
                    message = sinks.message_argument(value, short)
                    if message is not None:
                        self._emit(stmt, sinks.raised_sink(callee), callee, message, ctx, call=value)

    def _super_init(self, stmt: cst.BaseSmallStatement, call: cst.Call, ctx: Context) -> None:
        args = [a for a in call.args if a.keyword is None and not a.star]
        if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name) and args:
            args = args[1:]  # Base.__init__(self, "...")
        if args and self._builder(ctx).is_text(args[0].value):
            self._emit(stmt, sinks.KIND_DEFAULT, ctx.class_name, args[0].value, ctx, call=call)

    def _raise(self, node: cst.Raise, ctx: Context) -> None:
        exc = node.exc
        if exc is None or (isinstance(exc, cst.Name) and exc.value == ctx.caught and exc.value not in ctx.scope.exceptions):
            self._reraise(node, ctx)
            return
        chained = (  # _emit adds "raised inside an except handler"
            node.cause is not None and not (isinstance(node.cause.item, cst.Name) and node.cause.item.value == "None")
        )
        if isinstance(exc, cst.IfExp):  # raise A("...") if cond else B("...")
            for branch in (exc.body, exc.orelse):
                if isinstance(branch, cst.Call):
                    self._raised_call(node, branch, dotted_name(branch.func) or code_of(branch.func), ctx, chained, branch.func)
        elif isinstance(exc, cst.Call):
            callee = dotted_name(exc.func) or code_of(exc.func)
            self._raised_call(node, exc, callee, ctx, chained, exc.func)
        elif isinstance(exc, cst.Name) and exc.value in ctx.scope.exceptions:
            call, callee = ctx.scope.exceptions[exc.value]
            notes = tuple(ctx.scope.notes.get(exc.value, ()))
            self._raised_call(node, call, callee, ctx, chained, exc, notes=notes, anchor=exc)
        elif isinstance(exc, (cst.Name, cst.Attribute)):
            callee = dotted_name(exc)
            short = callee.rsplit(".", 1)[-1]
            if short[:1].isupper() and short not in sinks.NOT_MESSAGES and sinks.looks_like_exception(callee, self.exception_classes):
                self._emit(node, sinks.raised_sink(callee), callee, None, ctx, chained=chained)

    def _reraise(self, node: cst.Raise, ctx: Context) -> None:
        """``e.add_note("..."); raise``: the notes are the only text this handler adds."""
        notes = tuple(ctx.scope.notes.get(ctx.caught, ())) if ctx.caught else ()
        if not notes:
            return
        offset, text = self.locator.find_statement(node)
        span = self.locator.span(offset, offset + len(text))
        self.sites.append(
            MessageSite(
                path=self.path,
                span=span,
                kind=sinks.KIND_RAISE,
                callee=ctx.caught,
                template=None,
                text_status=TEXT_UNKNOWN,
                unknown_reason=f"re-raises the caught exception '{ctx.caught}'; only its notes are known",
                chained=True,
                caught_name=ctx.caught,
                notes=notes,
                function=ctx.scope.name,
                class_name=ctx.class_name,
                abstract=ctx.scope.abstract,
                names_in_scope=names_in_scope(ctx.scope),
                statement_line=span.line,
                statement_end_line=span.end_line,
            )
        )

    def _raised_call(
        self,
        node: Union[cst.Raise, cst.Return],
        call: cst.Call,
        callee: str,
        ctx: Context,
        chained: bool,
        func_anchor: cst.CSTNode,
        notes: Tuple[Template, ...] = (),
        anchor: Optional[cst.CSTNode] = None,
    ) -> None:
        short = callee.rsplit(".", 1)[-1]
        if short in sinks.NOT_MESSAGES:
            return
        message = sinks.message_argument(call, short)
        if short == "SystemExit" and (message is None or not sinks.stringlike_or_text(message)):
            return
        kind = sinks.raised_sink(callee)
        self._emit(node, kind, callee, message, ctx, chained=chained, call=call, notes=notes, anchor=anchor)

    # -- making a site -----------------------------------------------------------------
    def _builder(self, ctx: Context) -> TemplateBuilder:
        scope = ctx.scope
        module = self.module_scope

        def resolve(name: str) -> Optional[Built]:
            found = scope.texts.get(name)
            return found if found is not None else module.texts.get(name)

        return TemplateBuilder(resolve, scope.parameters, ctx.caught)

    def _emit(
        self,
        stmt: cst.CSTNode,
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
    ) -> None:
        offset, text = self.locator.find_statement(stmt)
        stmt_span = self.locator.span(offset, offset + len(text))
        after = 0
        if call is not None and anchor is None:
            func_text = code_of(call.func)
            found = text.find(func_text)
            after = found + len(func_text) if found >= 0 else 0
        if anchor is not None:
            span = self.locator.span_in(offset, text, anchor, text.find("raise") + 5 if "raise" in text else 0)
        elif message is not None:
            span = self.locator.span_in(offset, text, message, after)
        else:
            span = self.locator.span_in(offset, text, call)
        if message is None:
            template: Optional[Template] = None
            status, reason, gettext = TEXT_NONE, "", False
            unformatted: Tuple[str, ...] = ()
            if call is not None and any(a.star for a in call.args):
                status, reason = TEXT_UNKNOWN, "the text is passed with *args or **kwargs"
        else:
            built = self._builder(ctx).build(message)
            if log_args:
                built = Built(fill_printf(built.parts, [code_of(a.value) for a in log_args], {}), built.status, built.reason, built.gettext)
            built = settle(built)
            template, status, reason, gettext = built.template(), built.status, built.reason, built.gettext
            unformatted = () if log_args else _not_deferred(built.raw_fields, call)
        scope = ctx.scope
        self.sites.append(
            MessageSite(
                path=self.path,
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
                class_name=ctx.class_name,
                abstract=scope.abstract,
                gettext=gettext,
                names_in_scope=names_in_scope(scope),
                statement_line=stmt_span.line,
                statement_end_line=stmt_span.end_line,
                unformatted_fields=unformatted,
                caught_locally=_caught_locally(callee, ctx.handled),
                other_args=_other_args(call, message) if kind != sinks.KIND_LOG else (),
            )
        )


def _other_args(call: Optional[cst.Call], message: Optional[cst.BaseExpression]) -> Tuple[str, ...]:
    """Positional arguments besides the message (``ValueError("bad port", port)``): a class
    shows them in its text, unlike keywords such as Django's ``code=``."""
    if call is None:
        return ()
    return tuple(code_of(a.value) for a in call.args if a.value is not message and not a.star and a.keyword is None)


def _handled(handlers: Sequence[Union[cst.ExceptHandler, cst.ExceptStarHandler]]) -> Tuple[str, ...]:
    """Short class names an ``except`` list catches; ``*`` for a bare or broad ``except``."""
    names: List[str] = []
    for handler in handlers:
        kind = handler.type
        items: List[Optional[cst.BaseExpression]] = [e.value for e in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
        for item in items:
            short = dotted_name(item).rsplit(".", 1)[-1] if item is not None else ""
            names.append("*" if short in ("", "Exception", "BaseException") else short)
    return tuple(names)


def _caught_locally(callee: str, handled: Tuple[str, ...]) -> bool:
    """A raise inside a ``try`` whose handler catches it: control flow, never shown."""
    short = callee.rsplit(".", 1)[-1]
    return bool(handled) and (short in handled or ("*" in handled and short[:1].isupper()))


def _not_deferred(fields: Tuple[str, ...], call: Optional[cst.Call]) -> Tuple[str, ...]:
    """Fields the call does not format later: ``E("{x}", x=x)`` or Django's ``params=`` do."""
    if not fields or call is None:
        return fields
    keywords = {a.keyword.value for a in call.args if a.keyword is not None}
    if keywords & {"params", "kwargs", "format_args", "args"} or any(a.star == "**" for a in call.args):
        return ()
    return tuple(f for f in fields if re.split(r"[.\[!:]", f, maxsplit=1)[0] not in keywords)


def _is_super_init(func: cst.BaseExpression) -> bool:
    if not (isinstance(func, cst.Attribute) and func.attr.value == "__init__"):
        return False
    target = func.value
    if isinstance(target, cst.Call) and dotted_name(target.func) == "super":
        return True
    return isinstance(target, (cst.Name, cst.Attribute))


def _is_abstract(node: cst.FunctionDef) -> bool:
    """An abstract method or a stub whose only job is to be overridden."""
    for dec in node.decorators:
        name = dotted_name(dec.decorator) if not isinstance(dec.decorator, cst.Call) else dotted_name(dec.decorator.func)
        if name.endswith("abstractmethod") or name.endswith("abstractproperty"):
            return True
    body = node.body.body
    statements = [s for s in body if not _is_docstring(s)]
    if len(statements) == 1 and isinstance(statements[0], cst.SimpleStatementLine):
        small = statements[0].body[0]
        if isinstance(small, cst.Raise) and small.exc is not None:
            target = small.exc.func if isinstance(small.exc, cst.Call) else small.exc
            return dotted_name(target).endswith("NotImplementedError")
    return False


def _is_docstring(stmt: Union[cst.BaseStatement, cst.BaseSmallStatement]) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def extract_sites(module: cst.Module, source: str, path: str) -> List[MessageSite]:
    """Every message site of a parsed file, in source order."""
    return Walker(module, source, path).run()
