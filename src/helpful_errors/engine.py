"""Analyse one file: read, parse with Python, extract the message sites, judge them, apply noqa.

Nothing in the file is imported, executed or evaluated: Python's parser and LibCST only
parse it. Every problem with the file itself becomes one HEM000 finding on it, so that a
bad file never stops the run or hides the findings of the others; a bug of ours on one
file becomes a HEM000 finding that says to report it, for the same reason.

Python's parser runs on every file (``source.python_tree``): its tree is what the
extractor walks, and what it rejects is the file's HEM000. What only Python's compiler
rejects (``return`` outside a function, a late ``__future__`` import) does not stop the
analysis and is not ours to report: pyflakes and ``py_compile`` say it, and compiling
every file cost about a sixth of a cold run. LibCST then reads only the few statements
that carry a message (a few percent of the bytes), so a file Python's parser rejects, or
nests too deeply for it, never reaches LibCST's native parser, whose cost is unbounded there.
"""

from __future__ import annotations

import ast
import sys
import threading
from typing import Any, Callable, List, Optional, Tuple, TypeVar, Union

from . import BUG_URL
from . import source as source_io
from .checks import judge_sites
from .config import Settings
from .extract import StatementSyntaxError, extract_file
from .extract.configured import configured_sinks
from .extract.project import INDEX
from .fix.codes import FIXABLE
from .model import UNANALYZABLE, UNANALYZABLE_PREFIX, FileResult, Finding
from .noqa import apply_noqa
from .selected import reportable  # noqa: F401 - the language server takes it from here
from .source import Problem
from .testcode import is_test_path

# LibCST's native parser and our reading recurse; Python rejects nesting long before that
# would overflow 8 MB, and a file that still exhausts the recursion limit is read again on
# a thread with this much stack.
PARSER_STACK = 256 * 1024 * 1024
# Enough for the deepest expression Python itself compiles (its compiler gives up near
# 3,000 levels) in our recursive walk, which spends a few frames per level.
DEEP_RECURSION_LIMIT = 30_000


def problem_finding(path: str, problem: Problem, text: Optional[str] = None) -> Finding:
    """The HEM000 finding for ``problem``, its position kept inside the file."""
    line, column = _inside(text, problem.line, problem.column)
    return Finding(
        path, line, column, line, column, UNANALYZABLE, UNANALYZABLE_PREFIX + problem.reason,
        f"{problem.fix[:1].upper()}{problem.fix[1:]}", "", "unanalyzable-file",
    )


def file_problem(path: str, problem: Problem, text: Optional[str] = None) -> FileResult:
    """A file that could not be analysed, as a result that carries one HEM000 finding."""
    return FileResult(path, (), (problem_finding(path, problem, text),))


def _inside(text: Optional[str], line: int, column: int) -> Tuple[int, int]:
    """Clamp a position that a parser reported (Python says line 0 for encodings) into the file."""
    if text is None:
        return max(line, 1), max(column, 0)
    lines = source_io.python_lines(text)
    line = min(max(line, 1), max(len(lines), 1))
    width = len(lines[line - 1]) if lines else 0
    return line, min(max(column, 0), width)


def analyze_path(path: str, settings: Settings, judge: bool = True) -> FileResult:
    """Read a file from disk and analyse it (``judge=False``: extract its sites only)."""
    src = source_io.read(path)
    if src.text is None:
        assert src.problem is not None
        return file_problem(path, src.problem)
    return analyze_source(src.text, path, settings, original=None, judge=judge)


def analyze_bytes(data: bytes, path: str, settings: Settings, judge: bool = True) -> FileResult:
    """Analyse a file's bytes; the runner reads each file once, to hash it and to analyse it."""
    src = source_io.decode(data)
    if src.text is None:
        assert src.problem is not None
        return file_problem(path, src.problem)
    return analyze_source(src.text, path, settings, original=data, judge=judge)


