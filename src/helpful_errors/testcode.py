"""Which code is a project's tests: what it raises or prints is a fixture, not a message.

One place for the extractor (output a test suite writes to standard error is not a site)
and for the rules (a bare ``raise ValueError("oops")`` in a test exercises a handler).
"""

from __future__ import annotations

from typing import Protocol

# Folders of tests, public and private (``_tests``): what is raised there is a fixture.
TEST_FOLDERS = frozenset({"tests", "test", "testing", "_tests", "_test", "_testing"})


class _Placed(Protocol):
    test_file: bool
    function: str


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
