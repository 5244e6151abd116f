"""HEM002 vague-message: generic subject and predicate with no specifics."""

from __future__ import annotations

from typing import List

import pytest

from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source

# HEM002 is a preview rule: it runs only when selected by its full code.
SETTINGS = Settings(select=("HEM", "HEM002"))

CLASSES = "class BadChecksumError(Exception):\n    pass\n\n\nclass WidgetError(Exception):\n    pass\n\n\n"


def codes(body: str) -> List[str]:
    source = f"{CLASSES}def f(data):\n    {body}\n"
    return sorted({f.code for f in analyze_source(source, "t.py", SETTINGS).findings})


@pytest.mark.parametrize(
    "body",
    [
        'raise BadChecksumError("error occurred")',
        'raise ValueError("Not allowed")',
        'raise ValueError("Operation not supported")',
        'raise ValueError("Input value not valid")',
        'raise RuntimeError("Item does not exist")',
        'raise ValueError("argument mismatch")',
        'raise ValueError("Bad parameter(s)")',  # an optional plural
        'raise WidgetError("invalid value")',
    ],
)
def test_vague_messages_are_reported(body: str) -> None:
    assert codes(body) == ["HEM002"]


@pytest.mark.parametrize(
    "body",
    [
        'raise BadChecksumError(f"bad checksum {data!r}: expected 32 hex digits")',  # shows the value
        'raise BadChecksumError("checksum of the archive header differs from the manifest")',  # names things
        'raise WidgetError("widget catalogue is empty")',  # catalogue is not in the class name
        'raise BadChecksumError("bad checksum")',  # the class repeats the word, which still names a thing
        'raise WidgetError("widget error")',
        'raise ConnectionError("connection has data")',
    ],
)
def test_specific_messages_and_words_the_class_repeats_are_not_vague(body: str) -> None:
    assert "HEM002" not in codes(body)


def test_a_logging_call_named_error_names_what_its_words_name() -> None:
    assert "HEM002" not in codes('logger.error("checksum error: the archive header and manifest differ")')
    assert "HEM002" not in codes('raise Exception("widget")')  # the class has no words besides its suffix


def test_a_lone_word_naming_a_parameter_is_data_for_the_class() -> None:
    """``MissingSetting("name")`` passes the parameter's name to a class that builds its text."""
    source = "class MissingSetting(Exception):\n    pass\n\n\ndef f(name, data):\n    raise MissingSetting({!r})\n"
    assert codes_at(source.format("name")) == []
    assert codes_at(source.format("value")) == ["HEM002"]  # not a name in scope: a vague text


def codes_at(source: str) -> List[str]:
    return sorted({f.code for f in analyze_source(source, "t.py", SETTINGS).findings})


def test_a_test_fixture_is_not_judged() -> None:
    """``raise ValueError("oops")`` in a test exercises a handler: no reader sees the text."""
    source = 'def test_handler():\n    raise ValueError("Invalid input")\n'
    assert "HEM002" not in [f.code for f in analyze_source(source, "pkg/tests/test_handler.py", SETTINGS).findings]
    assert "HEM002" in [f.code for f in analyze_source(source.replace("test_handler", "handler"), "pkg/mod.py", SETTINGS).findings]


@pytest.mark.parametrize(
    "body",
    [
        'print("Configuration errors:", file=sys.stderr)',  # a heading: the details follow
        'sys.stderr.write("Invalid entries:\\n")',
        'print("Invalid input", end="", file=sys.stderr)',  # the line goes on in the next print
    ],
)
def test_headings_and_fragments_are_not_whole_messages(body: str) -> None:
    source = f"import logging, sys\nlog = logging.getLogger(__name__)\n\n\ndef f(data):\n    {body}\n"
    assert [f.code for f in analyze_source(source, "t.py", SETTINGS).findings if f.code in ("HEM001", "HEM002")] == []
