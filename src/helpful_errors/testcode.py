"""Which code is a project's tests: what it raises or prints is a fixture, not a message.

One place for the extractor (output a test suite writes to standard error is not a site)
and for the rules (a bare ``raise ValueError("oops")`` in a test exercises a handler).
"""

from __future__ import annotations

# Folders of tests, public and private (``_tests``): what is raised there is a fixture.
TEST_FOLDERS = frozenset({"tests", "test", "testing", "_tests", "_test", "_testing"})


def in_test_code(path: str, function: str) -> bool:
    """Test files (``test_*.py``, ``*_test.py``, ``conftest.py``, anything in a test folder)
    and test functions (``test_*``)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    folders = path.replace("\\", "/").split("/")[:-1]
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
        or not TEST_FOLDERS.isdisjoint(folders)
        or function.startswith("test_")
    )
