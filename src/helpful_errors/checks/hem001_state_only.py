"""HEM001 state-only-message: the text reports the state and gives the reader no way forward.

How it decides: the message is judged only when its whole text is visible (or the unseen
parts are values, not prose such as ``{msg}`` or ``{hint}``; a ``{msg}`` closing the text
after a colon is the failure's detail, a value). A linear model fitted to the
labeled corpora (``judgment``) weighs general features of the text: its words and word
pairs, detectors of guidance (an instruction verb opening a clause, modals, expectations,
alternatives, likely causes, conditions, pointers, questions), guidance-named placeholders
(``{choices}``), ``add_note`` texts, and the kind of sink and class. It fires when the
model finds the message more likely state only than guiding; a cue that guides in nearly
every labeled message where it occurs (an action, an alternative, a condition, an
expectation, a likely cause, an example, a pointer, a suggestion) clears the message
whatever the word weights add up to. Messages that are only
placeholders or empty are left to the rules about empty and value-only messages,
deliberately generic authentication messages are allowed, a lone word naming a
parameter (``MissingParameter("name")``) is data for the class, not text, and neither a
heading that ends with a colon (its details follow) nor a status line written to standard
error that reports no problem ("History on") is an error message.

The help line is fitted to the message (``advice.fitted_help``): the kind of problem it
reports, its subject and value, the exception class and the sink.

Known limits: the model knows the wording of its corpora; an instruction phrased in words
it never met ("the cache at {path} can be deleted safely") may be missed. Figures and the
way to refit it: ``tools/fit_judgment.py``.
"""

from __future__ import annotations

from typing import Optional

from ..judgment import linear
from ..judgment.features import features
from ..text import PUNCT, VALUE, WORD, lexicon
from .advice import Site, fitted_help
from ..text.identifiers import identifier_parts
from .context import holds_prose
from .message import Message
from ..testcode import in_test_code, is_fixture
from .rule import Hit, Options

CODE = "HEM001"
MODEL = "state_only"


def _prefix_and_value(message: Message) -> bool:
    """``"prog: {exc}"``: a label and a value, no prose of its own to judge."""
    tokens = message.tokens
    colon = next((i for i, t in enumerate(tokens) if t.kind == PUNCT and t.text == ":"), -1)
    if colon < 0 or not message.values:
        return False
    return all(t.kind != WORD for t in tokens[colon + 1 :]) and len(message.words) <= 1


def _detail_after_colon(message: Message) -> bool:
    """``"unknown option: {msg}"``: the unseen text closes a report after its colon, where it
    carries the failure's detail (an exception's text is a value, says the labeling guide),
    unless its name says it is advice (``{hint}``, ``{suggestion}``)."""
    tokens = message.tokens
    if len(tokens) < 3 or tokens[-1].kind != VALUE or not (tokens[-2].kind == PUNCT and tokens[-2].text == ":"):
        return False
    hiding = [slot for slot in message.slots if holds_prose(slot, message.site)]
    advice = lexicon("guidance_names")
    return bool(hiding) and all(slot in tokens[-1].slots for slot in hiding) and not any(
        part in advice for slot in hiding for part in identifier_parts(slot.expr)
    )


def judged(message: Message) -> bool:
    """The message has prose of its own to judge, and someone reads it."""
    hidden = message.hidden and not _detail_after_colon(message)
    return not (
        hidden or message.credential_failure or not message.words or _prefix_and_value(message) or message.names_a_binding
        or message.heading or message.status_output or message.site.swallowed
    )


def state_only(message: Message, model: Optional[linear.LinearModel] = None) -> bool:
    """The fitted model reads the text as reporting the state only."""
    return (model or linear.load(MODEL)).holds(features(message))


def check(message: Message, options: Options) -> Optional[Hit]:
    if is_fixture(message.site) or not judged(message) or not state_only(message):
        return None  # a test's own raise or fail, or a test double's, is made for the code under test
    site = message.site
    sink = "raise" if in_test_code(site) else site.kind  # a test helper's self.fail(...) is read by its developer
    fit, fields = fitted_help(message.tokens, message.topic, Site(sink, site.callee, site.caught_name, message.showable_names))
    return Hit.of(fit=fit, **fields)
