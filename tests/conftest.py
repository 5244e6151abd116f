"""Fixtures shared by several test modules."""

from __future__ import annotations

from typing import Any, Iterator, List

import libcst
import pytest


@pytest.fixture
def libcst_parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[str]]:
    """Every source text LibCST is asked to parse in this process (so: runs with jobs=1).

    Counting parses is how the tests see that a file is parsed once, or not at all when
    its result comes from the cache.
    """
    parsed: List[str] = []
    real = libcst.parse_module

    def counting(source: str, *args: Any, **kwargs: Any) -> libcst.Module:
        parsed.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", counting)
    yield parsed
