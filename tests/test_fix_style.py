"""The HEM008 fix keeps the first letter's case consistent with the package's style (issue 13).

In a run over several files the package decides: the messages of every file of the run under
the same top-level package folder. With one file, the file's own messages decide.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict

import pytest
from click.testing import CliRunner

from helpful_errors.cli import main
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path
from helpful_errors.fix.style import Capitals, package_capitals, top_level_package

LOWER = (
    "def open_config(path):\n"
    "    raise FileNotFoundError(f'cannot open {path}: it does not exist; create it or pass --config')\n"
    "\n\n"
    "def read_port(text):\n"
    "    raise ValueError(f'cannot read the port {text!r}: write a number from 1 to 65535')\n"
    "\n\n"
    "def read_mode(text):\n"
    "    raise ValueError(f'unknown mode {text!r}; use one of fast, safe')\n"
)
LABELED = (
    "def check_size(size):\n"
    "    if size < 0:\n"
    "        raise ValueError(f'Size {size} is below zero; pass a size of 0 or more')\n"
    "    raise ValueError(f'Error: bad size {size!r}; pass a size below 100')\n"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``shop`` (a package with a subpackage) writes lowercase messages; ``tools`` is a folder of scripts."""
    for folder in ("shop", "shop/orders", "tools"):
        (tmp_path / folder).mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "orders" / "__init__.py").write_text("")
    (tmp_path / "shop" / "config.py").write_text(LOWER)
    (tmp_path / "shop" / "orders" / "size.py").write_text(LABELED)
    (tmp_path / "tools" / "size.py").write_text(LABELED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def diff(*paths: str) -> str:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--diff", *paths], catch_exceptions=False)
    return result.output


def test_several_files_follow_the_package(tree: Path) -> None:
    out = diff("shop", "tools")
    assert "+    raise ValueError(f'bad size {size!r}; pass a size below 100')" in out  # shop: 3 lowercase to 1 capital
    assert "+    raise ValueError(f'Bad size {size!r}; pass a size below 100')" in out  # tools: its own capital message
    assert out.count("+++ b/") == 2


def test_one_file_follows_the_file(tree: Path) -> None:
    out = diff("shop/orders/size.py")
    assert "+    raise ValueError(f'Bad size {size!r}; pass a size below 100')" in out


def test_fix_writes_the_package_style(tree: Path) -> None:
    CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--fix", "shop"], catch_exceptions=False)
    assert "raise ValueError(f'bad size {size!r}; pass a size below 100')" in (tree / "shop" / "orders" / "size.py").read_text()


def test_the_reports_show_the_fix_that_fix_would_write(tree: Path) -> None:
    """JSON and SARIF carry the package's style too, not the file's own."""
    def edits(path: str) -> list:
        out = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--format", "json", path], catch_exceptions=False)
        (labeled,) = [item for item in json.loads(out.output) if item["code"] == "HEM008"]
        return [(e["location"]["column"], e["end_location"]["column"], e["content"]) for e in labeled["fix"]["edits"]]

    assert edits("shop") == [(24, 31, "")]  # drops "Error: ", keeps the package's lowercase "bad"
    assert edits("shop/orders/size.py") == [(24, 32, "B")]  # alone, the file's capital style


def test_top_level_package(tree: Path) -> None:
    assert top_level_package(str(tree / "shop" / "orders")) == str(tree / "shop")
    assert top_level_package(str(tree / "shop")) == str(tree / "shop")
    assert top_level_package(str(tree / "tools")) == str(tree / "tools")


def test_package_capitals_count_the_other_files_only(tree: Path) -> None:
    paths = ["shop/config.py", "shop/orders/size.py", "tools/size.py"]
    counted: Dict[str, Capitals] = package_capitals([analyze_path(p, Settings(select=("HEM",))) for p in paths])
    assert counted == {
        "shop/config.py": Capitals(upper=2, lower=0),  # the other file's two capitals ("Error" and "Size")
        "shop/orders/size.py": Capitals(upper=0, lower=3),
        "tools/size.py": Capitals(),
    }


def test_a_warm_run_shows_the_package_style_without_loading_libcst(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The fix made again in the package's style is cached with the file's result: the second
    run reports the same edits, and LibCST, which only making a fix needs, is never imported."""
    import os
    import subprocess
    import sys

    cache = tmp_path_factory.mktemp("cache")
    program = (
        "import sys\n"
        "from helpful_errors.cli import main\n"
        "try:\n"
        "    main(['check', '--jobs', '1', '--format', 'json', 'shop'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('libcst loaded' if 'libcst' in sys.modules else 'libcst not loaded')\n"
    )
    env = {**os.environ, "HELPFUL_ERRORS_CACHE_DIR": str(cache)}
    cold = subprocess.run([sys.executable, "-c", program], cwd=tree, env=env, capture_output=True, text=True, timeout=300)
    warm = subprocess.run([sys.executable, "-c", program], cwd=tree, env=env, capture_output=True, text=True, timeout=300)
    assert cold.stderr.endswith("libcst loaded")
    assert warm.stderr.endswith("libcst not loaded"), warm.stderr
    assert warm.stdout == cold.stdout
    (labeled,) = [item for item in json.loads(warm.stdout) if item["code"] == "HEM008"]
    assert [e["content"] for e in labeled["fix"]["edits"]] == [""]  # the package's lowercase "bad"


def test_a_fix_is_made_again_only_where_the_package_changes_its_style(tree: Path) -> None:
    from helpful_errors.fix.restyle import style_changes

    paths = ["shop/config.py", "shop/orders/size.py", "tools/size.py"]
    results = [analyze_path(p, Settings(select=("HEM",))) for p in paths]
    outside = package_capitals(results)
    assert [style_changes(r, outside[r.path]) for r in results] == [False, True, False]
    # Capitals that agree with the file's own style change nothing.
    assert not style_changes(results[1], Capitals(upper=5, lower=0))
