"""The types the catalogue of call sinks is made of: a call as the catalogue reads it, an
entry of the catalogue, and what an entry finds.

They live apart from the catalogue (``sinks``) so that the groups of entries in their own
modules (``stderr_sinks``, ``web_sinks``, ``configured``) can build on them without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import AbstractSet, Callable, Dict, FrozenSet, Optional, Tuple

import libcst as cst


@dataclass(frozen=True)
class CallSink:
    """What the walker needs to know about a call that shows a message.

    ``audience`` is the reader the sink implies ("" lets the kind decide); ``sink`` names
    the catalogue entry (``stderr``, ``flash``, ...) for the inventory; ``markup`` asks for
    rich's ``[red]...[/red]`` tags to be taken out of the template; ``joined`` are further
    arguments that ``print`` writes after the message, separated by spaces; ``prose_only``
    keeps the site only when its literal text has words separated by spaces (standard error
    also carries prompts, separators, relayed output and machine-read lines).
    """

    kind: str
    callee: str
    message: Optional[cst.BaseExpression]  # None: the call has no message argument
    level: str = ""
    audience: str = ""
    sink: str = ""
    markup: bool = False
    joined: Tuple[cst.BaseExpression, ...] = ()
    prose_only: bool = False  # a site only when the text has words of its own (not a pass-through)


@dataclass(frozen=True)
class CallView:
    """One call as the catalogue's rules read it: the callee's names and the arguments."""

    call: cst.Call
    name: str  # dotted callee as written: "self.log.error"
    full: str  # the same through the file's imports: "logging.error" for a local "error"
    last: str
    receiver: str
    first: Optional[cst.BaseExpression]  # the first positional argument
    positional: Tuple[cst.Arg, ...]
    imported: Dict[str, str]
    consoles: AbstractSet[str] = frozenset()  # names bound to a rich ``Console(stderr=True)``


@dataclass(frozen=True)
class CallShape:
    """What Python's ``ast`` tells of a call before LibCST reads it: its keywords, its
    receiver and the file's stderr consoles, enough to skip most ``print`` and ``write`` calls."""

    receiver: str = ""
    keywords: FrozenSet[str] = frozenset()
    consoles: AbstractSet[str] = frozenset()


@dataclass(frozen=True)
class CallRule:
    """One entry of the catalogue: calls whose last name is in ``names`` and that ``read`` accepts.

    With ``through_imports``, the name the callee was imported as counts too (``from sys
    import exit as leave``). ``shape``, when given, must accept what ``ast`` shows of the
    call for LibCST to read it at all.
    """

    names: FrozenSet[str]
    read: Callable[[CallView], Optional[CallSink]]
    through_imports: bool = False
    shape: Optional[Callable[[CallShape], bool]] = None

    def may_match(self, last: str, full: str, shape: Optional[CallShape] = None) -> bool:
        named = last in self.names or (self.through_imports and bool(full) and full.rsplit(".", 1)[-1] in self.names)
        return named and (shape is None or self.shape is None or self.shape(shape))


def keyword_value(call: cst.Call, keyword: str) -> Optional[cst.BaseExpression]:
    """The value passed as ``keyword=``, None when the call does not pass it."""
    for a in call.args:
        if a.keyword is not None and a.keyword.value == keyword:
            return a.value
    return None


def is_true(node: Optional[cst.BaseExpression]) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"


def imported_from(view: CallView, *modules: str) -> bool:
    """The callee is a module's attribute (``click.echo``) or a name imported from it."""
    root = view.name.split(".", 1)[0]
    origin = view.imported.get(root, "")
    if "." in view.name:
        return view.receiver in modules or any(origin == m or origin.startswith(m + ".") for m in modules)
    return any(origin.startswith(m + ".") for m in modules)
