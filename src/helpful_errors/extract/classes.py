"""What a module declares that other code's messages depend on, read with ``ast`` alone.

For each exception class: its bases, whether it carries its own words (a template
attribute such as ``fmt = "..."``, an ``__init__`` that formats its arguments into
``super().__init__(...)``, a ``__str__`` that returns text), whether it prints itself (a
``show`` method, click's printer), and where its ``__init__`` takes the message when not
first. For the module: its text constants (``NOT_FOUND =
"..."``). The traversal asks this of its own file; the project index asks it of every
file of the run, so that ``raise TheClass(value)`` elsewhere is known to have words.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from typing import Dict, Iterable, Mapping, Optional, Sequence, Set, Tuple

from . import sinks, syntax
from .formats import has_own_words
from .templates import dotted_name

# Class attributes that hold the class's own message (or its template).
DEFAULT_MESSAGE_ATTRIBUTES = frozenset(
    {
        "message", "msg", "default_message", "default_msg", "default_detail", "detail", "description",
        "default_error_message", "fmt", "msg_fmt", "msgfmt", "msg_format", "message_format", "msg_template",
        "message_template", "title",
    }
)

Signature = Tuple[Optional[int], Tuple[str, ...]]
# Bases whose text Python prints as it is, with no class name before it.
RAW_BASES = frozenset({"SystemExit"})


@dataclass(frozen=True)
class ClassFacts:
    """One exception class as other modules need to know it."""

    bases: Tuple[str, ...]  # short names of its bases
    worded: bool  # carries its own words around what it is passed
    signature: Optional[Signature] = None  # where ``__init__`` takes the message, when not first
    prints_itself: bool = False  # defines ``show()``, the printer click calls, so it prints what it likes
    internal: bool = False  # its docstring calls it internal: a signal its own code catches, no reader's error
    initializer: bool = True  # defines ``__init__``; one that does not takes its message where its base does


@dataclass(frozen=True)
class ModuleFacts:
    """The exception classes and text constants of one module."""

    classes: Dict[str, ClassFacts] = field(default_factory=dict)
    constants: Dict[str, str] = field(default_factory=dict)  # NAME -> its text, for plain literals


def module_facts(
    body: Sequence[ast.stmt], known: Iterable[str] = (), signatures: Optional[Mapping[str, Signature]] = None
) -> ModuleFacts:
    """The facts of a module's top level; ``known`` are exception classes defined elsewhere,
    ``signatures`` where those take their message when not first."""
    classes = [stmt for stmt in body if isinstance(stmt, ast.ClassDef)]
    exceptions = exception_classes(classes, set(known))
    facts = {}
    for cls in classes:
        if cls.name in exceptions:
            worded = carries_words(cls)
            facts[cls.name] = ClassFacts(
                tuple(dotted_name(b).rsplit(".", 1)[-1] for b in cls.bases), worded, class_signature(cls, worded),
                _defines(cls, "show"), documented_internal(cls), _defines(cls, "__init__"),
            )
    facts = {  # a class without ``__init__`` takes its message where its base does
        name: cls if cls.initializer else replace(cls, signature=_inherited_signature(name, facts, signatures or {}))
        for name, cls in facts.items()
    }
    constants = {}
    for stmt in body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = stmt.value.value
    return ModuleFacts(facts, constants)


def _inherited_signature(name: str, classes: Mapping[str, ClassFacts], imported: Mapping[str, Signature]) -> Optional[Signature]:
    """Where the class takes its message: its own ``__init__``'s place, else its first base's,
    a class of the module or one imported (``class ClientError(RESTError)`` with no
    ``__init__`` takes RESTError's ``(code, message)``)."""
    seen: Set[str] = set()
    while name in classes and name not in seen:
        seen.add(name)
        cls = classes[name]
        if cls.initializer or not cls.bases:
            return cls.signature
        name = cls.bases[0]
    return imported.get(name) if name not in seen else None


def exception_classes(classes: Sequence[ast.ClassDef], known: Set[str]) -> Set[str]:
    """The classes that are exceptions by name or through a base, local hierarchies included."""
    found = set(known)
    for _ in range(3):  # local hierarchies: class B(A), class A(ValueError)
        for cls in classes:
            if cls.name not in found and any(sinks.looks_like_exception(dotted_name(b), found) for b in cls.bases):
                found.add(cls.name)
    return {cls.name for cls in classes if cls.name in found}


def through_bases(classes: Dict[str, ClassFacts], start: Set[str]) -> Set[str]:
    """``start`` and every class of ``classes`` that derives from one of them, at any depth."""
    result = set(start)
    grown = True
    while grown:
        grown = False
        for name, facts in classes.items():
            if name not in result and any(base in result for base in facts.bases):
                result.add(name)
                grown = True
    return result


def worded_through_bases(classes: Dict[str, ClassFacts], worded: Set[str]) -> Set[str]:
    """Classes that have words of their own or inherit them from a class in ``worded``."""
    return through_bases(classes, set(worded) | {name for name, facts in classes.items() if facts.worded})


def raw_through_bases(classes: Dict[str, ClassFacts], raw: Set[str]) -> Set[str]:
    """Classes whose text is printed as it is: ``SystemExit``'s, a printer of their own, or
    one inherited from a class in ``raw``."""
    return through_bases(classes, set(raw) | RAW_BASES | {name for name, facts in classes.items() if facts.prints_itself})


def internal_through_bases(classes: Dict[str, ClassFacts], internal: Set[str]) -> Set[str]:
    """Classes internal to the code: documented so, derived from ``AssertionError`` (a broken
    invariant, as ``AssertionError`` itself is), or from a class in ``internal``."""
    documented = {name for name, facts in classes.items() if facts.internal}
    return through_bases(classes, set(internal) | documented | {"AssertionError"}) - {"AssertionError"}


# The first paragraph of a docstring that declares the class internal: "Internal error raised
# by ...", "An internal exception to break out of ...", "Raised internally when ...", "...
# Internal use only." Not "raised when the database reports an internal error".
_INTERNAL_DOC = re.compile(r"^(an? )?internal\b(?! server)|^(raised|used) internally\b|\binternal use\b", re.IGNORECASE)


def documented_internal(cls: ast.ClassDef) -> bool:
    """The class's docstring says it is internal to its package."""
    doc = ast.get_docstring(cls, clean=True) or ""
    return bool(_INTERNAL_DOC.search(doc.split("\n\n", 1)[0].strip()))


def _defines(cls: ast.ClassDef, method: str) -> bool:
    return any(isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == method for stmt in cls.body)


def carries_words(cls: ast.ClassDef) -> bool:
    """A template attribute with text, a formatting ``__init__`` or a ``__str__`` that returns text."""
    for stmt in cls.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id in DEFAULT_MESSAGE_ATTRIBUTES for t in targets) and _has_words(stmt.value):
                return True
        elif isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__" and any(_formats_into_super(n) for n in ast.walk(stmt)):
            return True
        elif isinstance(stmt, ast.FunctionDef) and stmt.name == "__str__":
            if any(isinstance(n, ast.Return) and n.value is not None and _has_words(n.value) for n in ast.walk(stmt)):
                return True
    return False


