"""``[tool.helpful-errors]``: where it is found, what each key does, and how mistakes read."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpful_errors.config import DEFAULT_EXCLUDE, ConfigError, Settings, find_pyproject, load_settings

FULL_TABLE = """
[project]
name = "demo"

[tool.helpful-errors]
select = ["HEM"]
extend-select = ["HEM002"]
ignore = ["HEM002"]
extend-ignore = ["HEM0"]
per-file-ignores = {"tests/*" = ["HEM001"], "scripts/*.py" = "HEM"}
exclude = ["build", "*_pb2.py"]
extend-exclude = ["legacy"]
audience = "cli"
"""


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_pyproject_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(str(tmp_path))
    assert (settings.select, settings.ignore, settings.exclude, settings.source) == (("HEM",), (), DEFAULT_EXCLUDE, "")
    assert settings.code_enabled("HEM001")


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, FULL_TABLE)
    settings = load_settings(str(tmp_path))
    assert settings.source == str(path)
    assert settings.root == str(tmp_path.resolve())
    assert settings.select == ("HEM", "HEM002")
    assert settings.ignore == ("HEM002", "HEM0")
    assert settings.per_file_ignores == (("tests/*", ("HEM001",)), ("scripts/*.py", ("HEM",)))
    assert settings.exclude == ("build", "*_pb2.py")
    assert settings.extend_exclude == ("legacy",)
    assert settings.audience == "cli"


def test_nearest_pyproject_with_the_table_wins(tmp_path: Path) -> None:
    write(tmp_path, '[tool.helpful-errors]\nignore = ["HEM001"]\n')
    write(tmp_path / "sub", '[project]\nname = "sub"\n')  # nearer, but without our table
    (tmp_path / "sub" / "pkg").mkdir()
    assert find_pyproject(str(tmp_path / "sub" / "pkg")) == tmp_path / "pyproject.toml"
    assert load_settings(str(tmp_path / "sub" / "pkg" / "mod.py")).ignore == ("HEM001",)


def test_nearest_table_shadows_a_parent_table(tmp_path: Path) -> None:
    write(tmp_path, '[tool.helpful-errors]\nignore = ["HEM001"]\n')
    write(tmp_path / "inner", '[tool.helpful-errors]\nignore = ["HEM002"]\n')
    assert load_settings(str(tmp_path / "inner")).ignore == ("HEM002",)


def test_explicit_config_file(tmp_path: Path) -> None:
    path = write(tmp_path / "elsewhere", '[tool.helpful-errors]\naudience = "library"\n')
    assert load_settings(str(tmp_path), str(path)).audience == "library"


def test_select_and_ignore_longest_prefix_wins() -> None:
    settings = Settings(select=("HEM", "HEM002"), ignore=("HEM00",))
    assert settings.code_enabled("HEM002")  # select HEM002 is longer than ignore HEM00
    assert not settings.code_enabled("HEM001")  # ignore HEM00 is longer than select HEM
    assert Settings(select=("HEM001",)).code_enabled("HEM002") is False


def test_per_file_ignores_match_relative_paths(tmp_path: Path) -> None:
    write(tmp_path, '[tool.helpful-errors]\nper-file-ignores = {"tests/*" = ["HEM001"], "scripts/*.py" = "HEM"}\n')
    settings = load_settings(str(tmp_path))
    assert not settings.code_enabled("HEM001", str(tmp_path / "tests" / "test_app.py"))
    assert settings.code_enabled("HEM003", str(tmp_path / "tests" / "test_app.py"))
    assert not settings.code_enabled("HEM003", str(tmp_path / "scripts" / "deploy.py"))
    assert settings.code_enabled("HEM001", str(tmp_path / "src" / "app.py"))


def test_exclude_and_extend_exclude(tmp_path: Path) -> None:
    write(tmp_path, FULL_TABLE)
    settings = load_settings(str(tmp_path))
    assert settings.excluded(str(tmp_path / "build" / "lib" / "x.py"))
    assert settings.excluded(str(tmp_path / "proto" / "api_pb2.py"))
    assert settings.excluded(str(tmp_path / "legacy" / "old.py"))
    assert not settings.excluded(str(tmp_path / "src" / "app.py"))


def test_vendored_code_is_excluded_by_default(tmp_path: Path) -> None:
    from helpful_errors.files import discover

    names = ["_vendor", "_vendored", "vendor", "vendored", "third_party", "site-packages"]
    for name in names:
        (tmp_path / "app" / name / "lib").mkdir(parents=True)
        (tmp_path / "app" / name / "lib" / "mod.py").write_text("x = 1\n")
    (tmp_path / "app" / "own.py").write_text("x = 1\n")
    (tmp_path / "app" / "vendors.py").write_text("x = 1\n")  # only folders of those names are vendored
    found, _ = discover([str(tmp_path / "app")], Settings(root=str(tmp_path)))
    assert sorted(Path(f).name for f in found) == ["own.py", "vendors.py"]
    named = str(tmp_path / "app" / "vendor" / "lib" / "mod.py")
    assert discover([named], Settings(root=str(tmp_path)), force_exclude=True)[0] == []
    own_list = Settings(root=str(tmp_path), exclude=("build",))  # a project's exclude replaces the defaults
    assert len(discover([str(tmp_path / "app")], own_list)[0]) == len(names) + 2


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('selct = ["HEM"]', ["'selct'", "did you mean 'select'?"]),
        ('per_file_ignores = {}', ["'per_file_ignores'", "did you mean 'per-file-ignores'?"]),
        ("select = \"HEM\"", ["'select'", "must be a list of code prefixes", "got str"]),
        ("exclude = [3]", ["'exclude'", "glob strings"]),
        ('per-file-ignores = {"a/*" = 1}', ["'a/*'", "list of codes"]),
        ('audience = "qqq"', ["audience 'qqq'", "use one of"]),
        ('ignore = ["HEM0001"]', ["unknown code 'HEM0001'", "did you mean 'HEM001'?"]),
        ('ignore = [1]', ["'ignore'", "must be strings"]),
        ('extend-sinks = "ui.error_write"', ["'extend-sinks'", "list of tables", 'call = "ui.error_write"']),
        ("extend-sinks = [1]", ["entry 1 of 'extend-sinks'", "must be a table"]),
        ('extend-sinks = [{ call = "ui.error_write" }]', ["entry 1", "add arg = 0"]),
        ('extend-sinks = [{ call = "ui.error_write", arg = -1 }]', ["arg = -1", "from 0"]),
        ('extend-sinks = [{ call = "ui.error write", arg = 0 }]', ["needs 'call'", "dotted name"]),
        ('extend-sinks = [{ call = "ui.error_write", arg = 0, kind = "popup" }]', ["kind = 'popup'", "'cli'"]),
        ('extend-sinks = [{ call = "ui.error_write", arg = 0, audience = "users" }]', ["audience = 'users'", "'end-user'"]),
        ('extend-sinks = [{ call = "ui.error_write", pos = 0 }]', ["unknown key 'pos'", "use only call, arg"]),
    ],
)
def test_mistakes_name_the_file_the_key_and_the_fix(tmp_path: Path, table: str, expected: list) -> None:
    path = write(tmp_path, f"[tool.helpful-errors]\n{table}\n")
    with pytest.raises(ConfigError) as info:
        load_settings(str(tmp_path))
    text = str(info.value)
    assert text.startswith(f"{path}: ")
    for piece in expected:
        assert piece in text


def test_malformed_toml_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "[tool.helpful-errors]\nselect = [\"HEM\"\nignore = []\n")
    with pytest.raises(ConfigError) as info:
        load_settings(str(tmp_path))
    text = str(info.value)
    assert text.startswith(f"{path}:3:1: the TOML is malformed (")
    assert text.endswith("fix the syntax at line 3, column 1")
    assert "(at line" not in text  # said once, in the form editors jump to


def test_table_that_is_not_a_table(tmp_path: Path) -> None:
    write(tmp_path, '[tool]\nhelpful-errors = "on"\n')
    with pytest.raises(ConfigError, match="must be a table of settings"):
        load_settings(str(tmp_path))


def test_extend_sinks_are_read_and_key_the_cache(tmp_path: Path) -> None:
    write(tmp_path, '[tool.helpful-errors]\nextend-sinks = [{ call = "ui.error_write", arg = 1, keyword = "text", audience = "end-user" }]\n')
    settings = load_settings(str(tmp_path))
    (spec,) = settings.extend_sinks
    assert (spec.call, spec.arg, spec.keyword, spec.kind, spec.audience) == ("ui.error_write", 1, "text", "cli", "end-user")
    assert settings.fingerprint() != Settings(root=settings.root).fingerprint()


@pytest.mark.parametrize("patterns", [("build",), ("*_pb2.py",), ("pkg/gen",), ("pkg/gen/*.py",), ("gen*",), ("x.py",)])
def test_a_file_in_a_clear_folder_is_judged_by_its_path_and_name_alone(tmp_path: Path, patterns: tuple) -> None:
    """The walk checks each folder once; for a file in a folder none of whose parts is
    excluded, the shortcut gives the same answer as checking every part again."""
    settings = Settings(root=str(tmp_path), extend_exclude=patterns)
    files = ["x.py", "pkg/x.py", "pkg/gen/x.py", "pkg/gen/y_pb2.py", "build/x.py", "pkg/generated.py", "a/b/c/x.py"]
    for name in files:
        path = str(tmp_path / name)
        if settings.excluded(str(Path(path).parent)):
            continue
        assert settings.excluded_entry(settings.relative(path), Path(path).name) == settings.excluded(path), (name, patterns)
