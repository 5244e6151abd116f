"""The traversal: walk Python's ``ast`` statement by statement, keep the scopes, read only what matters.

Python's parser has already built the tree for the file's verdict, so the walk over it is
nearly free; it never enters an expression it does not need. For each simple statement
it decides from ``ast`` alone whether LibCST could find anything in it (a ``raise``, a call
the catalogue may know, text or an exception bound to a name, ...); only those statements
are read with LibCST (``statements``) and handed to the recognizer. The names a statement
binds, the imports, the enclosing ``try`` and ``except`` and the exception classes of the
file are all taken from ``ast`` here.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from itertools import chain
from typing import Dict, List, Optional, Sequence, Set, Tuple

from ..model import MessageSite, ModuleUse
from ..testcode import is_test_function, is_test_path
from . import frameworks, sinks, syntax
from .adjacent import read_with_next_line
from .build import SiteBuilder
from .callers import catches, caught_around_calls, dropped_by_callers, handler_catches, handlers_around_each_call, is_private
from .calls import CallRule
from .classes import data_records, internal_through_bases, module_facts, raw_through_bases, worded_through_bases
from .conditions import debug_only
from .project import INDEX, ProjectIndex
from .recognize import DEFAULT_MESSAGE_ATTRIBUTES, MESSAGE_DICT_ATTRIBUTES, Recognizer
from .scope import BoundText, Context, FileState, PendingText, Scope
from .templates import dotted_name, literal_built
from .statements import StatementReader
from .stderr_sinks import stderr_console_targets
from .shapes import call_shape, may_return_error

# How many pending texts may wait on one another before the next one reads them: reading
# a chain recurses once per link.
MAX_PENDING_DEPTH = 32
COMPOUND = (
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While,
    ast.With, ast.AsyncWith, ast.Match, *syntax.TRY,
)


class Traversal:
    """One file's walk; ``run`` returns its sites in source order."""

    def __init__(
        self, tree: ast.Module, source: str, path: str, project: Optional[ProjectIndex] = None, test_file: Optional[bool] = None
    ):
        self.tree = tree
        self.project = project
        self.uses: List[ModuleUse] = []  # what the file took from other modules of the project
        self.tries: List[ast.stmt] = []  # every ``try`` of the module, for what callers catch
        self.private_functions: Set[str] = set()  # functions only this module calls, for what their callers drop
        self.state = FileState(path, is_test_path(path) if test_file is None else test_file)
        self.reader = StatementReader(source)
        self.sites = SiteBuilder(self.state, self.reader.lines)
        self.recognizer = Recognizer(self.state, self.sites)

    def run(self) -> List[MessageSite]:
        self._prepass(self.tree.body)
        self._body(self.tree.body, Context(self.state.module_scope))
        return read_with_next_line(self._mark_caught_by_callers(self.sites.sites))

    def _mark_caught_by_callers(self, found: List[MessageSite]) -> List[MessageSite]:
        """Raises whose function a caller of this module calls inside a ``try`` that catches
        them, and those of a private function whose every call drops their text, directly or
        through the private functions that call it (``callers.dropped_by_callers``)."""
        if not self.tries or not any(s.kind in (sinks.KIND_RAISE, sinks.KIND_EXIT) and s.function for s in found):
            return found
        caught = caught_around_calls(self.tries)
        found = [
            replace(s, caught_by_caller=True) if s.function and catches(caught.get(s.function, ()), s.callee) else s
            for s in found
        ]
        # A raise is followed up its callers only when a handler of the module catches it
        # around a call of a private function: the chain of private callers must end there.
        handled = tuple(set(chain.from_iterable(classes for name, classes in caught.items() if name.startswith("_"))))
        candidates = [
            s for s in found
            if s.function and not s.swallowed and is_private(s.function, s.class_name)
            and (s.caught_by_caller or catches(handled, s.callee))
        ]
        if not candidates:
            return found
        calls = handlers_around_each_call(self.tree, self.private_functions | {s.function for s in candidates})
        dropped = {id(s) for s in candidates if dropped_by_callers(calls, s.function, s.callee, follow=not s.class_name)}
        return [replace(s, swallowed=True) if id(s) in dropped else s for s in found]

    # -- what the module declares before any use -----------------------------------------
    def _prepass(self, body: Sequence[ast.stmt]) -> None:
        """Imports, string constants and exception classes of the module."""
        classes: List[ast.ClassDef] = []
        module_texts = self.state.module_scope.texts
        for stmt in body:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                self._import(stmt)
            elif isinstance(stmt, ast.Assign) and syntax.is_plain_literal(stmt.value):
                self._bind_literal(stmt.targets, stmt.value, self.state.module_scope)
            elif isinstance(stmt, ast.Assign) and syntax.is_text(stmt.value, module_texts.__contains__):
                self._bind_later(stmt, stmt.targets, Context(self.state.module_scope), module_only=True)
            elif isinstance(stmt, ast.ClassDef):
                classes.append(stmt)
        state = self.state
        facts = module_facts(classes, state.exception_classes, state.signatures)
        state.exception_classes.update(facts.classes)
        for name, cls in facts.classes.items():
            state.class_bases[name] = cls.bases
            if cls.signature is not None:
                state.signatures[name] = cls.signature
        state.worded_classes.update(worded_through_bases(facts.classes, state.worded_classes))
        state.raw_classes.update(raw_through_bases(facts.classes, state.raw_classes))
        state.internal_classes.update(internal_through_bases(facts.classes, state.internal_classes))
        state.data_records = data_records(self.tree, classes, state.exception_classes)

    def _import(self, node: ast.stmt) -> None:
        imported = self.state.imported
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            for alias in node.names:
                if alias.name == "*":
                    return
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            if self.project is not None:
                self._learn_from_project(node)

    def _learn_from_project(self, node: ast.ImportFrom) -> None:
        """Exception classes and text constants imported from another module of the project."""
        # Only names that may be classes or message constants send it to the index: a class
        # need not be named like an exception (``class CommandFailed(SystemExit)``).
        names = [a for a in node.names if a.name[:1].isupper()]
        if not names or self.project is None:
            return
        found = self.project.module_file(self.state.path, node.module or "", node.level)
        facts = self.project.facts(found) if found is not None and found != self.state.path else None
        if facts is None or not (facts.classes or facts.constants):
            return
        state = self.state
        worded = worded_through_bases(facts.classes, set())
        raw = raw_through_bases(facts.classes, set())
        internal = internal_through_bases(facts.classes, set())
        used = []
        for alias in names:
            local = alias.asname or alias.name
            cls = facts.classes.get(alias.name)
            if cls is not None:
                state.exception_classes.add(local)
                if cls.signature is not None:
                    state.signatures[local] = cls.signature
                if alias.name in worded:
                    state.worded_classes.add(local)
                if alias.name in raw:
                    state.raw_classes.add(local)
                if alias.name in internal:
                    state.internal_classes.add(local)
                used.append(alias.name)
            elif alias.name in facts.constants:
                text = facts.constants[alias.name]
                state.module_scope.texts[local] = literal_built(text)
                used.append(alias.name)
        if used:
            self.uses.append(self.project.use(found or "", used))

    # -- blocks --------------------------------------------------------------------------
    def _body(self, body: Sequence[ast.stmt], ctx: Context) -> None:
        for stmt in body:  # a block on its header's line (``if x: raise E("...")``) is read too
            if not isinstance(stmt, COMPOUND):
                self._simple(stmt, ctx)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if is_private(stmt.name, ctx.class_name):
                    self.private_functions.add(stmt.name)
                decorators = _decorator_names(stmt)
                scope = Scope(
                    stmt.name, tuple(syntax.parameters(stmt.args)), _is_abstract(decorators), self._is_stub(stmt),
                    self._is_validator(decorators),
                    in_test=ctx.scope.in_test or is_test_function(stmt.name, self.state.test_file),
                )
                self._body(stmt.body, Context(scope, ctx.class_name, ctx.exception_class, debug_branch=ctx.debug_branch))
            elif isinstance(stmt, ast.ClassDef):
                self._class(stmt, ctx)
            elif isinstance(stmt, syntax.TRY):
                self._try(stmt, ctx)
            elif isinstance(stmt, ast.If):
                self._if(stmt, ctx)
            elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
                if not isinstance(stmt, ast.While):
                    ctx.scope.assigned.extend(syntax.bound_names(stmt.target))
                self._body(stmt.body, ctx)
                self._body(stmt.orelse, ctx)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    if item.optional_vars is not None:
                        ctx.scope.assigned.extend(syntax.bound_names(item.optional_vars))
                self._body(stmt.body, ctx)
            elif isinstance(stmt, ast.Match):
                for case in stmt.cases:
                    self._body(case.body, ctx)

    def _if(self, node: ast.If, ctx: Context) -> None:
        """Each branch starts from the texts bound before the ``if``: ``msg += "..."`` in one
        branch is not part of the message in the other; after it, the first branch's hold.
        The body of ``if DEBUG:`` (not its ``else``) is marked as debug output, and knows the
        names its test fixes (``if engine == "x":``)."""
        scope = ctx.scope
        pinned = syntax.pinned_names(node.test)
        debug = not ctx.debug_branch and debug_only(node.test)
        body_ctx = replace(ctx, pinned=ctx.pinned + tuple(pinned), debug_branch=ctx.debug_branch or debug) if pinned or debug else ctx
        if not node.orelse:
            self._body(node.body, body_ctx)
            return
        before = dict(scope.texts)
        self._body(node.body, body_ctx)
        first = scope.texts
        scope.texts = before
        self._body(node.orelse, ctx)
        scope.texts = first

    def _class(self, node: ast.ClassDef, ctx: Context) -> None:
        known = self.state.exception_classes
        is_exc = node.name in known or any(sinks.looks_like_exception(dotted_name(b), known) for b in node.bases)
        if is_exc:
            known.add(node.name)
        class_scope = Scope(ctx.scope.name, in_test=ctx.scope.in_test)
        self._body(node.body, Context(class_scope, node.name, is_exc, class_body=True, debug_branch=ctx.debug_branch))

    def _try(self, node: ast.stmt, ctx: Context) -> None:
        self.tries.append(node)
        handlers = node.handlers  # type: ignore[attr-defined]
        self._body(node.body, replace(ctx, catches=handler_catches(handlers) + ctx.catches))
        for handler in handlers:
            caught = handler.name or ""
            if caught:
                ctx.scope.assigned.append(caught)
            # An outer ``try`` of the same function still catches what the handler raises.
            self._body(handler.body, replace(ctx, caught=caught, caught_classes=syntax.handled_names([handler]), in_handler=True))
        self._body(node.orelse, ctx)  # type: ignore[attr-defined]
        self._body(node.finalbody, ctx)  # type: ignore[attr-defined]

    def _is_validator(self, decorators: Sequence[str]) -> bool:
        """A pydantic validator: pydantic reports what it raises with the input it was given."""
        return any(frameworks.shows_input(name, self.state.imported) for name in decorators)

    def _is_stub(self, node: ast.AST) -> bool:
        """A function whose whole body raises ``NotImplementedError``: either a method left for
        subclasses or a feature the user asked for and this code lacks; the words tell which."""
        body: List[ast.stmt] = node.body  # type: ignore[attr-defined]
        lines: List[List[ast.stmt]] = []  # statements joined by ``;`` share a line
        for stmt in body:
            if lines and not isinstance(stmt, COMPOUND) and not isinstance(lines[-1][-1], COMPOUND) and stmt.lineno == lines[-1][-1].end_lineno:
                lines[-1].append(stmt)
            else:
                lines.append([stmt])
        statements = [line for line in lines if not (len(line) == 1 and syntax.is_docstring(line[0]))]
        if len(statements) == 1 and not isinstance(statements[0][0], COMPOUND):
            small = statements[0][0]
            if isinstance(small, ast.Raise) and small.exc is not None:
                target = small.exc.func if isinstance(small.exc, ast.Call) else small.exc
                return dotted_name(target).endswith("NotImplementedError")
        return False

    # -- simple statements -----------------------------------------------------------------
    def _simple(self, stmt: ast.stmt, ctx: Context) -> None:
        scope = ctx.scope
        if isinstance(stmt, ast.Raise):
            if stmt.exc is not None:
                self._read(stmt, ctx)
            elif ctx.caught and scope.notes.get(ctx.caught):
                self.recognizer.reraise(*self.reader.text_of(stmt), ctx)
        elif isinstance(stmt, ast.Expr):
            if isinstance(stmt.value, ast.Call) and self._call_matters(stmt.value, ctx):
                self._read(stmt, ctx)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            self._assign(stmt, ctx)
        elif isinstance(stmt, ast.AugAssign):
            target = stmt.target
            if isinstance(target, ast.Name) and isinstance(stmt.op, ast.Add) and target.id in scope.texts:
                self._read(stmt, ctx)
        elif isinstance(stmt, ast.Return):
            value = stmt.value
            if isinstance(value, ast.Call):
                callee = dotted_name(value.func)
                if (callee and sinks.looks_like_exception(callee, self.state.exception_classes)) or self._call_matters(value, ctx):
                    self._read(stmt, ctx)
            elif isinstance(value, ast.Tuple) and may_return_error(value):
                self._read(stmt, ctx)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            self._import(stmt)

    def _assign(self, stmt: ast.stmt, ctx: Context) -> None:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]  # type: ignore[attr-defined]
        scope = ctx.scope
        for target in targets:
            scope.assigned.extend(syntax.bound_names(target))
        value = stmt.value  # type: ignore[attr-defined]
        if value is None:
            return
        self.state.stderr_consoles.update(stderr_console_targets(stmt))
        if ctx.class_body and isinstance(value, ast.Dict) and any(isinstance(t, ast.Name) and t.id in MESSAGE_DICT_ATTRIBUTES for t in targets):
            self._read(stmt, ctx)
            return
        module_texts = self.state.module_scope.texts
        default = (
            ctx.class_body and ctx.exception_class and syntax.is_text(value, module_texts.__contains__)
            and any(isinstance(t, ast.Name) and t.id in DEFAULT_MESSAGE_ATTRIBUTES for t in targets)
        )
        if not default and syntax.is_plain_literal(value):
            self._bind_literal(targets, value, scope)
            return
        if default or syntax.is_text(value, lambda name: name in scope.texts or name in module_texts):
            if default or ctx.class_body:  # a class's own text, or one of its attributes: read now
                self._read(stmt, ctx)
            else:
                self._bind_later(stmt, targets, ctx)
            return
        if isinstance(value, ast.Call):
            callee = dotted_name(value.func)
            if (callee and sinks.looks_like_exception(callee, self.state.exception_classes)) or self._call_matters(value, ctx):
                self._read(stmt, ctx)
                return
        for target in targets:
            if isinstance(target, ast.Name):
                scope.texts.pop(target.id, None)

    @staticmethod
    def _bind_literal(targets: Sequence[ast.expr], value: ast.Constant, scope: Scope) -> None:
        """``NAME = "text"``: the text is known from Python's tree alone, LibCST is not asked."""
        built = literal_built(value.value)
        for target in targets:
            if isinstance(target, ast.Name):
                scope.texts[target.id] = built

    def _bind_later(self, stmt: ast.stmt, targets: Sequence[ast.expr], ctx: Context, module_only: bool = False) -> None:
        """``msg = "..." % x``: the text is read with LibCST when a message first uses it,
        with the names of its value as they are bound here (in the function, in the module)."""
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if not names:
            return  # ``self.msg = ...`` binds no name a message could use
        scope = ctx.scope
        module_texts = self.state.module_scope.texts
        known: Dict[str, Tuple[Optional[BoundText], Optional[BoundText]]] = {}
        depth = 0
        for node in ast.walk(stmt.value):  # type: ignore[attr-defined]
            if type(node) is ast.Name and node.id not in known:
                bound = (None if module_only else scope.texts.get(node.id), module_texts.get(node.id))
                for text in bound:
                    if isinstance(text, PendingText) and text.pending:
                        if text.depth >= MAX_PENDING_DEPTH:
                            text.get()
                        else:
                            depth = max(depth, text.depth)
                known[node.id] = bound
        reader, recognizer = self.reader, self.recognizer
        pending = PendingText(lambda: recognizer.bound_text(reader.read(stmt), ctx, known), depth + 1)
        texts = module_texts if module_only else scope.texts
        for name in names:
            texts[name] = pending

    def _call_matters(self, call: ast.Call, ctx: Context) -> bool:
        """Whether the recognizer could find a site or a note in a call made as a statement."""
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "add_note" and isinstance(func.value, ast.Name):
            return bool(call.args or call.keywords)
        if ctx.exception_class and _is_super_init(func):
            return True
        callee = dotted_name(func)
        state = self.state
        if callee and sinks.may_be_sink(callee, state.imported, call_shape(call, callee, state.stderr_consoles), state.extra_sinks):
            return True
        if callee and sinks.looks_like_exception(callee, self.state.exception_classes):
            return False
        return self._builds_exceptions(call)

    def _builds_exceptions(self, call: ast.Call) -> bool:
        """``errors.append(ValueError("..."))``: an exception built as an argument."""
        known = self.state.exception_classes
        for arg in syntax.call_arguments(call):
            if isinstance(arg, ast.Call):
                callee = dotted_name(arg.func)
                if callee and sinks.looks_like_exception(callee, known):
                    return True
        return False

    def _read(self, stmt: ast.stmt, ctx: Context) -> None:
        self.recognizer.statement(self.reader.read(stmt), ctx)


