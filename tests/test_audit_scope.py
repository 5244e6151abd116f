"""What an audit covers by default, and what its reports say about the project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BAD = 'def connect(port):\n    raise ValueError("Connection failed")\n'
DEMO = BAD + '\n\nif __name__ == "__main__":\n    raise SystemExit("Bad")\n'


def audit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpful_errors", "audit", "--no-cache", *args], capture_output=True, text=True, cwd=cwd,
        check=False, env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1764547200"},
    )


def make_project(root: Path) -> None:
    (root / "pyproject.toml").write_text('[project]\nname = "shop"\n', encoding="utf-8")
    for path, text in {
        "shop/core.py": DEMO,
        "shop/broken.py": "def (:\n",
        "tests/test_core.py": BAD,
        "shop/tests/data/sample.py": BAD,
        "examples/demo.py": BAD,
        "shop/conftest.py": BAD,
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def test_tests_examples_and_main_blocks_are_left_out_by_default(tmp_path: Path) -> None:
    make_project(tmp_path)
    result = audit(tmp_path, ".", "--json", "audit.json")
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert sorted({f["path"] for f in data["findings"]}) == ["shop/broken.py", "shop/core.py"]
    assert [f["line"] for f in data["findings"] if f["path"] == "shop/core.py"] == [2]  # not the __main__ block's line 6
    assert "left out 4 test and example files and 1 `if __name__ == \"__main__\":` block; pass --all-code" in result.stdout
    everything = audit(tmp_path, ".", "--all-code", "--json", "all.json")
    every = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len({f["path"] for f in every["findings"]}) == 6 and "left out" not in everything.stdout


def test_a_folder_named_on_the_command_line_is_audited_whatever_its_name(tmp_path: Path) -> None:
    make_project(tmp_path)
    result = audit(tmp_path, "examples")
    assert "1 file, 1 message sites" in result.stdout.splitlines()[0]


def test_reports_name_the_project_the_date_and_every_unanalysable_file(tmp_path: Path) -> None:
    make_project(tmp_path)
    result = audit(tmp_path, ".", "--html", "audit.html", "--json", "audit.json")
    first = result.stdout.splitlines()[0]
    assert first.startswith("helpful-errors audit of shop on 2025-12-01: ")
    assert "1 file could not be analyzed (HEM000): shop/broken.py" in result.stdout
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert (data["project"], data["date"], data["unanalyzable_paths"]) == ("shop", "2025-12-01", ["shop/broken.py"])
    page = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert "<h1>Error message audit: shop</h1>" in page and "audited on 2025-12-01" in page
    assert "<li><code>shop/broken.py</code></li>" in page
    assert "text-overflow: ellipsis" not in page and "…" not in page  # labels are never clipped
