"""Actions: instructions the reader can carry out ("use --force", "install bar", "run `x init`").

An imperative counts only at the start of a clause and with an object ("use --force", not
"in use" or "use of"); an ambiguous verb is read as a noun when a finite verb or a compound
noun follows ("check failed", "import error"); a verb that is first of all a noun ("list",
"print", "show") counts only with a clear object; a verb with its particle ("log in", "wait
for") counts at a clause start unless a finite verb follows ("sign in failed").
"""

from __future__ import annotations

from typing import List, Sequence

from ...text import WORD, Token, clause_starts, english, lexicon, phrase_at, phrases
from .base import ACTION, ALTERNATIVE, CLAUSE_PUNCTUATION, SPECIFIC, Cue, at, find_phrases, wordlike

# "(I) don't know how to X", "don't understand Y": the program speaks of itself, not an order
# to the reader. Verbs of knowing are a closed handful that no lexicon of parts of speech marks.
_KNOWING = frozenset({"know", "understand", "recognize", "recognise"})
# Prepositions of the means an instruction without an object goes on with ("retry with
# --force"); others ("to", "from", "in") as often follow a verb that names an event.
_INSTRUMENT_PREPOSITIONS = frozenset({"with", "without", "using"})
_HINT_LABELS = frozenset({"hint", "tip", "help", "fix", "solution", "workaround", "suggestion", "try", "example", "usage"})


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
        while at(seq, j) in openers:
            j += 1
            starts.add(j)
    found = []
    noun_first = lexicon("noun_first_verbs")
    for i in sorted(starts):
        verb = at(seq, i)
        if i >= len(tokens) or tokens[i].kind != WORD:
            continue  # an opener word may end the text ("... or also")
        phrasal = _phrasal_at(seq, i)
        if phrasal:
            found.append(phrasal)
        elif verb not in verbs:
            if _lexicon_imperative(seq, i):
                found.append(f"{verb} {at(seq, i + 1)}".strip())
            continue
        elif verb in noun_first and not clear_object(at(seq, i + 1)):
            continue  # "list index out of range", "print queue full": a noun, not an order
        elif _takes_object(seq, i, verb in ambiguous, i in comma_starts and at(seq, i - 1) not in openers) or (
            verb not in ambiguous and _goes_on_with_preposition(seq, i)
        ):
            found.append(f"{verb} {at(seq, i + 1)}".strip())
    return found


def _lexicon_imperative(seq: Sequence[str], i: int) -> bool:
    """A verb the hand list does not hold, read from the lexicon: after "please" any base form
    ("please regenerate the lockfile"); elsewhere only a word that is nothing but a verb
    ("reinstall", "execute"), with a clear object ("execute the upload again"), asking to
    repeat ("execute upload again") or going on with a preposition ("reinstall with the
    extras")."""
    verb = seq[i]
    if not english.is_base_verb(verb):
        return False
    pleaded = at(seq, i - 1) == "please"
    if not pleaded and english.parts_of_speech(verb) != {english.VERB}:
        return False
    if _goes_on_with_preposition(seq, i):
        return True
    if pleaded:
        return _takes_object(seq, i, True, False)
    return clear_object(at(seq, i + 1)) or _asks_to_repeat(seq, i)


def _asks_to_repeat(seq: Sequence[str], i: int) -> bool:
    """"execute upload again": the verb and "again" in one short clause, with no finite or
    past form between them ("execute failed again" reports)."""
    for word in seq[i + 1 : i + 5]:
        if word == "again":
            return True
        if word in CLAUSE_PUNCTUATION or _finite_or_past(word):
            return False
    return False


def _goes_on_with_preposition(seq: Sequence[str], i: int) -> bool:
    """"retry with --force", "reinstall with the extras": an instruction without an object,
    unless a finite verb or a negation ends the clause ("connect to {host} failed", "write
    to {path} not permitted")."""
    if i == 0 or at(seq, i + 1) not in _INSTRUMENT_PREPOSITIONS:
        return False  # opening the text, "redirect from A to B" names an event
    rest = []
    for word in seq[i + 1 :]:
        if word in CLAUSE_PUNCTUATION:
            break
        rest.append(word)
    return len(rest) > 1 and not any(_finite_or_past(word) or word in ("be", "not", "never") for word in rest)


