"""Fixtures shared by several test modules."""

from __future__ import annotations

from typing import Any, Iterator, List

import libcst
import pytest


@pytest.fixture
def libcst_parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[str]]:
    """Every file text whose statements are read with LibCST, and every whole text LibCST
    parses, in this process (so: runs with jobs=1).

    Counting them is how the tests see that a file is read once, or not at all when its
    result comes from the cache or Python's parser rejects it.
    """
    from helpful_errors.extract.statements import StatementReader

    parsed: List[str] = []
    real = libcst.parse_module
    real_reader = StatementReader.__init__

    def counting(source: str, *args: Any, **kwargs: Any) -> libcst.Module:
        parsed.append(source)
        return real(source, *args, **kwargs)

    def reading(self: StatementReader, source: str) -> None:
        parsed.append(source)
        real_reader(self, source)

    monkeypatch.setattr(libcst, "parse_module", counting)
    monkeypatch.setattr(StatementReader, "__init__", reading)
    yield parsed


@pytest.fixture(autouse=True, scope="session")
def private_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The cache key of the test run (and of the commands it starts) in a folder of its own,
    so that tests never touch the user's key and a test can replace it."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if old is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = old
