"""The server's incremental judgment gives exactly the findings of judging the whole buffer."""

from __future__ import annotations

import random
from pathlib import Path
from typing import List

import pytest

from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source, reportable
from helpful_errors.model import Finding
from helpful_errors.server.incremental import Memory, judge

pytest.importorskip("lsprotocol", reason="the lsp extra (pygls) is part of the test extra; install with pip install -e '.[test]'")

BUFFER = '''"""A module whose messages depend on each other across functions."""
import logging
from gettext import gettext as _

log = logging.getLogger(__name__)
NOT_FOUND = "Item not found"


class StoreError(Exception):
    message = "Store failed"

    def __init__(self, item):
        super().__init__("Something went wrong")
        self.item = item

    def describe(self, item):
        raise StoreError(f"Invalid item {item}")

    @property
    def empty(self):
        raise ValueError("")


def load(path):
    if not path:
        raise StoreError()
    raise FileNotFoundError(NOT_FOUND)


async def fetch(url, timeout=3):
    log.error("Request failed")
    raise TimeoutError(_("Timed out"))


def connect(port):
    raise ValueError(f"Port {port} is invalid")  # noqa: HEM001
'''

EDITS = [
    ('"Invalid item {item}"', '"Invalid item {item!r}; pass an item from the catalogue"'),
    ("class StoreError(Exception):", "class StoreError:"),
    ('NOT_FOUND = "Item not found"', 'NOT_FOUND = "Item not found; add it with `store add NAME`"'),
    ("def load(path):\n", "def load(path):\n    \n    \n"),
    ('log.error("Request failed")', 'log.error("Request failed")\n    log.warning("Bad")'),
    ("  # noqa: HEM001", ""),
    ('"Something went wrong"', '"Store failed for this item"'),
    ('raise TimeoutError(_("Timed out"))', 'raise TimeoutError(_("Timed out"'),  # a syntax error
]


def whole(text: str, settings: Settings, path: str = "store.py") -> List[Finding]:
    return reportable(analyze_source(text, path, settings).findings, settings)


def test_every_edit_gives_the_findings_of_a_full_judgment() -> None:
    settings = Settings()
    memory = Memory()
    text = BUFFER
    assert judge(text, "store.py", settings, memory) == whole(text, settings)
    generator = random.Random(14)
    applied = [False] * len(EDITS)
    partial = 0
    for step in range(80):
        choice = generator.randrange(len(EDITS) + 1)
        if choice == len(EDITS):  # a new function above the last one
            text = text.replace("\n\n\ndef connect", f"\n\n\ndef extra_{step}(x):\n    raise KeyError(\"Missing key\")\n\n\ndef connect", 1)
        else:
            old, new = EDITS[choice]
            if applied[choice]:
                old, new = new, old
            applied[choice] = not applied[choice]
            text = text.replace(old, new, 1) if old else new + text
        runs = memory.full_runs
        assert judge(text, "store.py", settings, memory) == whole(text, settings), f"step {step}: edit {choice}"
        partial += memory.full_runs == runs
    assert partial > 10  # most edits did reuse unchanged functions


def test_a_file_wide_noqa_is_honoured() -> None:
    memory = Memory()
    judge(BUFFER, "store.py", Settings(), memory)
    assert judge("# flake8: noqa\n" + BUFFER, "store.py", Settings(), memory) == []


def test_changed_settings_judge_everything_again() -> None:
    memory = Memory()
    judge(BUFFER, "store.py", Settings(), memory)
    quiet = Settings(ignore=("HEM00",))
    assert judge(BUFFER, "store.py", quiet, memory) == whole(BUFFER, quiet)


def test_a_real_module_edited_line_by_line(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "examples" / "notes_app" / "cli.py"
    text = source.read_text(encoding="utf-8")
    settings, memory = Settings(), Memory()
    judge(text, "cli.py", settings, memory)
    lines = text.splitlines(keepends=True)
    for number in range(0, len(lines), max(1, len(lines) // 25)):
        edited = "".join(lines[:number] + ["\n"] + lines[number:])
        assert judge(edited, "cli.py", settings, memory) == whole(edited, settings, "cli.py"), f"blank line at {number + 1}"
