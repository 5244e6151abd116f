"""Which rules take part in a run: stable rules always, preview rules only by their full code.

One function (``Settings.takes_part``) decides it for the judge, the package pass and the
language server; a stand-in preview rule that fires on every message shows that a prefix
such as ``HEM`` or ``HEM0`` never turns a preview rule on.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator

import pytest

from helpful_errors import rulebook
from helpful_errors.checks import judge
from helpful_errors.checks.registry import Rule, rules
from helpful_errors.checks.rule import Hit
from helpful_errors.config import Settings, settings_from_table
from helpful_errors.engine import analyze_source
from helpful_errors.server.incremental import _file_wide_rules

FAKE = "HEM099"
SOURCE = 'def f(port):\n    raise ValueError(f"Port {port} is invalid; pass a number from 1 to 65535")\n'


@pytest.mark.parametrize(
    "settings, status, expected",
    [
        (Settings(), "stable", True),
        (Settings(select=("HEM001",), ignore=("HEM002",)), "stable", True),  # judges even where not reported
        (Settings(), "preview", False),
        (Settings(select=("HEM0",)), "preview", False),
        (Settings(select=("HEM", "HEM017")), "preview", True),
        (Settings(select=("HEM017",), ignore=("HEM017",)), "preview", False),
        (Settings(select=("HEM017",)), "deprecated", False),
        (Settings(select=("HEM017",)), "removed", False),
    ],
)
def test_takes_part(settings: Settings, status: str, expected: bool) -> None:
    assert settings.takes_part("HEM017", status) is expected


def test_extend_select_names_a_preview_rule() -> None:
    settings = settings_from_table({"extend-select": ["HEM017"]}, Path("pyproject.toml"))
    assert settings.takes_part("HEM017", "preview")
    assert not settings_from_table({"extend-select": ["HEM01"]}, Path("pyproject.toml")).takes_part("HEM017", "preview")


@pytest.fixture
def preview_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[Rule]:
    """A preview rule that fires on every message and has a file pass, next to the real rules."""
    record = replace(rulebook.get("HEM013"), code=FAKE, name="stand-in-preview", status="preview", supersedes=())
    module = SimpleNamespace(
        CODE=FAKE,
        check_file=lambda messages, options: [(m, Hit.of()) for m in messages],
    )
    fake = Rule(record, module)  # type: ignore[arg-type]
    monkeypatch.setattr(judge, "rules", lambda: (*rules(), fake))
    yield fake


def codes(settings: Settings) -> list:
    return [f.code for f in analyze_source(SOURCE, "app.py", settings).findings]


@pytest.mark.parametrize("select", [("HEM",), ("HEM0",), ("HEM09",)])
def test_a_prefix_does_not_run_a_preview_rule(preview_rule: Rule, select: tuple) -> None:
    assert codes(Settings(select=select)) == []
    assert not _file_wide_rules(Settings(select=select), "app.py")  # the language server keeps its chunks


def test_the_full_code_runs_a_preview_rule(preview_rule: Rule) -> None:
    assert codes(Settings(select=("HEM", FAKE))) == [FAKE]
    assert _file_wide_rules(Settings(select=("HEM", FAKE)), "app.py")
    assert codes(Settings(select=("HEM", FAKE), ignore=(FAKE,))) == []


def test_package_pass_runs_only_by_the_full_code(tmp_path: Path) -> None:
    from helpful_errors.checks.package import judge_package
    from helpful_errors.engine import analyze_path

    folder = tmp_path / "pkg"
    folder.mkdir()
    body = "".join(f"def f{i}(x):\n    raise ValueError(f'the value {{x}} of part {i} is too big; pass a smaller one')\n" for i in range(12))
    (folder / "a.py").write_text(body + "def g(x):\n    raise ValueError(f'The value {x} is too big; pass a smaller one.')\n")
    for select in (("HEM",), ("HEM0",), ("HEM01",)):
        results = [analyze_path(str(folder / "a.py"), Settings(select=select))]
        assert judge_package(results, Settings(select=select)) == []
    selected = Settings(select=("HEM017",))
    assert [f.code for f in judge_package([analyze_path(str(folder / "a.py"), selected)], selected)] == ["HEM017"]