def _has_words(node: ast.AST) -> bool:
    """Text with at least one letter of its own (not ``"{}"``, ``"{error_msg}"`` or ``"%s"`` alone):
    a class whose template is only a placeholder shows what its caller passes, nothing more."""
    return any(isinstance(sub, ast.Constant) and isinstance(sub.value, str) and has_own_words(sub.value) for sub in ast.walk(node))


def _formats_into_super(node: ast.AST) -> bool:
    """``super().__init__(f"Cannot read {path}")`` or ``Base.__init__(self, "..." % x)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"):
        return False
    args = list(node.args)
    if not (isinstance(node.func.value, ast.Call) and dotted_name(node.func.value.func) == "super"):
        args = args[1:]  # Base.__init__(self, ...)
    return bool(args) and syntax.is_text(args[0], lambda name: False) and _has_words(args[0])


# Parts of a parameter's name that say it takes text to show ("errmsg", "error_text").
_TEXT_PARAMETER = re.compile(r"(msg|message|text|detail|description|reason|error|err|info|summary|explanation)", re.IGNORECASE)


def _trailing_parameter(cls: ast.ClassDef, names: Sequence[str]) -> Optional[int]:
    """The index of the parameter a text of the class ends with (``"ExceptionFSM: " +
    str(self.value)``, ``"%s: %s" % (fault, extra)``, ``f"{kind}: {detail}"``): the class
    puts a label and a colon before what it is given there, which is then the message
    itself. A text that also holds another parameter frames data instead ("invalid
    {header} header: {value}"), and so does one without the colon ("Unknown {kind}")."""

    def referred(node: ast.AST) -> Optional[str]:
        while isinstance(node, ast.Call) and node.args:  # str(x), repr(x)
            node = node.args[0]
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
            return node.attr
        return None

    def labels(text: object) -> bool:
        return isinstance(text, str) and text.rstrip().endswith(":")

    for node in ast.walk(cls):
        last: Optional[ast.AST] = None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = node.left.right if isinstance(node.left, ast.BinOp) else node.left
            if isinstance(left, ast.Constant) and labels(left.value):
                last = node.right
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.right, ast.Tuple) and node.right.elts:
            form = node.left.value if isinstance(node.left, ast.Constant) else None
            if isinstance(form, str) and form.endswith(("%s", "%r")) and labels(form[:-2]):  # "%s: %s"
                last = node.right.elts[-1]
        elif isinstance(node, ast.JoinedStr) and len(node.values) >= 2 and isinstance(node.values[-1], ast.FormattedValue):
            before = node.values[-2]
            if isinstance(before, ast.Constant) and labels(before.value):
                last = node.values[-1].value
        name = referred(last) if last is not None else None
        if name in names and not ({referred(sub) for sub in ast.walk(node)} & set(names)) - {name}:
            return list(names).index(name)  # not "invalid {header} header: {value}", which frames data
    return None


