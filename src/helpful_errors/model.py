"""The values passed between the extractor, the rules and the reporters.

Everything here is a frozen dataclass so that results can be cached, pickled across worker
processes and compared in tests without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple, Union


@dataclass(frozen=True)
class Slot:
    """A placeholder in a message template: a value inserted at run time.

    ``expr`` is the source of the inserted expression (``port``, ``type(x).__name__``) or,
    for printf-style and positional ``.format`` fields, the matching argument's source when
    it is known and ``""`` otherwise. ``spec`` keeps the conversion and format spec as
    written (``!r``, ``:>3``, ``%s``). ``known`` is False when the inserted part is text
    that could not be resolved statically (a parameter, a call result), as opposed to a
    value that is merely unknown until run time.
    """

    expr: str
    spec: str = ""
    known: bool = True

    def render(self) -> str:
        """Show the slot the way the corpus and the reports write templates."""
        if self.spec.startswith("%"):
            return self.spec
        if not self.known:
            return "{" + (self.expr or "...") + "}"
        return "{" + self.expr + "}"


Part = Union[str, Slot]


@dataclass(frozen=True)
class Template:
    """A message as text with placeholders kept: ``Port {port} is invalid``."""

    parts: Tuple[Part, ...]

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.render() for p in self.parts)

    @property
    def slots(self) -> Tuple[Slot, ...]:
        return tuple(p for p in self.parts if isinstance(p, Slot))

    @property
    def complete(self) -> bool:
        """True when every inserted piece is a value, not text that is built elsewhere."""
        return all(p.known for p in self.slots)


# The code of a file that could not be analysed, and the start of its finding's text.
UNANALYZABLE = "HEM000"
UNANALYZABLE_PREFIX = "File could not be analyzed: "

# How the text of a site is known.
TEXT_LITERAL = "literal"  # fully known template (slots are run-time values)
TEXT_PARTIAL = "partial"  # some pieces are text built elsewhere
TEXT_UNKNOWN = "unknown"  # the whole text comes from somewhere the extractor cannot see
TEXT_EMPTY = "empty"  # a message argument that is the empty string
TEXT_NONE = "none"  # no message argument at all (``raise ValueError()``)


@dataclass(frozen=True)
class Span:
    """Where something is in a file: 1-based lines, 0-based columns (flake8's convention)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class MessageSite:
    """One place where the code shows a message to a person.

    Rules are pure functions of a site, so everything a rule may want to know about the
    code around the message is collected here by the extractor in its single walk.
    """

    path: str
    span: Span  # of the message text when there is one, else of the call
    kind: str  # raise, log, warn, exit, cli, http, validation, default
    callee: str  # exception class or call as written: "ValueError", "logger.error"
    template: Optional[Template]
    text_status: str  # one of the TEXT_* constants
    unknown_reason: str = ""  # why the text cannot be known, for TEXT_UNKNOWN/TEXT_PARTIAL
    level: str = ""  # logging level name for log sites: warning, error, critical
    chained: bool = False  # raise ... from ..., or raised inside an except handler
    caught_name: str = ""  # the name bound by the enclosing ``except ... as name``
    notes: Tuple[Template, ...] = ()  # add_note(...) texts attached in the same handler
    function: str = ""  # enclosing function name, "" at module level
    in_test_function: bool = False  # inside a test function, however deeply nested (``testcode.is_test_function``)
    class_name: str = ""  # enclosing class name
    abstract: bool = False  # enclosing function is declared ``@abstractmethod``
    stub: bool = False  # enclosing function's whole body raises ``NotImplementedError``
    gettext: bool = False  # text wrapped in _() / gettext() and friends
    names_in_scope: Tuple[str, ...] = ()  # parameters and locals of the enclosing function
    statement_line: int = 0  # first line of the statement, for matching and noqa
    statement_end_line: int = 0
    unformatted_fields: Tuple[str, ...] = ()  # ``{field}`` names of plain literals left unformatted
    bytes_text: bool = False  # the message is a bytes literal, which neither an f prefix nor .format can fill
    caught_locally: bool = False  # raised inside a try of the same function that catches it
    caught_by_caller: bool = False  # its function is called, in the same module, inside a try that catches it
    swallowed: bool = False  # no reader sees the text: the handler that catches it drops it (``callers.swallowed``)
    pinned: Tuple[str, ...] = ()  # names an enclosing ``if`` fixes on this path (``x == "a"``, ``x is None``, ``not x``)
    project_class: bool = False  # the class is defined in the project (this file or one it imports), not a builtin
    other_args: Tuple[str, ...] = ()  # source of the call's other arguments (values shown by the class)
    keyword_args: Tuple[str, ...] = ()  # names of the call's keyword arguments (``help_text=``)
    value_shown: bool = False  # the framework that reports it shows the rejected value (a pydantic validator)
    caught_project_class: bool = False  # in an ``except`` of a class the project defines, whose texts it writes
    test_file: bool = False  # the file is a test of the project (``testcode.is_test_path`` of its path under the root)
    sink: str = ""  # the catalogue entry beyond the kind: stderr, flash, json-error, class-template, ...
    audience: str = ""  # the reader the sink implies (end-user for flash); "" lets the kind decide
    fixable: bool = True  # False when the template is not the literal as written (markup taken out, args joined)
    class_words: bool = False  # the raised class formats its own words around what it is passed
    internal_class: bool = False  # the raised class is internal to the project: documented so, or derived from AssertionError
    printed_raw: bool = False  # the class's text is printed as it is, no class name before it (a SystemExit)

    @property
    def text(self) -> str:
        return self.template.text if self.template is not None else ""


# How far a fix may be trusted, as in ruff: safe fixes keep the meaning and are applied by
# ``--fix``; unsafe ones change what the reader sees and need ``--unsafe-fixes`` and a review.
FIX_SAFE = "safe"
FIX_UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, column) to (end_line, end_column) with ``content``.

    Lines are 1-based and columns 0-based code points, as in ``Span``.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    content: str


@dataclass(frozen=True)
class Fix:
    """The edits that repair one finding, and whether ``--fix`` may apply them unasked."""

    applicability: str  # FIX_SAFE or FIX_UNSAFE
    edits: Tuple[Edit, ...]
    title: str = ""  # what the fix does, in a few words


@dataclass(frozen=True)
class Finding:
    """A judgment on one site (or one file, for HEM000) in reportable form."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    message: str
    help: str
    text: str = ""  # the analysed template, "" for file-level findings
    name: str = ""  # kebab-case rule name
    fix: Optional[Fix] = None  # the repair, when it is mechanical
    # The site this finding judges (None for a file-level finding), so that a report groups
    # findings by message without matching positions back. Not part of a finding's identity.
    site: Optional[MessageSite] = field(default=None, compare=False, repr=False)

    @property
    def message_with_help(self) -> str:
        """The finding and its remedy as one text, for formats with a single message field."""
        return f"{self.message}\nhelp: {self.help}" if self.help else self.message

    def sort_key(self) -> Tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass(frozen=True)
class ModuleUse:
    """What one file took from another module of its project (the project index): the
    names, a digest of what they are there, and the module's modification time and size
    when it was read. A cached result holds only while these still hold."""

    module: str  # path of the defining file
    names: Tuple[str, ...]
    digest: str
    mtime_ns: int = 0
    size: int = 0


@dataclass(frozen=True)
class FileResult:
    """Everything one file produced; the unit that is cached and sent between processes."""

    path: str
    sites: Tuple[MessageSite, ...] = ()
    findings: Tuple[Finding, ...] = ()
    uses: Tuple[ModuleUse, ...] = ()  # what the file took from other modules of the project
