"""Find the guidance in a message, one module per kind: actions (and alternatives),
expectations, constraints (rules and conditions), likely causes, pointers (and
suggestions), placeholders.

The message is read as a sequence of normalized tokens (words lower-cased, placeholders as
``<v>``, code as ``<c>``, numbers as ``<n>``, URLs as ``<u>``) so that grammar cues can look
at neighbours: an imperative counts only at the start of a clause and with an object ("use
--force", not "in use" or "use of"); an ambiguous verb is read as a noun when a finite verb
or a compound noun follows ("check failed", "import error"); a verb that is first of all a
noun ("list", "print", "show") counts only with a clear object ("list the notes", not "list
index out of range"); a verb with its particle ("log in", "wait for") counts at a clause
start unless a finite verb follows ("sign in failed"); "expected" counts but not "as
expected"; "must" counts unless it speaks of something that should never happen.

Known limits: English only; a narrative sentence that happens to open with an instruction
verb and an object ("Run {id} was cancelled" is caught, "Open file {f}: denied" is not) reads
as an instruction; negative constraints such as "not supported" are not credited, following
the labeling guide.
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import Token
from .actions import actions
from .base import (
    ACTION, ALTERNATIVE, CAUSE, CONDITION, CONSTRAINT, EXAMPLE, EXPECTATION, FRAMEWORK, PLACEHOLDER, RECOVERY, REFERENCE, SUGGESTION,
    Cue, Guidance, find_phrases, normalize,
)
from .causes import causes
from .constraints import constraints
from .expectations import expectations
from .placeholders import placeholder_cues
from .pointers import pointers


def scan(tokens: Sequence[Token], source: str = "message") -> List[Cue]:
    """The cues in one text (the message or one of its notes)."""
    seq = normalize(tokens)
    found = pointers(tokens, seq) + actions(tokens, seq) + constraints(tokens, seq) + expectations(seq) + causes(seq)
    return [Cue(cue.kind, cue.text, source) for cue in found]


def find_guidance(tokens: Sequence[Token], notes: Sequence[Sequence[Token]], kind: str, framework: str = "") -> Guidance:
    """Every cue of a message's tokens, of its add_note texts and of its framework.

    ``framework`` names the call whose framework prints its own hint around the text
    (click usage errors, ``parser.error``), "" when there is none.
    """
    cues = scan(tokens)
    cues += placeholder_cues(tokens)
    for note in notes:
        cues += scan(note, "note")
        cues += placeholder_cues(note)
    if framework:
        cues.append(Cue(FRAMEWORK, framework, "framework"))
    if kind in ("log", "warn"):  # operators learn that the program recovers by itself
        cues += [Cue(RECOVERY, p) for p in find_phrases(normalize(tokens), "recovery_phrases")]
    return Guidance(tuple(cues))


__all__ = [
    "ACTION", "ALTERNATIVE", "CAUSE", "CONDITION", "CONSTRAINT", "EXAMPLE", "EXPECTATION", "FRAMEWORK", "PLACEHOLDER", "RECOVERY", "REFERENCE",
    "SUGGESTION", "Cue", "Guidance", "find_guidance", "normalize", "placeholder_cues", "scan",
]
