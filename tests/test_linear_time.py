"""Hostile text costs time linear in its size (the timing reproducers of the 2026-12-01
probe). Each test times the same input at n and 4n and bounds the ratio of the CPU times,
never an absolute time, so a slow or busy machine cannot fail it; quadratic growth gives
a ratio near 16, linear growth near 4. The best of three rounds damps the noise."""

from __future__ import annotations

import time
from typing import Callable

import pytest

from helpful_errors.config import Settings
from helpful_errors.engine import analyze_bytes
from helpful_errors.model import Template
from helpful_errors.source import compile_problem
from helpful_errors.text.tokens import tokenize

LINEAR_RATIO = 8.0  # 4x the input: linear is ~4, quadratic ~16


def best_cpu(work: Callable[[], object], rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return max(min(times), 1e-4)


def growth(make: Callable[[int], bytes], n: int) -> float:
    settings = Settings()
    small, large = make(n), make(4 * n)
    return best_cpu(lambda: analyze_bytes(large, "m.py", settings)) / best_cpu(lambda: analyze_bytes(small, "m.py", settings))


@pytest.mark.parametrize("unit", ["a..", "%(", "A1-", "x.y(", "`a"])
def test_tokenizer_is_linear_on_repeated_runs(unit: str) -> None:
    """R06: runs that a failed match used to scan again from every next character."""
    def scan(n: int) -> Callable[[], object]:
        return lambda: tokenize.__wrapped__(Template((unit * n,)))

    ratio = best_cpu(scan(16_000)) / best_cpu(scan(4_000))
    assert ratio < LINEAR_RATIO, f"{unit!r}: 4x the text cost {ratio:.1f}x the time"


def test_module_names_times_raises_is_linear() -> None:
    """R07: every module-level message used to carry every module-level name."""
    def module(n: int) -> bytes:
        names = "".join(f"x{i} = {i}\n" for i in range(n))
        raises = "".join(f"if x{i}:\n    raise ValueError('invalid value {i}')\n" for i in range(n // 20))
        return (names + raises).encode()

    assert growth(module, 1_000) < LINEAR_RATIO


def test_names_in_scope_are_bounded() -> None:
    from helpful_errors.extract.scope import MAX_NAMES_IN_SCOPE

    source = "".join(f"x{i} = {i}\n" for i in range(2 * MAX_NAMES_IN_SCOPE)) + "raise ValueError(f'bad {x0}')\n"
    (site,) = analyze_bytes(source.encode(), "m.py", Settings()).sites
    assert len(site.names_in_scope) == MAX_NAMES_IN_SCOPE
    assert site.names_in_scope[-1] == f"x{2 * MAX_NAMES_IN_SCOPE - 1}", "the latest bindings are kept"


def test_nesting_python_rejects_never_reaches_libcst(libcst_parses: list) -> None:
    """R05: PEP 701 nesting that an older Python rejects cost LibCST minutes and gigabytes."""
    import sys

    expr = "x"
    for _ in range(3000):
        expr = 'f"{' + expr + '}"'
    source = f"x = 1\nraise ValueError({expr})\n".encode()
    start = time.process_time()
    result = analyze_bytes(source, "m.py", Settings())
    if sys.version_info < (3, 12):
        (finding,) = result.findings
        assert finding.code == "HEM000" and "syntax error" in finding.message
        assert libcst_parses == []
    assert time.process_time() - start < 30, "a 9 KB file must not take minutes"


def test_what_only_the_compiler_rejects_is_analysed_like_any_file() -> None:
    """A file Python parses but does not compile (``return`` outside a function, a late
    ``__future__`` import) has its findings and no HEM000: pyflakes reports those (F706, F404)."""
    for head in (b"return 1\n", b"import os\nfrom __future__ import annotations\n", b"def f():\n    nonlocal x\n"):
        result = analyze_bytes(head + b'raise ValueError("Invalid port")\n', "m.py", Settings())
        assert [f.code for f in result.findings] == ["HEM001"], head


def test_a_fix_is_written_only_to_a_file_that_compiles() -> None:
    """The compiler's verdict still guards a fix: ``compile_problem`` reports what the parser lets through."""
    problem = compile_problem("return 1\n", "m.py")
    assert problem is not None and "'return' outside function" in problem.reason and problem.line == 1
    assert compile_problem("def f(:\n", "m.py") is not None
    assert compile_problem("x = 1\n", "m.py") is None


def test_file_past_the_size_limit_gets_a_hem000_that_says_how_to_raise_it() -> None:
    source = b'raise ValueError("Invalid port")\n' + b"x = 1\n" * 2000
    settings = Settings(max_file_size_mb=0.01)
    (finding,) = analyze_bytes(source, "m.py", settings).findings
    assert finding.code == "HEM000" and "12,033 bytes" in finding.message and "0.01 MB" in finding.message
    assert "'max-file-size-mb'" in finding.help and "at least 1" in finding.help
    assert [f.code for f in analyze_bytes(source, "m.py", Settings()).findings] == ["HEM001"]


def test_placeholders_past_the_bmp_area_keep_their_own_slot() -> None:
    """The minor one: past 6,400 placeholders, later ones aliased the 6,400th."""
    fields = "{x}" * 7000
    source = f'def f(x, password):\n    raise ValueError(f"{fields} {{password}}")\n'.encode()
    codes = [f.code for f in analyze_bytes(source, "m.py", Settings(select=("HEM", "HEM009"))).findings]  # a preview rule
    assert "HEM009" in codes
