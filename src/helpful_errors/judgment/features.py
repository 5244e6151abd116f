"""Features of one analysed message, for the fitted judgment of guidance.

Computed from exactly what the rules see (a ``Message``), so that the fitting script and
the linter read the same thing. Three families, all binary:

- words and word pairs, as lemmas (``expected`` and ``expects`` are one feature), with
  placeholders, code, numbers and URLs as markers;
- detectors of guidance: an instruction verb opening a clause (a base-form verb in the
  English lexicon), a modal, a question, the hand grammar's cues by kind (``cues``);
- structure: the kind of sink, the words of the exception class, the names of the
  placeholders, notes, a framework's own usage hint, the length.
"""

from __future__ import annotations

from typing import FrozenSet, List, Sequence

from ..text.identifiers import identifier_parts
from ..checks.message import Message
from ..text import CODE, CODE_ID, NUMBER, PUNCT, URL, VALUE, WORD, Token, clause_starts
from ..text import english

_MARK = {VALUE: "<v>", CODE: "<c>", NUMBER: "<n>", URL: "<u>", CODE_ID: "<id>"}
_KEPT_PUNCT = frozenset({"?", ":", ";", "(", "!", "=", "<", ">", "<=", ">=", "!=", "->", ","})
# Closed-class words (modals and negation): grammar, which a lexicon of content words does
# not mark as such.
_MODALS = frozenset({"must", "should", "shall", "ought", "need", "needs", "may", "might", "can", "could", "cannot", "can't", "mustn't", "shouldn't"})
_NEGATIONS = frozenset({"not", "no", "never", "cannot", "can't", "don't", "doesn't", "isn't", "aren't", "won't"})


def _units(tokens: Sequence[Token]) -> List[str]:
    """Each token as a comparable unit: a word's lemma, a marker, or kept punctuation."""
    out = []
    for token in tokens:
        if token.kind == WORD:
            out.append(english.lemma(token.lower))
        elif token.kind == PUNCT:
            out.append(token.text if token.text in _KEPT_PUNCT else ".")
        else:
            out.append(_MARK.get(token.kind, token.kind))
    return out


def _text_features(tokens: Sequence[Token], prefix: str) -> List[str]:
    units = _units(tokens)
    found = [f"{prefix}w:{u}" for u in units if u != "."]
    padded = ["^"] + units + ["$"]
    found += [f"{prefix}b:{a}_{b}" for a, b in zip(padded, padded[1:])]
    starts = clause_starts(tokens, commas=True)
    for i in sorted(starts):
        token = tokens[i]
        if token.kind != WORD:
            continue
        word = token.lower
        found.append(f"{prefix}start:{units[i]}")
        if english.is_base_verb(word):
            pos = english.parts_of_speech(word)
            found.append(f"{prefix}imp:verb" if pos <= {english.VERB} else f"{prefix}imp:verb_or_other")
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and nxt.kind in (VALUE, CODE, URL):
                found.append(f"{prefix}imp:verb_value")
    words = [t.lower for t in tokens if t.kind == WORD]
    if any(w in _MODALS for w in words):
        found.append(f"{prefix}modal")
    if any(w in _NEGATIONS for w in words):
        found.append(f"{prefix}negation")
    return found


def _length_bucket(count: int) -> str:
    for limit in (1, 2, 4, 7, 12, 20):
        if count <= limit:
            return f"len:<={limit}"
    return "len:>20"


def features(message: Message) -> FrozenSet[str]:
    """The names of the features present in the message."""
    found = _text_features(message.tokens, "")
    for note in message.notes:
        found += _text_features(note, "note:")
    found += [f"cue:{cue.kind}" for cue in message.guidance.cues]
    found.append(f"kind:{message.kind}")
    found.append(_length_bucket(len(message.words)))
    found += [f"cls:{part}" for part in identifier_parts(message.callee)]
    for slot in message.slots:
        parts = identifier_parts(slot.expr)
        found += [f"ph:{english.lemma(part)}" for part in parts[-2:]]
        if slot.expr == message.site.caught_name:
            found.append("ph:<caught>")
    if message.notes:
        found.append("has_note")
    if message.framework_hint:
        found.append("framework_hint")
    if message.site.chained:
        found.append("chained")
    return frozenset(found)


__all__ = ["features"]