def analyze_source(
    text: str, path: str, settings: Settings, noqa: bool = True, original: Union[bytes, str, None] = None,
    tree: Optional[ast.Module] = None, judge: bool = True,
) -> FileResult:
    """Analyse decoded source text; ``noqa=False`` leaves suppression to the caller (flake8).

    ``original`` is what Python is asked to compile (the file's bytes, so that Python
    decodes them itself); the text by default. ``tree`` is Python's tree of it when the
    caller has one (flake8 hands its plugins the tree it built). ``judge=False`` stops
    after the extraction: no rule runs (the ``messages`` inventory).
    """
    size = len(original) if original is not None else len(text)
    if size > settings.max_file_size_mb * 1_000_000:
        return file_problem(path, source_io.too_large(size, settings.max_file_size_mb), text)
    try:
        return _analyze(text, path, settings, noqa, text if original is None else original, tree, judge)
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not hide the findings of the others
        return file_problem(path, Problem(
            "internal", f"helpful-errors failed on it ({type(exc).__name__}: {exc})",
            f"this is a bug in helpful-errors; please report it at {BUG_URL} with the file, and exclude the file until it is fixed",
        ), text)


def _analyze(
    text: str, path: str, settings: Settings, noqa: bool, original: Union[bytes, str], tree: Optional[ast.Module], judge: bool,
) -> FileResult:
    if tree is None:
        tree, python_problem = source_io.python_tree(original, path)
        if tree is None:
            # Python's parser rejects the text (or gives up on its nesting): LibCST is never
            # asked, its cost is unbounded there. Python's reason suffices.
            assert python_problem is not None
            return file_problem(path, python_problem, text)
    try:
        extra = configured_sinks(settings)
        tests = is_test_path(settings.relative(path))
        try:
            sites, uses = extract_file(tree, text, path, INDEX, extra, tests)
        except RecursionError:
            # Python parsed it, so the nesting is bounded (a few thousand levels): read it
            # again with room to recurse instead of giving up on a file Python accepts.
            sites, uses = _on_big_stack(extract_file, tree, text, path, INDEX, extra, tests, recursion_limit=DEEP_RECURSION_LIMIT)
    except StatementSyntaxError as exc:
        return file_problem(path, Problem(
            source_io.KIND_SYNTAX,
            f"LibCST cannot parse line {exc.line}, although {source_io.PYTHON} parses the file ({exc.detail})",
            f"this is a gap in the parser helpful-errors uses; please report it at {BUG_URL} with the file, "
            f"and {source_io.EXCLUDE_HINT} meanwhile",
            exc.line, exc.column,
        ), text)
    except (RecursionError, MemoryError):
        return file_problem(path, source_io.too_deep("its expressions are nested too deeply for helpful-errors to read"), text)
    findings: List[Finding] = judge_sites(sites, settings, path) if judge else []
    if noqa:
        findings = apply_noqa(findings, text)
    if any(f.code in FIXABLE for f in findings):
        from .fix.attach import attach_fixes  # only files with fixable findings pay for it

        findings = attach_fixes(findings, sites, text, settings)
    findings.sort(key=Finding.sort_key)
    return FileResult(path, tuple(sites), tuple(findings), uses)


# Messages the rules read, so that the first file of a worker does not pay for loading the
# English lexicon, the rules, the model weights and (for a message end users read) the
# hyphenation dictionary that counts syllables.
_WARM_UP_SOURCE = (
    'def connect(port):\n'
    '    raise ValueError(f"Port {port} is invalid; pass --port N")\n'
    '\n\n'
    'class NumberField:\n'
    '    default_error_messages = {"invalid": "Enter the quantity as a whole number."}\n'
)


def warm_up(settings: Settings) -> None:
    """Load what the analysis loads on first use, before the runner forks its workers:
    loaded once in the parent, the workers share it instead of each loading it again."""
    analyze_source(_WARM_UP_SOURCE, "warm_up.py", settings)


T = TypeVar("T")


def _on_big_stack(func: Callable[..., T], *args: Any, recursion_limit: int = 0) -> T:
    """Call ``func`` on a thread with PARSER_STACK of stack, optionally with a higher recursion limit."""
    box: List[Any] = []

    def work() -> None:
        try:
            box.append((True, func(*args)))
        except BaseException as exc:  # noqa: BLE001 - handed back to the calling thread
            box.append((False, exc))

    with _STACK_LOCK:
        previous_limit = sys.getrecursionlimit()
        previous = threading.stack_size(PARSER_STACK)
        try:
            if recursion_limit > previous_limit:
                sys.setrecursionlimit(recursion_limit)
            worker = threading.Thread(target=work, name="helpful-errors-deep")
            worker.start()
            worker.join()
        finally:
            threading.stack_size(previous)
            sys.setrecursionlimit(previous_limit)
    ok, value = box[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


_STACK_LOCK = threading.Lock()
