"""Which code is a project's tests: what it raises or prints is a fixture, not a message.

One place for the extractor (output a test suite writes to standard error is not a site)
and for the rules (a bare ``raise ValueError("oops")`` in a test exercises a handler).
"""

from __future__ import annotations

import re
from typing import Optional, Protocol

from .model import Template
from .text.identifiers import identifier_parts

# Folders of tests, public and private (``_tests``): what is raised there is a fixture.
TEST_FOLDERS = frozenset({"tests", "test", "testing", "_tests", "_test", "_testing"})


# How a test double is named (``FakeSocket``, ``failing_open``, ``raise_fault``): what it
# raises is made for the code under test to handle. And the throwaway words a test puts in
# such a message (``"boom"``, ``"oh noes"``). These are conventions of test code, which no
# English lexicon knows.
DOUBLE_WORDS = frozenset({
    "fake", "dummy", "mock", "stub", "flaky", "bad", "broken", "fail", "failing", "failed", "raise", "raising",
    "error", "crash", "crashing",
})
THROWAWAY_WORDS = frozenset({
    "foo", "bar", "baz", "qux", "spam", "eggs", "boom", "kaboom", "oops", "whoops", "nope", "argh", "noes", "blah", "hello",
})
_WORD = re.compile(r"[a-z]+")


class _Placed(Protocol):
    test_file: bool
    function: str
    class_name: str
    template: Optional[Template]
    in_test_function: bool


def is_test_function(name: str, test_file: bool) -> bool:
    """``test_*`` anywhere; in a test file, unittest's ``testSomething`` too."""
    return name.startswith("test_") or (test_file and name.startswith("test"))


def is_test_path(path: str) -> bool:
    """Test files (``test_*.py``, ``*_test.py``, ``conftest.py``, anything in a test folder).

    ``path`` is relative to the project's root: the folders above the project (a checkout
    under ``~/test/``) say nothing about its code.
    """
    parts = path.replace("\\", "/").split("/")
    name = parts[-1]
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or not TEST_FOLDERS.isdisjoint(parts[:-1])
    )


def in_test_code(site: _Placed) -> bool:
    """A site in a test file (decided once per file, ``is_test_path``) or a test function (``test_*``)."""
    return site.test_file or site.function.startswith("test_")


def is_fixture(site: _Placed) -> bool:
    """A message a test makes for the code under test, not one a person is meant to act on.

    Raised (or failed with) in a test function, or in a function or class nested in one,
    whose name tells its developer what broke; or in a test file, by a test double
    (``FakeTunnel.start``, ``failing_read``), which raises so that a handler can be
    exercised, or in a few throwaway words (``"boom"``). A test file's other helpers are
    judged: their errors (a fixture that cannot start a server) are read by whoever runs the
    tests.
    """
    if site.in_test_function:  # the traversal's mark, nested scopes included (``def test_x(): def fake(): ...``)
        return True
    if not site.test_file:
        return False
    if any(first in DOUBLE_WORDS for name in (site.function, site.class_name) for first in identifier_parts(name)[:1]):
        return True
    words = _WORD.findall(site.template.text.lower()) if site.template is not None else []
    return 0 < len(words) <= 3 and not THROWAWAY_WORDS.isdisjoint(words)