def class_signature(cls: ast.ClassDef, worded: bool) -> Optional[Signature]:
    """``def __init__(self, code, message)``: this class's message is its second argument.

    A class that writes its own words around what it is given (``worded``, as
    ``carries_words`` found) takes its message where a text of it ends (``"%s: %s" %
    (fault, extra)``: ``extra``). With no such parameter and none whose name says it takes
    text (``__init__(self, header)`` with ``__str__`` returning ``f"invalid {self.header}
    header"``) it takes data, not a message: ``(None, ())``, no argument of a call is its
    text, and the class's own template is judged where it is written."""
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            positional = [a.arg for a in (*stmt.args.posonlyargs, *stmt.args.args)][1:]
            named = sinks.signature_of(positional)
            if named is not None or not positional or positional[0] in sinks.MESSAGE_KEYWORDS or not worded:
                return named
            trailing = _trailing_parameter(cls, positional)
            if trailing is not None:
                return None if trailing == 0 else (trailing, (positional[trailing],))
            if any(_TEXT_PARAMETER.search(name) for name in positional + [a.arg for a in stmt.args.kwonlyargs]):
                return None
            return (None, ())
    return None


def data_records(tree: ast.Module, classes: Sequence[ast.ClassDef], exceptions: Set[str]) -> Set[str]:
    """The module's classes named like exceptions that are not ones: no base makes them an
    exception, and the module neither raises nor catches them (``failures.append(
    ProviderFailure("MISSING", name))`` builds a record of data, which nobody reads as a
    message). A class the module raises keeps its name's reading: one of its bases may be
    an exception this module cannot see."""
    named = {cls.name for cls in classes if cls.name not in exceptions and sinks.looks_like_exception(cls.name)}
    if not named:
        return set()
    bound: Dict[str, str] = {}  # variable -> the record class it holds, for ``raise variable``
    used_as_exception: Set[str] = set()  # names raised or caught, variables not yet resolved
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and dotted_name(node.value.func) in named:
            bound.update((target.id, dotted_name(node.value.func)) for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            used_as_exception.add(dotted_name(node.exc.func if isinstance(node.exc, ast.Call) else node.exc))
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            used_as_exception.update(dotted_name(c) for c in caught)
    used_as_exception.update(bound[name] for name in used_as_exception & bound.keys())
    return named - used_as_exception
