"""The pre-commit hook, run for real with ``pre-commit try-repo``.

try-repo clones a repository at a commit (plus changes to tracked files), so the test
copies this project into a temporary git repository and commits it there; the working
tree under test may hold files that are not committed yet. pre-commit then installs the
hook into its own environment, which needs the package index (about 15 seconds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None,
    reason="needs pre-commit installed next to this Python (pip install pre-commit) and git on PATH",
)


def git_env(home: Path) -> Dict[str, str]:
    """An environment where git and pre-commit see only the temporary repositories."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.com",
        PRE_COMMIT_HOME=str(home / "pre-commit-home"), HOME=str(home),
    )
    return env


def git(args: List[str], cwd: Path, env: Dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def committed_copy_of_this_project(dest: Path, env: Dict[str, str]) -> Path:
    shutil.copytree(
        ROOT, dest,
        ignore=shutil.ignore_patterns(".git", ".venv", ".ci-venv", "__pycache__", "*.egg-info", ".pytest_cache",
                                      ".hypothesis", ".mypy_cache", ".helpful-errors-cache", "build", "dist"),
    )
    git(["init", "-q"], dest, env)
    git(["add", "-A"], dest, env)
    git(["commit", "-q", "-m", "snapshot"], dest, env)
    return dest


def test_manifest_is_valid() -> None:
    proc = subprocess.run([str(PRE_COMMIT), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_try_repo_fails_on_a_state_only_message(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    hook_repo = committed_copy_of_this_project(tmp_path / "hook-repo", env)
    target = tmp_path / "target"
    target.mkdir()
    (target / "service.py").write_text('def start(port):\n    raise ValueError(f"Port {port} is invalid")\n', encoding="utf-8")
    (target / "fine.py").write_text(
        'def stop(pid):\n    raise ValueError(f"Process {pid} is gone; run \'svc status\' to list running processes")\n',
        encoding="utf-8",
    )
    (target / "notes.txt").write_text('raise ValueError("not Python, not checked")\n', encoding="utf-8")
    # pre-commit names every file, so only --force-exclude (in the hook's entry) keeps this one out.
    (target / "pyproject.toml").write_text('[tool.helpful-errors]\nextend-exclude = ["legacy"]\n', encoding="utf-8")
    (target / "legacy").mkdir()
    (target / "legacy" / "old.py").write_text('def load(path):\n    raise ValueError(f"Path {path} is invalid")\n', encoding="utf-8")
    git(["init", "-q"], target, env)
    git(["add", "-A"], target, env)
    git(["commit", "-q", "-m", "init"], target, env)

    proc = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), "helpful-errors", "--all-files"],
        cwd=target, env=env, capture_output=True, text=True, timeout=600,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "helpful-errors" in output and "Failed" in output
    assert "service.py:2:22: HEM001 " in output
    assert "fine.py" not in output and "notes.txt" not in output
    assert "legacy/old.py" not in output