def _decorator_names(node: ast.AST) -> List[str]:
    """The dotted names of a function's decorators, called or not (``@validator("x")``)."""
    return [dotted_name(dec.func if isinstance(dec, ast.Call) else dec) for dec in node.decorator_list]  # type: ignore[attr-defined]


def _is_abstract(decorators: Sequence[str]) -> bool:
    """A method declared abstract: its body runs only when a subclass calls it through
    ``super()``, so what it raises is read by the developer writing that subclass."""
    return any(name.endswith(("abstractmethod", "abstractproperty")) for name in decorators)


def _is_super_init(func: ast.AST) -> bool:
    if not (isinstance(func, ast.Attribute) and func.attr == "__init__"):
        return False
    target = func.value
    if isinstance(target, ast.Call) and dotted_name(target.func) == "super":
        return True
    return isinstance(target, (ast.Name, ast.Attribute))


def extract_sites(tree: ast.Module, source: str, path: str, project: Optional[ProjectIndex] = None) -> List[MessageSite]:
    """Every message site of a file Python parsed into ``tree``, in source order."""
    return Traversal(tree, source, path, project).run()


def extract_file(
    tree: ast.Module, source: str, path: str, project: Optional[ProjectIndex] = INDEX, extra_sinks: Tuple[CallRule, ...] = (),
    test_file: Optional[bool] = None,
) -> Tuple[List[MessageSite], Tuple[ModuleUse, ...]]:
    """The sites of a file and what they took from the rest of the project (``project``),
    with the project's own sinks (``extra_sinks``) known too. ``test_file`` says whether it
    is a test of the project (by default: judged from ``path`` as it is written)."""
    traversal = Traversal(tree, source, path, project, test_file)
    traversal.state.extra_sinks = extra_sinks
    return traversal.run(), tuple(traversal.uses)
