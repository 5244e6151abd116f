"""Read a file as Python source the way Python itself would, or say precisely why not.

Decoding follows Python's own rules (a UTF-8 byte order mark, else a PEP 263 coding
comment on line 1 or 2, else UTF-8), so that a file is read with the encoding Python would
use. ``python_tree`` asks the running Python's parser for the file's tree, which the
extractor walks (parsing never runs anything). It also guards LibCST's native parser, which
overflows its stack (and takes the process down) on nesting far deeper than Python accepts:
a file Python's parser rejects never reaches LibCST.
"""

from __future__ import annotations

import ast
import codecs
import io
import os
import re
import stat
import sys
import tokenize
import warnings
from dataclasses import dataclass
from typing import List, Optional, Tuple, Union

# tokenize's own pattern for a PEP 263 coding comment.
CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
NEWLINE = re.compile(r"\r\n|\r|\n")
EXCLUDE_HINT = "exclude it with 'extend-exclude' in [tool.helpful-errors]"
PYTHON = f"Python {sys.version_info[0]}.{sys.version_info[1]}"
PYTHON_GIVES_UP = f"{PYTHON} gives up compiling it: its expressions are nested too deeply"

KIND_UNREADABLE = "unreadable"
KIND_BINARY = "binary"
KIND_ENCODING = "encoding"
KIND_SYNTAX = "syntax"  # Python's parser accepts the code, LibCST (or, before a fix, the compiler) does not
KIND_UNPARSABLE = "unparsable"  # Python's parser rejects it: LibCST is not asked, its cost is unbounded there
KIND_TOO_DEEP = "too-deep"
KIND_TOO_LARGE = "too-large"


@dataclass(frozen=True)
class Problem:
    """Why a file cannot be analysed (``reason``) and what the user can do (``fix``)."""

    kind: str
    reason: str
    fix: str
    line: int = 1  # 1-based
    column: int = 0  # 0-based


@dataclass(frozen=True)
class Source:
    """Decoded text of a file, or the problem that stopped it (``text`` is then None)."""

    text: Optional[str]
    problem: Optional[Problem] = None


def decode(data: bytes) -> Source:
    """Decode bytes honouring the UTF-8 BOM and a PEP 263 coding cookie."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return Source(None, Problem(
            KIND_BINARY, f"it contains a NUL byte (line {line}), so it is binary data, not Python source",
            f"give the file another extension than .py, or {EXCLUDE_HINT}", line,
        ))
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return Source(None, _cookie_problem(data, str(exc.msg)))
    try:
        text = data.decode(encoding)
    except LookupError:  # a codec that exists but is not a text encoding, such as 'hex'
        return Source(None, Problem(
            KIND_ENCODING, f"its coding comment names '{encoding}', which is not a text encoding",
            "name a text encoding such as 'utf-8' or 'latin-1' in the coding comment, or remove the comment",
            _cookie_line(data) or 1,
        ))
    except UnicodeDecodeError as exc:
        return Source(None, _undecodable(data, encoding, exc))
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(text)


def _cookie_line(data: bytes) -> int:
    """The line (1 or 2) of the coding comment, 0 when there is none."""
    for number, line in enumerate(data.splitlines()[:2], start=1):
        if CODING.match(line[3:] if number == 1 and line.startswith(codecs.BOM_UTF8) else line):
            return number
    return 0


def _cookie_problem(data: bytes, message: str) -> Problem:
    """Turn tokenize's terse message about the encoding declaration into reason and fix."""
    line = _cookie_line(data) or 1
    if message.startswith("unknown encoding"):
        name = message.rsplit(":", 1)[-1].strip()
        return Problem(
            KIND_ENCODING, f"its coding comment on line {line} names the encoding '{name}', which Python does not know",
            "name an encoding Python knows, such as 'utf-8' or 'latin-1', in the coding comment (PEP 263)", line,
        )
    if message.startswith("encoding problem"):
        match = CODING.match(data.splitlines()[line - 1].replace(codecs.BOM_UTF8, b"", 1))
        declared = match.group(1).decode("ascii", "replace") if match else "another encoding"
        return Problem(
            KIND_ENCODING, f"it starts with a UTF-8 byte order mark, but its coding comment on line {line} declares '{declared}'",
            "remove the coding comment, or save the file without the byte order mark in the declared encoding", line,
        )
    # "invalid or missing encoding declaration": line 1 or 2 is not UTF-8 and nothing says what it is.
    return _undecodable(data, "utf-8", None)


def _undecodable(data: bytes, encoding: str, exc: Optional[UnicodeDecodeError]) -> Problem:
    if exc is None:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as first:
            exc = first
    start = exc.start if exc is not None else 0
    detail = f" ({exc.reason} at byte {start} of the file)" if exc is not None else ""
    line = data.count(b"\n", 0, start) + 1
    declared = _cookie_line(data)
    if declared:
        fix = f"save the file in the encoding its coding comment declares ('{encoding}'), or correct the comment on line {declared}"
    else:
        fix = "save the file as UTF-8, or declare its encoding with a coding comment on line 1, such as '# -*- coding: latin-1 -*-'"
    return Problem(KIND_ENCODING, f"line {line} is not valid {encoding}{detail}", fix, line)


def python_lines(text: str) -> List[str]:
    """The lines as Python counts them: only ``\\n``, ``\\r\\n`` and ``\\r`` end one (not ``\\f``)."""
    lines = NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def read_bytes(path: str) -> Optional[bytes]:
    """A file's bytes, or None when it cannot be read (the caller leaves the file as it is)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def read(path: str) -> Source:
    """Read and decode a file; unreadable files become a problem, never an exception."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # opening a named pipe would wait forever
            return Source(None, Problem(
                KIND_UNREADABLE, "it is not a regular file (a folder, named pipe, socket or device)",
                f"name the Python files themselves, or {EXCLUDE_HINT}",
            ))
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Source(None, unreadable(exc))
    return decode(data)


def unreadable(exc: OSError) -> Problem:
    """The problem for a file the operating system would not let us read."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return Problem(
        KIND_UNREADABLE, f"it cannot be read ({reason})",
        f"give the user running helpful-errors read access to the file, or {EXCLUDE_HINT}",
    )


def python_tree(source: Union[str, bytes], path: str) -> Tuple[Optional[ast.Module], Optional[Problem]]:
    """Python's tree of ``source``, or None and what stops Python's parser.

    Bytes are decoded by Python itself (BOM, coding comment), exactly as when it imports
    the file. Warnings that parsing emits (invalid escapes and the like) are not ours to print.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return compile(source, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True), None
        except SyntaxError as exc:  # IndentationError and TabError included
            return None, _syntax_problem(exc, parses=False)
        except (RecursionError, MemoryError, OverflowError):
            return None, too_deep(PYTHON_GIVES_UP)
        except ValueError as exc:  # "source code string cannot contain null bytes" on older Pythons
            return None, Problem(KIND_UNPARSABLE, f"{PYTHON} cannot compile it: {exc}", f"fix the file, or {EXCLUDE_HINT}")


def compile_problem(source: Union[str, bytes], path: str) -> Optional[Problem]:
    """What stops the running Python from compiling ``source``, or None when it compiles.

    Beyond the parser, the compiler rejects ``return`` outside a function or a late
    ``__future__`` import. A fix is written only to a file that compiles before and after
    it; the analysis itself needs only the parser's tree, and leaves the compiler's errors
    to the tools that report them (pyflakes' F7xx, ``python -m py_compile``).
    """
    tree, problem = python_tree(source, path)
    if tree is None:
        return problem
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(tree, path, "exec", dont_inherit=True)
        except SyntaxError as exc:
            return _syntax_problem(exc, parses=True)
        except (RecursionError, MemoryError, OverflowError):
            return too_deep(PYTHON_GIVES_UP)
    return None


def _syntax_problem(exc: SyntaxError, parses: bool) -> Problem:
    line = exc.lineno or 1
    column = (exc.offset - 1) if exc.offset else 0
    kind = type(exc).__name__
    what = "an indentation error" if kind in ("IndentationError", "TabError") else "a syntax error"
    return Problem(
        KIND_SYNTAX if parses else KIND_UNPARSABLE, f"{PYTHON} reports {what} at line {line}: {exc.msg}",
        f"fix the code at that line; if it is meant for a newer Python, run helpful-errors with that Python, or {EXCLUDE_HINT}",
        max(line, 1), max(column, 0),
    )


def repair_for_libcst(text: str) -> Optional[str]:
    """The text with the one construct LibCST rejects and Python accepts rewritten, or None.

    LibCST (1.x) cannot parse a parenthesized annotated target, ``(name): int = 1``, which
    the standard library's own tests use. The parentheses are dropped and the target padded
    with spaces, so every line and every other column stays where it was. Only called
    after LibCST failed on a file Python compiles, so the cost of ``ast.parse`` is rare.
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    starts = [0] + [m.end() for m in NEWLINE.finditer(text)]
    chars = list(text)
    changed = False
    for node in ast.walk(tree):
        if not isinstance(node, ast.AnnAssign) or node.lineno != node.annotation.lineno or node.lineno > len(starts):
            continue
        base = starts[node.lineno - 1]
        end_of_line = starts[node.lineno] if node.lineno < len(starts) else len(text)
        line = text[base:end_of_line].encode("utf-8")
        start = len(line[: node.col_offset].decode("utf-8", "replace"))
        stop = len(line[: node.annotation.col_offset].decode("utf-8", "replace"))
        colon = text.rfind(":", base + start, base + stop)
        target = text[base + start : colon]
        inner = target.strip()
        if not (inner.startswith("(") and inner.endswith(")")):
            continue
        while inner.startswith("(") and inner.endswith(")"):
            inner = inner[1:-1].strip()
        chars[base + start : colon] = inner.ljust(len(target))
        changed = True
    return "".join(chars) if changed else None


def too_large(size: int, limit_mb: float) -> Problem:
    """A file past the size limit: the cost of parsing grows with the size, and CI has a budget."""
    return Problem(
        KIND_TOO_LARGE, f"it has {size:,} bytes, more than the limit of {limit_mb:g} MB",
        f"set 'max-file-size-mb' in [tool.helpful-errors] to at least {size // 1_000_000 + 1} "
        f"to analyse it; if the file is generated, {EXCLUDE_HINT}",
    )


def too_deep(reason: str) -> Problem:
    """Code nested so deeply that a parser or our walk cannot follow it."""
    return Problem(
        KIND_TOO_DEEP, reason,
        f"split the deeply nested expression into smaller statements; if the file is generated, {EXCLUDE_HINT}",
    )
