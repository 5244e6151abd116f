"""The tokenizer, sentence splitter and word lists that every rule reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpful_errors.model import Slot, Template
from helpful_errors.text import (
    CODE,
    CODE_ID,
    NUMBER,
    URL,
    VALUE,
    WORD,
    clause_starts,
    find_phrase,
    first_phrase,
    lexicon,
    phrase_at,
    phrases,
    split_clauses,
    split_sentences,
    tokenize,
    tokenize_text,
    word_runs,
)
from helpful_errors.text import english, hyphenation
from helpful_errors.text.lexicon import LEXICON_DIR, entries


def kinds(text: str):
    return [(t.kind, t.text) for t in tokenize_text(text)]


def test_slots_become_values_and_quotes_around_them_stay_one_value() -> None:
    template = Template(("unknown mode '", Slot("mode"), "'; pick ", Slot("choices")))
    tokens = tokenize(template)
    assert [(t.kind, t.text) for t in tokens] == [
        (WORD, "unknown"),
        (WORD, "mode"),
        (VALUE, "'{mode}'"),
        ("punct", ";"),
        (WORD, "pick"),
        (VALUE, "{choices}"),
    ]
    assert tokens[2].slot == Slot("mode") and tokens[2].quoted


def test_code_shaped_tokens_are_not_words() -> None:
    found = kinds("set `max_size` via --limit or os.environ in conf/app.toml; call reset() (see https://example.org/x.y).")
    assert (CODE, "`max_size`") in found
    assert (CODE, "--limit") in found
    assert (CODE, "os.environ") in found
    assert (CODE, "conf/app.toml") in found
    assert (CODE, "reset()") in found
    assert (URL, "https://example.org/x.y") in found
    assert [w for k, w in found if k == WORD] == ["set", "via", "or", "in", "call", "see"]


def test_a_decorator_is_code_and_an_email_address_is_not_one() -> None:
    found = kinds("decorate it with @cache_result(...) or @functools.wraps; write to ops@example.org")
    assert (CODE, "@cache_result(...)") in found
    assert (CODE, "@functools.wraps") in found
    assert (CODE, "@example.org") not in found  # the "@" of an address follows a word


def test_printf_and_format_fields_in_plain_text_are_values() -> None:
    found = kinds("cannot read %s at %(where)s: {0} {name!r}, 100% done, 50%% left")
    values = [w for k, w in found if k == VALUE]
    assert values == ["%s", "%(where)s", "{0}", "{name!r}"]


def test_apostrophes_abbreviations_versions_and_codes() -> None:
    found = kinds("can't use Python 3.10, e.g. on build E1042 or file(s) and/or MyClass")
    assert (WORD, "can't") in found
    assert (NUMBER, "3.10") in found
    assert (WORD, "e.g.") in found
    assert (CODE_ID, "E1042") in found
    assert (WORD, "file(s)") in found
    assert (WORD, "and") in found and (WORD, "or") in found
    assert (CODE, "MyClass") in found


def test_sentences_do_not_split_inside_abbreviations_or_versions() -> None:
    tokens = tokenize_text("Use Python 3.10 or newer, e.g. 3.12. Then run it again; or not\nlast")
    sentences = [" ".join(t.text for t in s) for s in split_sentences(tokens)]
    assert sentences == ["Use Python 3.10 or newer , e.g. 3.12", "Then run it again", "or not", "last"]


def test_clause_starts_follow_colons_and_optionally_commas() -> None:
    tokens = tokenize_text("bad value: use a number, pass --n")
    words = [t.text for t in tokens]
    assert {words[i] for i in clause_starts(tokens)} == {"bad", "use"}
    assert {words[i] for i in clause_starts(tokens, commas=True)} == {"bad", "use", "pass"}


LISTS = sorted(p.stem for p in LEXICON_DIR.glob("*.txt"))


@pytest.mark.parametrize("name", LISTS)
def test_word_lists_are_sorted_lower_case_and_unique(name: str) -> None:
    items = entries(name)
    assert items, f"{name} is empty"
    assert list(items) == sorted(set(items)), f"sort and de-duplicate {name}.txt (python sorted order)"
    raw = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    assert all(line == line.strip() for line in raw), f"{name}.txt has stray whitespace"


def test_lexicon_helpers_read_the_files() -> None:
    assert "use" in lexicon("imperative_verbs")
    longest_first = phrases("action_phrases")
    assert len(longest_first[0]) >= len(longest_first[-1])
    with pytest.raises(LookupError, match="reinstall"):
        entries("no_such_list")


def test_lexicon_dir_is_inside_the_package() -> None:
    assert Path(LEXICON_DIR).is_dir()


def _texts(groups) -> list:
    return [" ".join(t.text for t in group) for group in groups]


def test_clauses_split_at_commas_and_brackets_but_keep_code_inside() -> None:
    tokens = tokenize_text("cannot start, not without 'a, b' (see docs); retry")
    assert _texts(split_clauses(tokens)) == ["cannot start", "not without 'a, b'", "see docs", "retry"]
    assert _texts(split_sentences(tokens)) == ["cannot start , not without 'a, b' ( see docs )", "retry"]


def test_word_runs_break_at_any_other_token() -> None:
    tokens = tokenize_text("you `x` failed to pass a, b")
    assert _texts(word_runs(tokens)) == ["you", "failed to pass a", "b"]
    assert word_runs(()) == ()


def test_phrase_finders_agree_on_first_occurrence_and_list_order() -> None:
    words = "the file was not found and not found again".split()
    assert find_phrase(words, ("not", "found")) == 3
    assert find_phrase(words, ("not", "found"), start=4) == 6
    assert find_phrase(words, ("no", "such")) == -1
    assert find_phrase(["a"], ("a", "b")) == -1
    # the list's order wins over the position in the text
    assert first_phrase(words, [("again",), ("file",)]) == (8, ("again",))
    assert first_phrase(words, [("missing",)]) is None
    assert phrase_at(words, 3, [("not", "found", "and"), ("not",)]) == ("not", "found", "and")
    assert phrase_at(words, 0, [("file",)]) is None


@pytest.mark.parametrize(
    "text,words",
    [
        ("<b>Quota</b> is exhausted", ["quota", "is", "exhausted"]),
        ("the upload was rejected</p>", ["the", "upload", "was", "rejected"]),
        ('<span class="warn">Disk</span> is full<br/>', ["disk", "is", "full"]),
        ("Line one<br>line two", ["line", "one", "line", "two"]),
    ],
)
def test_html_tags_are_markup_not_prose_or_comparisons(text: str, words: list) -> None:
    found = kinds(text)
    assert [w.lower() for k, w in found if k == WORD] == words
    assert not [w for k, w in found if w in ("<", ">", "/")]


def test_a_slot_inside_a_tag_stays_a_value_and_angle_metavariables_are_kept() -> None:
    tokens = tokenize(Template(('<a href="', Slot("link"), '">docs</a> are missing',)))
    assert [t.text for t in tokens if t.kind == VALUE] == ["{link}"]
    assert [t.text for t in tokens if t.kind == WORD] == ["docs", "are", "missing"]
    assert "<" in [w for _, w in kinds("usage: tool <name>")]  # a metavariable is not markup
    assert [w for k, w in kinds("size < 10 and count > 2") if k == "punct"] == ["<", ">"]


# -- hyphenation -------------------------------------------------------------------------
def _pyphen_dictionary():  # type: ignore[no-untyped-def]
    pyphen = pytest.importorskip("pyphen")
    path = hyphenation.dictionary_path()
    assert path is not None, "pyphen is installed, so its US English dictionary is found"
    return pyphen, path


def test_hyphenation_reads_the_patterns_pyphen_reads() -> None:
    pyphen, path = _pyphen_dictionary()
    ours = hyphenation.read_patterns(path.read_text(encoding="utf-8"))
    assert ours is not None, "the US English dictionary has no line this reader leaves to pyphen"
    assert ours == pyphen.HyphDict(path).patterns


def test_hyphenation_points_match_pyphen_on_the_lexicon() -> None:
    pyphen, path = _pyphen_dictionary()
    theirs = pyphen.Pyphen(filename=str(path))
    ours = hyphenation.hyphenator()
    assert isinstance(ours, hyphenation.Patterns)
    words = sorted(english._table().forms)[::7]  # every seventh form of the lexicon: 10,000 words
    assert len(words) > 5000
    differ = [w for w in words if ours.positions(w) != theirs.positions(w)]
    assert differ == []
    assert ours.positions("Configuration") == theirs.positions("configuration") != []


def test_hyphenation_leaves_unknown_dictionary_lines_to_pyphen() -> None:
    assert hyphenation.read_patterns("UTF-8\nc1k/k=k,1,2\n") is None, "nonstandard hyphenation"
    assert hyphenation.read_patterns("ISO8859-1\na1b\n") is None, "another encoding"
    assert hyphenation.read_patterns("UTF-8\n% comment\nLEFTHYPHENMIN 2\n.ab4c\nx0y\n") == {".abc": (3, (4,))}


def test_package_data_finds_files_without_importing_the_package() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from helpful_errors.text.package_data import data_file\n"
        "found = data_file('textstat', 'resources', 'en', 'easy_words.txt')\n"
        "assert found is not None and found.is_file(), found\n"
        "assert 'textstat' not in sys.modules, 'finding the file runs no code of the package'\n"
        "assert data_file('textstat', 'resources', 'no-such-file.txt') is None\n"
        "assert data_file('no_such_package_here', 'data.txt') is None\n"
        "assert data_file('no_such_package_here.sub', 'data.txt') is None, 'a missing parent package is a miss too'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr
