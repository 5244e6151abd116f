"""Judge an edited buffer again without re-parsing the functions the edit did not touch.

LibCST parses about 0.7 MB a second, too slow to parse a 2,000-line file on every
keystroke. A buffer is cut into *chunks*: top-level functions and the non-dunder methods of
top-level classes. Everything else (imports, constants, class headers and attributes,
dunder methods, which give exception classes their default messages) is the *context*:
it decides how messages in every chunk are read, so a change to it judges the whole buffer
again. When only chunks changed, the buffer is analysed as the context plus the changed
chunks, each unchanged chunk replaced by blank lines (a method by a one-line stub first, so that
its class keeps a body), so that lines
and columns stay where they are; findings of unchanged chunks are reused, moved to where
the chunk now starts. Whatever this cannot decide safely (a buffer Python cannot parse,
a file-wide ``# flake8: noqa``, a rule that compares messages across the file other than
those in ``FILE_WIDE_RULES_SAFE``, a file-level problem) is judged whole.
A test checks that both ways give the same findings over many edits.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from ..config import Settings
from ..engine import analyze_source, reportable
from ..model import UNANALYZABLE, Finding
from ..noqa import NOQA_FILE
from ..source import python_lines

STUB = "def __elided__(): pass"
# Rules with a file-wide pass that chunks cannot break, and why.
FILE_WIDE_RULES_SAFE = {
    "HEM003": "its file-wide input, the default messages of exception classes, is in the context",
    "HEM017": "its file pass reports nothing; it compares files in the check command only",
}


@dataclass(frozen=True)
class Chunk:
    start: int  # first line, 1-based (its first decorator)
    end: int  # last line
    indent: str


@dataclass
class Memory:
    """What the last judgment of a buffer leaves for the next one."""

    context: str = ""  # the buffer with every chunk stubbed out, see _context_key
    chunks: Dict[str, Tuple[Finding, ...]] = field(default_factory=dict)  # chunk text -> findings, lines from 0
    full_runs: int = 0  # how many judgments parsed the whole buffer (for tests and the benchmark)
    settings: Optional[Settings] = None  # what the remembered findings were judged with


def chunks_of(text: str) -> Optional[List[Chunk]]:
    """The chunks of ``text``, or None when Python cannot parse it."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = python_lines(text)
    found: List[Chunk] = []

    def add(node: ast.AST) -> None:
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        end = node.end_lineno or node.lineno
        line = lines[start - 1] if start <= len(lines) else ""
        found.append(Chunk(start, end, line[: len(line) - len(line.lstrip())]))

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            add(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("__"):
                    add(item)
    return found


def _stubbed(lines: Sequence[str], chunks: Sequence[Chunk], keep: Sequence[Chunk] = ()) -> str:
    out = list(lines)
    kept = set(keep)
    for chunk in chunks:
        if chunk in kept:
            continue
        out[chunk.start - 1] = chunk.indent + STUB if chunk.indent else ""  # a class body must not end up empty
        for number in range(chunk.start, chunk.end):
            out[number] = ""
    return "\n".join(out) + "\n"


def _context_key(lines: Sequence[str], chunks: Sequence[Chunk]) -> str:
    """The context without positions: each chunk one marker line, so that lines added
    inside a function do not count as a change of the context."""
    out: List[str] = []
    previous = 0
    for chunk in chunks:
        out += lines[previous : chunk.start - 1]
        out.append(chunk.indent + STUB)
        previous = chunk.end
    out += lines[previous:]
    return "\n".join(out)


def _inside(finding: Finding, chunk: Chunk) -> bool:
    return chunk.start <= finding.line <= chunk.end


def _moved(finding: Finding, by: int) -> Finding:
    fix = finding.fix
    if fix is not None:  # the fix's edits move with the finding
        fix = replace(fix, edits=tuple(replace(e, line=e.line + by, end_line=e.end_line + by) for e in fix.edits))
    return replace(finding, line=finding.line + by, end_line=finding.end_line + by, fix=fix)


def judge(text: str, path: str, settings: Settings, memory: Memory) -> List[Finding]:
    """The reportable findings of ``text``, reusing what ``memory`` holds; ``memory`` is updated."""
    if memory.settings != settings:
        memory.context, memory.chunks, memory.settings = "", {}, settings
    file_noqa = "noqa" in text.lower() and any(NOQA_FILE.match(line) for line in python_lines(text))
    chunks = None if file_noqa else chunks_of(text)
    if chunks is None or _file_wide_rules(settings, path):
        memory.context, memory.chunks = "", {}
        memory.full_runs += 1
        return reportable(analyze_source(text, path, settings).findings, settings)
    lines = python_lines(text)
    sources = ["\n".join(lines[c.start - 1 : c.end]) for c in chunks]
    context = _context_key(lines, chunks)
    changed = [c for c, s in zip(chunks, sources) if context != memory.context or s not in memory.chunks]
    if len(changed) == len(chunks) or context != memory.context:
        analysed = _analyse(text, path, settings)
        memory.full_runs += 1
    else:
        analysed = _analyse(_stubbed(lines, chunks, keep=changed), path, settings)
    if any(f.code == UNANALYZABLE for f in analysed) or any(f.code == UNANALYZABLE for s in sources for f in memory.chunks.get(s, ())):
        memory.context, memory.chunks = "", {}
        memory.full_runs += 1
        return reportable(analyze_source(text, path, settings).findings, settings)
    fresh = set(changed)
    findings = [f for f in analysed if not any(_inside(f, c) for c in chunks) or any(_inside(f, c) for c in changed)]
    remembered: Dict[str, Tuple[Finding, ...]] = {}
    for chunk, source in zip(chunks, sources):
        if chunk in fresh:
            remembered[source] = tuple(_moved(f, -chunk.start) for f in analysed if _inside(f, chunk))
        else:
            remembered[source] = memory.chunks[source]
            findings.extend(_moved(f, chunk.start) for f in remembered[source])
    memory.context, memory.chunks = context, remembered
    return reportable(findings, settings)


def _analyse(text: str, path: str, settings: Settings) -> List[Finding]:
    return list(analyze_source(text, path, settings).findings)


def _file_wide_rules(settings: Settings, path: str) -> bool:
    """Whether a rule that judges the file compares messages across the file in a way chunks cannot see."""
    from ..checks.judge import rules_for

    return any(r.per_file and r.code not in FILE_WIDE_RULES_SAFE for r in rules_for(settings, path)[0])
