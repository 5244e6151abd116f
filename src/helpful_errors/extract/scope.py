"""What the code around a message has bound: the scope of a function and the context of a statement.

The traversal keeps one ``Scope`` per function (or class body, or the module) and hands
every statement a ``Context``: the scope, the enclosing class, the ``except ... as name``
it is in, the exception classes an enclosing ``try`` of the same function catches and
whether an enclosing ``if`` runs only in debug mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Set, Tuple, Union

import libcst as cst

from ..model import Template
from .callers import Catch
from .calls import CallRule
from .templates import Built

# A site keeps the names bound closest before it, not every name of a long module: with
# every name, a module of N names and M messages cost N x M in memory and in the rules.
MAX_NAMES_IN_SCOPE = 256


class PendingText:
    """Text bound by ``msg = ...``, read with LibCST only when a message uses it.

    Most such assignments feed no message (``path = "%s/%s" % (a, b)``); reading each one
    as it was met was a sixth of the statements LibCST parsed on Django (524 of 3,221, and
    none of those 524 fed a message). ``read`` builds the text with
    the names it uses as they were bound at the assignment; it runs once, on first use.
    ``depth`` counts the pending texts it waits on, one behind the other, so that a chain
    (``msg = msg + "..."`` a thousand times) is read before it outgrows the stack.
    """

    __slots__ = ("_read", "_built", "depth")

    def __init__(self, read: Callable[[], Optional[Built]], depth: int = 1):
        self._read: Optional[Callable[[], Optional[Built]]] = read
        self._built: Optional[Built] = None
        self.depth = depth

    @property
    def pending(self) -> bool:
        return self._read is not None

    def get(self) -> Optional[Built]:
        """The text, or None when LibCST finds no text in the value."""
        if self._read is not None:
            read, self._read = self._read, None
            self._built = read()
        return self._built


BoundText = Union[Built, PendingText]


def settled(bound: Optional[BoundText]) -> Optional[Built]:
    """The text a name holds, reading it now if it was left pending."""
    return bound.get() if isinstance(bound, PendingText) else bound


@dataclass
class Scope:
    """What a function (or the module) has bound so far, in source order."""

    name: str = ""
    parameters: Tuple[str, ...] = ()
    abstract: bool = False  # declared ``@abstractmethod``
    stub: bool = False  # the whole body raises ``NotImplementedError``
    shows_input: bool = False  # a validator whose framework prints the input it rejects (pydantic's)
    in_test: bool = False  # in a test function (``test_*``), however deeply nested: what it raises is a fixture
    texts: Dict[str, BoundText] = field(default_factory=dict)  # msg = "..."
    exceptions: Dict[str, Tuple[cst.Call, str]] = field(default_factory=dict)  # err = ValueError("...")
    notes: Dict[str, List[Template]] = field(default_factory=dict)  # err.add_note("...")
    assigned: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """Where one statement is: its scope and what encloses it."""

    scope: Scope
    class_name: str = ""
    exception_class: bool = False
    caught: str = ""
    caught_classes: Tuple[str, ...] = ()  # short names of the classes the enclosing ``except`` catches
    in_handler: bool = False
    class_body: bool = False  # directly in a class body, where default messages live
    catches: Tuple[Catch, ...] = ()  # the handlers of the enclosing tries of this function, innermost first
    debug_branch: bool = False  # in the body of ``if DEBUG:`` or the like (``conditions.debug_only``)
    pinned: Tuple[str, ...] = ()  # names an enclosing ``if`` fixes on this path (``x == "a"``, ``not x``)


@dataclass
class FileState:
    """What the whole file has taught the traversal so far: imports, exception classes, constants."""

    path: str
    test_file: bool = False  # a test file of the project: what it writes to standard error is no site
    module_scope: Scope = field(default_factory=Scope)
    imported: Dict[str, str] = field(default_factory=dict)  # local name -> dotted origin
    exception_classes: Set[str] = field(default_factory=set)
    # Exception classes of the file whose ``__init__`` takes the message later than first.
    signatures: Dict[str, Tuple[Optional[int], Tuple[str, ...]]] = field(default_factory=dict)
    # The bases of the file's exception classes: ``super().__init__(...)`` of a class takes
    # its base's signature.
    class_bases: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    # Exception classes known to carry their own words (a template attribute, a formatting
    # ``__init__``), from this file or the project's index: ``raise Known(value)`` has words.
    worded_classes: Set[str] = field(default_factory=set)
    # Exception classes whose text is printed as it is, with no class name before it: those
    # derived from ``SystemExit`` and those with a printer of their own (``classes``).
    raw_classes: Set[str] = field(default_factory=set)
    internal_classes: Set[str] = field(default_factory=set)  # internal to the code (``classes.internal_through_bases``)
    data_records: Set[str] = field(default_factory=set)  # named like exceptions, built as data (``classes.data_records``)
    stderr_consoles: Set[str] = field(default_factory=set)  # names bound to rich ``Console(stderr=True)``
    extra_sinks: Tuple[CallRule, ...] = ()  # the project's own sinks (``extend-sinks``)


def names_in_scope(scope: Scope) -> Tuple[str, ...]:
    """The parameters, then the latest bindings of ``scope``, each name once."""
    return tuple(dict.fromkeys((*scope.parameters[:MAX_NAMES_IN_SCOPE], *scope.assigned[-MAX_NAMES_IN_SCOPE:])))