def _finite_or_past(word: str) -> bool:
    """A finite verb or a past form: the words before it are the subject of a report ("sign
    in failed", "`git pull` failed"), not an order."""
    return word in lexicon("finite_words") or (word.endswith("ed") and word.isalpha() and len(word) > 3)


def clear_object(word: str) -> bool:
    """A word that can only open an object: a determiner or pronoun, a value, code or a quote."""
    return word in lexicon("determiners") or word in SPECIFIC or word.startswith(("'", '"'))


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
        if _finite_or_past(word):
            return ""
    return " ".join(phrase)


def _takes_object(seq: Sequence[str], i: int, ambiguous: bool, after_comma: bool) -> bool:
    nxt, then = at(seq, i + 1), at(seq, i + 2)
    if seq[i] == "try" and (nxt in ("to", "again") or nxt.endswith("ing")):
        return True
    if seq[i] in ("choose", "select", "pick") and nxt in ("from", "between", "among"):
        return True
    if not nxt or nxt in lexicon("finite_words") or nxt in lexicon("prepositions") or nxt in ("not", "never", "no"):
        return False  # "File not found": a negation follows a subject, never an order
    if nxt in (":", "=", "(", ")", ".", ",", ";", "!", "?", "-", "/"):
        return False
    clear = clear_object(nxt)
    if not ambiguous:
        return clear or wordlike(nxt)
    if nxt in lexicon("verb_nouns") or nxt.endswith("ed") or nxt.endswith("ing"):
        return False
    if _finite_or_past(then):
        return False
    return True


def _purpose_clause(seq: Sequence[str], i: int) -> bool:
    """"To use the fast parser, install ..." : a purpose clause that leads to an instruction."""
    return at(seq, i + 1).isalpha() and "," in seq[i + 2 : i + 14]


def _is_command(token: Token) -> bool:
    """A quoted command line (``'pip install foo'``) or a ``--help`` flag."""
    text = token.text.strip("'\"`")
    if text in ("--help", "-h"):
        return True
    first = text.split(" ", 1)[0].lower()
    return " " in text and first in lexicon("command_words")


def _other_actions(tokens: Sequence[Token], seq: Sequence[str]) -> List[str]:
    """Hint labels ("hint:"), prohibitions ("don't ..."), "please" before a verb, purpose
    clauses, calls and commands."""
    found: List[str] = []
    starts = clause_starts(tokens)
    for i, word in enumerate(seq):
        nxt = at(seq, i + 1)
        if word in _HINT_LABELS and nxt == ":":
            found.append(f"{word}:")
        elif word in ("don't", "never", "avoid") and i in starts and nxt.isalpha() and nxt not in _KNOWING:
            found.append(f"{word} {nxt}")
        elif word == "to" and i in starts and _purpose_clause(seq, i):
            found.append(f"to {nxt} ..., ")
        elif word == "<c>" and tokens[i].text.endswith("()") and i in starts and nxt in lexicon("determiners"):
            found.append(tokens[i].text)
        elif word == "<c>" and tokens[i].text.endswith("()") and i in starts and nxt == "first" and at(seq, i + 2) in CLAUSE_PUNCTUATION | {""}:
            found.append(f"{tokens[i].text} first")  # "connect() first": the call to make before this one
        elif word == "please" and i not in starts and english.is_base_verb(nxt):
            found.append(f"please {nxt}")  # an instruction wherever it stands ("... not installed from please install it")
        elif word == "do" and nxt == "not" and i in starts and at(seq, i + 2) not in _KNOWING:
            found.append("do not")
        elif word == "<c>" and _is_command(tokens[i]) and not _finite_or_past(nxt):
            found.append(tokens[i].text)
    return found


def actions(tokens: Sequence[Token], seq: Sequence[str]) -> List[Cue]:
    """Instructions and alternatives ("use X instead") in one text."""
    found = [Cue(ACTION, p) for p in find_phrases(seq, "action_phrases")]
    found += [Cue(ALTERNATIVE, p) for p in find_phrases(seq, "alternative_phrases")]
    found += [Cue(ACTION, p) for p in _imperatives(tokens, seq)]
    found += [Cue(ACTION, p) for p in _other_actions(tokens, seq)]
    return found
