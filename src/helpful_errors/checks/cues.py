"""Find the guidance in a message: actions, expectations, suggestions, alternatives, pointers.

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

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Sequence, Tuple

from ..text import CODE, CODE_ID, NUMBER, PUNCT, URL, VALUE, WORD, Token, clause_starts, lexicon, phrase_at, phrases
from .context import identifier_parts

ACTION = "action"
EXPECTATION = "expectation"
CONSTRAINT = "constraint"
SUGGESTION = "suggestion"
ALTERNATIVE = "alternative"
REFERENCE = "reference"
EXAMPLE = "example"
PLACEHOLDER = "placeholder"
FRAMEWORK = "framework"
RECOVERY = "recovery"  # the system recovers by itself ("retrying in 5s"): nothing left to do

_MARK = {VALUE: "<v>", CODE: "<c>", NUMBER: "<n>", URL: "<u>", CODE_ID: "<id>"}
_SPECIFIC = frozenset({"<v>", "<c>", "<n>", "<u>"})
_MODALS = ("must", "should", "shall", "ought")
_NEED = ("need", "needs", "has", "have")
_INVARIANT_NEAR = frozenset({"happen", "happens", "occur", "occurs", "reached", "reach", "here"})
_QUESTION_OPENERS = frozenset({"did", "do", "does", "is", "are", "have", "has", "was", "were", "could", "can", "should", "would"})
_HINT_LABELS = frozenset({"hint", "tip", "help", "fix", "solution", "workaround", "suggestion", "try", "example", "usage"})
_COMPARISONS = frozenset({"<", ">", "<=", ">=", "!=", "=="})


@dataclass(frozen=True)
class Cue:
    """One piece of guidance: its kind and the words that carry it."""

    kind: str
    text: str
    source: str = "message"  # message, note, placeholder or framework


@dataclass(frozen=True)
class Guidance:
    """All cues of one message."""

    cues: Tuple[Cue, ...]

    @property
    def guides(self) -> bool:
        return bool(self.cues)


def normalize(tokens: Sequence[Token]) -> List[str]:
    """Tokens as comparable strings: words lower-cased, other kinds as markers."""
    return [t.lower if t.kind in (WORD, PUNCT) else _MARK.get(t.kind, t.kind) for t in tokens]


def _at(seq: Sequence[str], i: int) -> str:
    return seq[i] if 0 <= i < len(seq) else ""


def _phrase_at(seq: Sequence[str], i: int, phrase: Tuple[str, ...]) -> bool:
    return tuple(seq[i : i + len(phrase)]) == phrase


def _find_phrases(seq: Sequence[str], name: str) -> List[str]:
    """The phrases of a list that occur in ``seq``, in the list's order.

    One pass over the tokens, trying only the phrases that start with each token: trying
    every phrase at every position was the costliest step of a whole run.
    """
    ordered, by_first = _phrase_index(name)
    hits = {rank for rank, _phrase in by_first.get("", ())}  # an empty phrase occurs everywhere
    for i, word in enumerate(seq):
        for rank, phrase in by_first.get(word, ()):
            if rank not in hits and _phrase_at(seq, i, phrase):
                hits.add(rank)
    return [" ".join(ordered[rank]) for rank in sorted(hits)]


@lru_cache(maxsize=None)
def _phrase_index(name: str) -> Tuple[Tuple[Tuple[str, ...], ...], Dict[str, Tuple[Tuple[int, Tuple[str, ...]], ...]]]:
    """A phrase list, and its phrases (with their rank in it) grouped by first word."""
    ordered = phrases(name)
    groups: Dict[str, List[Tuple[int, Tuple[str, ...]]]] = {}
    for rank, phrase in enumerate(ordered):
        groups.setdefault(phrase[0] if phrase else "", []).append((rank, phrase))
    return ordered, {first: tuple(group) for first, group in groups.items()}


def _imperatives(tokens: Sequence[Token], seq: Sequence[str]) -> List[str]:
    """Instruction verbs that open a clause and take an object."""
    verbs, ambiguous = lexicon("imperative_verbs"), lexicon("ambiguous_verbs")
    openers = lexicon("clause_openers")
    strong_starts = clause_starts(tokens)
    comma_starts = clause_starts(tokens, commas=True) - strong_starts
    starts = set(strong_starts | comma_starts)
    # "please use", "then run", "or set": the verb follows an opener word at a clause start
    for i in sorted(starts):
        j = i
        while _at(seq, j) in openers:
            j += 1
            starts.add(j)
    found = []
    noun_first = lexicon("noun_first_verbs")
    for i in sorted(starts):
        verb = _at(seq, i)
        if i >= len(tokens) or tokens[i].kind != WORD:
            continue  # an opener word may end the text ("... or also")
        phrasal = _phrasal_at(seq, i)
        if phrasal:
            found.append(phrasal)
        elif verb not in verbs:
            continue
        elif verb in noun_first and not _clear_object(_at(seq, i + 1)):
            continue  # "list index out of range", "print queue full": a noun, not an order
        elif _takes_object(seq, i, verb in ambiguous, i in comma_starts and _at(seq, i - 1) not in openers):
            found.append(f"{verb} {_at(seq, i + 1)}".strip())
    return found


def _clear_object(word: str) -> bool:
    """A word that can only open an object: a determiner or pronoun, a value, code or a quote."""
    return word in lexicon("determiners") or word in _SPECIFIC or word.startswith(("'", '"'))


def _phrasal_at(seq: Sequence[str], i: int) -> str:
    """A verb + particle instruction at ``i`` ("log in again", "wait for {pid} to end"), or "".

    The phrase names a state instead when a finite or past form follows it closely ("sign in
    failed", "wait for lock timed out").
    """
    phrase = phrase_at(seq, i, phrases("phrasal_imperatives"))
    if phrase is None:
        return ""
    end = i + len(phrase)
    for word in seq[end : end + 3]:
        if word in lexicon("finite_words") or (word.endswith("ed") and word.isalpha() and len(word) > 3):
            return ""
    return " ".join(phrase)


def _takes_object(seq: Sequence[str], i: int, ambiguous: bool, after_comma: bool) -> bool:
    nxt, then = _at(seq, i + 1), _at(seq, i + 2)
    if seq[i] == "try" and (nxt in ("to", "again") or nxt.endswith("ing")):
        return True
    if seq[i] in ("choose", "select", "pick") and nxt in ("from", "between", "among"):
        return True
    if not nxt or nxt in lexicon("finite_words") or nxt in lexicon("prepositions"):
        return False
    if nxt in (":", "=", "(", ")", ".", ",", ";", "!", "?", "-", "/"):
        return False
    clear_object = _clear_object(nxt)
    if not ambiguous:
        return clear_object or _wordlike(nxt)
    if nxt in lexicon("verb_nouns") or nxt.endswith("ed") or nxt.endswith("ing"):
        return False
    if then in lexicon("finite_words") or (then.endswith("ed") and then.isalpha() and len(then) > 3):
        return False
    return True


def _wordlike(text: str) -> bool:
    return text.replace("-", "").replace("'", "").isalpha()


def _expectations(seq: Sequence[str]) -> List[Tuple[str, str]]:
    """Requirements, valid values, limits, examples and rules stated in the text."""
    found: List[Tuple[str, str]] = []
    adjectives, limits_by_first = lexicon("expectation_adjectives"), _phrase_index("limit_words")[1]
    for i, word in enumerate(seq):
        prev, nxt = _at(seq, i - 1), _at(seq, i + 1)
        window = seq[i + 1 : i + 5]
        if word in ("expected", "expects", "expecting", "expect") and prev not in ("as", "than", "not", "was", "is", "were"):
            if nxt not in ("behaviour", "behavior", "error", "errors", "exception"):
                found.append((EXPECTATION, word))
        elif word in ("expected",) and prev in ("was", "is", "were") and _at(seq, i - 2) not in ("not",):
            found.append((EXPECTATION, f"{prev} {word}"))
        elif word in _MODALS:
            if not (_INVARIANT_NEAR & set(window)) and not (nxt == "have" and _at(seq, i + 2) == "been"):
                found.append((EXPECTATION, word))
        elif word in _NEED and nxt == "to" and prev != "no":
            found.append((EXPECTATION, f"{word} to"))
        elif word in ("needs", "need") and prev not in ("no", "the", "a") and nxt not in ("not",):
            found.append((EXPECTATION, word))
        elif word in ("required", "requires", "require", "requirement", "requirements", "mandatory", "needed") and prev not in ("no", "not"):
            found.append((EXPECTATION, word))
        elif word == "only" and prev not in ("not", "if"):
            found.append((EXPECTATION, word))
        elif word in ("one", "any", "none") and nxt == "of" and (_at(seq, i + 2) in _SPECIFIC or _at(seq, i + 2) in (":", "[", "(", "{", "the") or _at(seq, i + 2).startswith(("'", '"'))):
            found.append((EXPECTATION, f"{word} of"))
        elif word == "either" and "or" in seq[i + 1 : i + 8] and set(seq[i + 1 : i + 10]) & {"<c>", "<v>"}:
            found.append((EXPECTATION, "either ... or"))
        elif word in adjectives and _lists_values(seq, i):
            found.append((EXPECTATION, word))
        elif word == "between" and _is_range(seq, i):
            found.append((EXPECTATION, "between"))
        elif word == "range" and set(seq[i + 1 : i + 3]) & (_SPECIFIC | {"[", "("}):
            found.append((EXPECTATION, "range"))
        elif word in ("takes", "accepts") and (nxt in ("<n>", "exactly", "at", "no", "only", "one", "two", "three") or nxt.isdigit()):
            found.append((EXPECTATION, word))
        elif word == "not" and _not_expected(seq, i):
            found.append((EXPECTATION, "is not <expected>"))
        elif word in ("match", "matches", "matching") and _at(seq, i - 1) in ("not", "doesn't", "don't") and _pattern_follows(seq, i):
            found.append((EXPECTATION, "does not match <pattern>"))
        elif word in ("introduced", "added", "available") and nxt in ("in", "since") and set(seq[i + 2 : i + 5]) & {"<n>", "<c>", "version", "api", "python"}:
            found.append((EXPECTATION, f"{word} {nxt}"))
        elif word in _COMPARISONS and prev and nxt and prev not in _COMPARISONS:
            found.append((EXPECTATION, word))
        for _rank, limit in limits_by_first.get(word, ()):
            if _phrase_at(seq, i, limit) and set(seq[i + len(limit) : i + len(limit) + 3]) & {"<n>", "<v>"}:
                found.append((EXPECTATION, " ".join(limit)))
                break
    return found


def _is_range(seq: Sequence[str], i: int) -> bool:
    """"between 1 and 10", "must be between {lo} and {hi}"; not "a cycle between {a} and {b}"."""
    if "and" not in seq[i + 2 : i + 6] or not set(seq[i + 1 : i + 3]) & _SPECIFIC:
        return False
    numbers = seq[i + 1] == "<n>" and "<n>" in seq[i + 3 : i + 6]
    return numbers or _at(seq, i - 1) in ("be", "is", "are", "lie", "lies", "range", "within", "value", "values")


def _pattern_follows(seq: Sequence[str], i: int) -> bool:
    """"does not match format {fmt}" shows the pattern a correct value follows."""
    j = i + 1
    while _at(seq, j) in ("the", "format", "pattern", "regex", "expected", "required", "schema"):
        j += 1
    return j > i + 1 and _at(seq, j) in ("<v>", "<c>")


def _not_expected(seq: Sequence[str], i: int) -> bool:
    """"is not of type Column", "is not {expected}": the text shows what was expected."""
    if _at(seq, i + 1) == "of" and _at(seq, i + 2) in ("type", "class", "kind", "form", "format"):
        return True
    j = i + 1
    while _at(seq, j) in ("of", "type", "a", "an", "equal", "to", "in", "one", "instance", "subclass"):
        j += 1
    return j > i and _at(seq, j) in ("<c>", "<v>") and _at(seq, i - 1) in ("is", "are", "was", "were")


def _lists_values(seq: Sequence[str], i: int) -> bool:
    """``supported formats are ...``, ``valid values: ...``, ``allowed {choices}``."""
    if _at(seq, i - 1) in ("not", "a", "an", "invalid") or (_at(seq, i - 2) == "not" and _at(seq, i - 1) in ("a", "an")):
        return False
    for j in range(i + 1, min(i + 4, len(seq))):
        word = seq[j]
        if word in ("are", "is", "include", "includes", ":", "=", "<v>", "<c>", "[", "("):
            return True
        if not word.isalpha():
            return False
    return False


def _cannot_rules(seq: Sequence[str]) -> List[str]:
    """"cannot combine A with B" states a rule the input broke; "cannot open X" reports an
    inability (a failed operation), which is state. Verbs of inability are a word list."""
    found = []
    inability = lexicon("inability_verbs")
    for i, word in enumerate(seq):
        if word in ("cannot", "can't", "mustn't") or (word in ("can", "may", "must") and _at(seq, i + 1) == "not"):
            j = i + (2 if _at(seq, i + 1) == "not" else 1)
            while _at(seq, j) in ("both", "also", "simultaneously", "be", "yet", "currently"):
                j += 1
            verb = _at(seq, j)
            if verb.startswith("re") and verb[2:] in inability:
                verb = verb[2:]  # "cannot reconnect" reports the same failure as "cannot connect"
            if verb.isalpha() and verb not in inability and not (_at(seq, j - 1) == "be" and verb not in lexicon("rule_verbs")):
                found.append(f"{word} {verb}")
    return found


def _others(tokens: Sequence[Token], seq: Sequence[str]) -> List[Tuple[str, str]]:
    found: List[Tuple[str, str]] = []
    for i, word in enumerate(seq):
        prev, nxt = _at(seq, i - 1), _at(seq, i + 1)
        if word == "<u>":
            found.append((REFERENCE, tokens[i].text))
        elif word == "see" and nxt not in ("above", "below", "", ".") and prev not in ("can", "could", "you", "we", "i", "to", "will", "not", "didn't", "don't", "cannot"):
            found.append((REFERENCE, f"see {nxt}"))
        elif word in _HINT_LABELS and nxt == ":":
            found.append((ACTION, f"{word}:"))
        elif word in ("don't", "never", "avoid") and i in clause_starts(tokens) and nxt.isalpha():
            found.append((ACTION, f"{word} {nxt}"))
        elif word == "to" and i in clause_starts(tokens) and _purpose_clause(seq, i):
            found.append((ACTION, f"to {nxt} ..., "))
        elif word == "<c>" and tokens[i].text.endswith("()") and i in clause_starts(tokens) and nxt in lexicon("determiners"):
            found.append((ACTION, tokens[i].text))
        elif word == "do" and nxt == "not" and i in clause_starts(tokens):
            found.append((ACTION, "do not"))
        elif word == "?" and _question_opener(seq, i) in _QUESTION_OPENERS:
            found.append((SUGGESTION, "question"))
        elif word == "<c>" and _is_command(tokens[i]):
            found.append((ACTION, tokens[i].text))
    return found


def _predicative(tokens: Sequence[Token], seq: Sequence[str], phrase: str) -> bool:
    """"X is forbidden" states a rule; "Forbidden character found" uses it as an adjective."""
    if " " in phrase:
        return True
    starts = clause_starts(tokens)
    return any(word == phrase and i not in starts for i, word in enumerate(seq))


def _purpose_clause(seq: Sequence[str], i: int) -> bool:
    """"To use the fast parser, install ..." : a purpose clause that leads to an instruction."""
    return _at(seq, i + 1).isalpha() and "," in seq[i + 2 : i + 14]


def _question_opener(seq: Sequence[str], end: int) -> str:
    start = end - 1
    while start > 0 and seq[start - 1] not in (".", ";", "?", "!", "\n", ":"):
        start -= 1
    return _at(seq, start)


def _is_command(token: Token) -> bool:
    """A quoted command line (``'pip install foo'``) or a ``--help`` flag."""
    text = token.text.strip("'\"`")
    if text in ("--help", "-h"):
        return True
    first = text.split(" ", 1)[0].lower()
    return " " in text and first in lexicon("command_words")


def scan(tokens: Sequence[Token], source: str = "message") -> List[Cue]:
    """The cues in one text (the message or one of its notes)."""
    seq = normalize(tokens)
    cues: List[Cue] = []
    cues += [Cue(SUGGESTION, p, source) for p in _find_phrases(seq, "suggestion_phrases")]
    cues += [Cue(ACTION, p, source) for p in _find_phrases(seq, "action_phrases")]
    cues += [Cue(ALTERNATIVE, p, source) for p in _find_phrases(seq, "alternative_phrases")]
    cues += [Cue(REFERENCE, p, source) for p in _find_phrases(seq, "reference_phrases")]
    cues += [Cue(EXAMPLE, p, source) for p in _find_phrases(seq, "example_phrases")]
    cues += [Cue(CONSTRAINT, p, source) for p in _find_phrases(seq, "constraint_phrases") if _predicative(tokens, seq, p)]
    cues += [Cue(CONSTRAINT, p, source) for p in _cannot_rules(seq)]
    cues += [Cue(ACTION, p, source) for p in _imperatives(tokens, seq)]
    cues += [Cue(kind, p, source) for kind, p in _expectations(seq)]
    cues += [Cue(kind, p, source) for kind, p in _others(tokens, seq)]
    return cues


@lru_cache(maxsize=1)
def _placeholder_words() -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """Guidance names, unambiguous instruction verbs and expectation adjectives (built once)."""
    verbs = lexicon("imperative_verbs") - lexicon("ambiguous_verbs")
    return lexicon("guidance_names"), verbs, lexicon("expectation_adjectives") | {"expected", "suggested"}


def placeholder_cues(tokens: Sequence[Token]) -> List[Cue]:
    """Placeholders whose names say they hold guidance: ``{choices}``, ``{suggestion}``."""
    names, verbs, adjectives = _placeholder_words()
    found = []
    for token in tokens:
        for slot in token.slots:
            parts = identifier_parts(slot.expr)
            joined = "_".join(parts)
            instruction = bool(parts) and parts[0] in verbs  # {create}, {install_hint}
            named = bool(parts) and (parts[-1] in names or parts[0] in adjectives)  # {hint}, {valid_units}
            if instruction or named or any(n in joined for n in names if "_" in n):
                found.append(Cue(PLACEHOLDER, slot.render(), "placeholder"))
    return found


def find_guidance(message: "Message") -> Guidance:  # type: ignore[name-defined]  # noqa: F821
    """Every cue of the message, of its add_note texts and of its framework."""
    cues = scan(message.tokens)
    cues += placeholder_cues(message.tokens)
    for note in message.notes:
        cues += scan(note, "note")
        cues += placeholder_cues(note)
    if message.framework_hint:
        cues.append(Cue(FRAMEWORK, message.site.callee, "framework"))
    if message.kind in ("log", "warn"):  # operators learn that the program recovers by itself
        cues += [Cue(RECOVERY, p) for p in _find_phrases(normalize(message.tokens), "recovery_phrases")]
    return Guidance(tuple(cues))
