"""Every command in the README's console blocks runs as written on a fresh copy of the project.

Each ``$ command`` runs in bash in a committed copy of the repository (so that writing a
baseline or a report, or ``git add``, touches nothing here), with this environment's
scripts first on PATH. Output shown under a command must appear in what it prints (a line
``...`` stands for lines left out, ``...`` in a line for any text; dates may differ).
Skipped, and why, in ``SKIPPED``: only what needs the network or would run the suite
from inside itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, NamedTuple, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# A command's leading ``pip install ... &&`` is what CI's own install step has done already:
# installing again would need the package index. The rest of the line runs.
INSTALL_PREFIX = re.compile(r"^pip install [^&]+&&\s*")
SKIPPED = {
    "pip install -e '.[test]' && python -m pytest -q": "the test suite itself; CI runs exactly this command",
}
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class Command(NamedTuple):
    line: int
    text: str
    shown: Tuple[str, ...]


def console_commands(markdown: str) -> List[Command]:
    """The ``$ ...`` lines of every console block, with the output shown under each."""
    commands: List[Command] = []
    in_block = False
    current: List[str] = []
    start, text = 0, ""
    for number, line in enumerate(markdown.splitlines(), 1):
        if line.startswith("```"):
            if in_block and text:
                commands.append(Command(start, text, tuple(current)))
            in_block, text, current = line.strip() == "```console", "", []
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            if text:
                commands.append(Command(start, text, tuple(current)))
            start, text, current = number, line[2:], []
        else:
            current.append(line)
    return commands


COMMANDS = console_commands(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed files of this project, as a clone has them, in a git repository of their own."""
    dest = tmp_path_factory.mktemp("clone")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    names = [n for n in listed.stdout.decode().split("\0") if n] if listed.returncode == 0 else []
    if not names:  # not a git checkout (an sdist): copy the folders a clone has
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts and ".git" not in p.parts]
    for name in names:
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    env = environment(dest)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "clone"]):
        subprocess.run(["git", *args], cwd=dest, env=env, check=True, capture_output=True)
    return dest


def environment(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "HELPFUL_ERRORS_", "NO_COLOR", "FORCE_COLOR"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", HOME=str(home),
        GIT_AUTHOR_NAME="readme", GIT_AUTHOR_EMAIL="readme@example.com",
        GIT_COMMITTER_NAME="readme", GIT_COMMITTER_EMAIL="readme@example.com",
    )
    return env


def test_the_readme_has_console_commands() -> None:
    assert len(COMMANDS) >= 10
    assert set(SKIPPED) <= {c.text for c in COMMANDS}, "a skipped command is no longer in the README; drop it from SKIPPED"


@pytest.mark.parametrize("command", COMMANDS, ids=[f"line {c.line}" for c in COMMANDS])
def test_readme_command_runs_as_written(command: Command, fresh_clone: Path) -> None:
    if command.text in SKIPPED:
        pytest.skip(SKIPPED[command.text])
    script = INSTALL_PREFIX.sub("", command.text)
    proc = subprocess.run(["bash", "-c", script], cwd=fresh_clone, env=environment(fresh_clone),
                          capture_output=True, text=True, timeout=300, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode in (0, 1), f"README line {command.line}: {command.text}\nexit {proc.returncode}\n{output}"
    assert "Traceback" not in output
    printed = [DATE.sub("DATE", line.rstrip()) for line in output.splitlines()]
    for shown in command.shown:
        if shown.strip() in ("", "..."):
            continue
        pattern = re.compile(".*".join(re.escape(part) for part in DATE.sub("DATE", shown.rstrip()).split("...")))
        assert any(pattern.fullmatch(line) for line in printed), f"README line {command.line}: {command.text}\nshows {shown!r}, which it does not print:\n{output}"
