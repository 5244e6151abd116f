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
from dataclasses import dataclass, field
from typing import Dict, Iterable, Optional, Sequence, Set, Tuple

from . import sinks, syntax
from .formats import has_own_words
from .templates import dotted_name

# Class attributes that hold the class's own message (or its template).
DEFAULT_MESSAGE_ATTRIBUTES = frozenset(
    {
        "message", "msg", "default_message", "default_msg", "default_detail", "detail", "description",
        "default_error_message", "fmt", "msg_fmt", "msg_template", "message_template", "title",
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


@dataclass(frozen=True)
class ModuleFacts:
    """The exception classes and text constants of one module."""

    classes: Dict[str, ClassFacts] = field(default_factory=dict)
    constants: Dict[str, str] = field(default_factory=dict)  # NAME -> its text, for plain literals


def module_facts(body: Sequence[ast.stmt], known: Iterable[str] = ()) -> ModuleFacts:
    """The facts of a module's top level; ``known`` are exception classes defined elsewhere."""
    classes = [stmt for stmt in body if isinstance(stmt, ast.ClassDef)]
    exceptions = exception_classes(classes, set(known))
    facts = {
        cls.name: ClassFacts(
            tuple(dotted_name(b).rsplit(".", 1)[-1] for b in cls.bases), carries_words(cls), class_signature(cls), _defines(cls, "show"),
            documented_internal(cls),
        )
        for cls in classes
        if cls.name in exceptions
    }
    constants = {}
    for stmt in body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = stmt.value.value
    return ModuleFacts(facts, constants)


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


def class_signature(cls: ast.ClassDef) -> Optional[Signature]:
    """``def __init__(self, code, message)``: this class's message is its second argument."""
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            positional = [a.arg for a in (*stmt.args.posonlyargs, *stmt.args.args)][1:]
            return sinks.signature_of(positional)
    return None
