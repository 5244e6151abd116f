"""The result cache: hits without parsing, invalidation, and never a failure because of it."""

from __future__ import annotations

import hashlib
import hmac
import multiprocessing
import os
import stat
import pickle
from pathlib import Path
from typing import Iterator, List

import pytest

from helpful_errors import cache as cache_module
from helpful_errors.cache import CACHE_ENV, DEFAULT_FOLDER, Cache
from helpful_errors.cache_entry import FORMAT_TAG, decode, encode
from helpful_errors.cache_key import KEY_SIZE, key_path, load_key
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path
from helpful_errors.model import FileResult, Finding, MessageSite, ModuleUse, Slot, Span, Template
from helpful_errors.runner import run_files

STATE_ONLY = 'def connect(port):\n    raise ValueError(f"Port {port} is invalid")\n'
KEY = b"k" * KEY_SIZE
LOGGING = 'import logging\n\ndef load(path):\n    logging.getLogger().error("Config %s not found", path)\n'


@pytest.fixture
def parses(libcst_parses: List[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[List[str]]:
    """Every source text LibCST is asked to parse, with the cache in its default place."""
    monkeypatch.delenv(CACHE_ENV, raising=False)
    yield libcst_parses


def project(root: Path) -> List[str]:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text(STATE_ONLY, encoding="utf-8")
    (root / "pkg" / "b.py").write_text(LOGGING, encoding="utf-8")
    return [str(root / "pkg" / "a.py"), str(root / "pkg" / "b.py")]


def entries(root: Path) -> List[Path]:
    return [p for p in (root / DEFAULT_FOLDER).rglob("*") if p.is_file() and p.name not in (".gitignore", cache_module.NAMESPACE_MARKER)]


def test_second_run_parses_nothing(tmp_path: Path, parses: List[str]) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    assert len(parses) == 2
    second = run_files(files, settings, jobs=1)
    assert len(parses) == 2, "a warm run must not parse"
    assert second == first == [analyze_path(f, settings) for f in files]
    assert any(r.findings for r in first), "the cached results must carry findings to be a real check"


def test_location_is_ignored_by_git(tmp_path: Path, parses: List[str]) -> None:
    files = project(tmp_path)
    run_files(files, Settings(root=str(tmp_path)), jobs=1)
    folder = tmp_path / DEFAULT_FOLDER
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert len(entries(tmp_path)) == 2


def test_environment_variable_moves_the_cache(tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = project(tmp_path / "proj")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    run_files(files, Settings(root=str(tmp_path / "proj")), jobs=1)
    assert not (tmp_path / "proj" / DEFAULT_FOLDER).exists()
    assert (tmp_path / "elsewhere" / ".gitignore").is_file()
    names = sorted(p.name for p in (tmp_path / "elsewhere").rglob("*") if p.is_file())
    assert names[:2] == [".gitignore", cache_module.NAMESPACE_MARKER] and len(names) == 4


def test_changed_content_is_analysed_again(tmp_path: Path, parses: List[str]) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    run_files(files, settings, jobs=1)
    guiding = STATE_ONLY.replace("is invalid", "is invalid; pass a number from 1 to 65535")
    Path(files[0]).write_text(guiding, encoding="utf-8")
    results = run_files(files, settings, jobs=1)
    assert parses[-1] == guiding and len(parses) == 3
    assert results[0] == analyze_path(files[0], settings)
    assert results[0].sites[0].text == "Port {port} is invalid; pass a number from 1 to 65535"


def test_changed_settings_miss(tmp_path: Path, parses: List[str]) -> None:
    files = project(tmp_path)
    run_files(files, Settings(root=str(tmp_path)), jobs=1)
    ignoring = Settings(root=str(tmp_path), ignore=("HEM001",))
    results = run_files(files, ignoring, jobs=1)
    assert len(parses) == 4
    assert results == [analyze_path(f, ignoring) for f in files]


def test_changed_version_or_code_misses(tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    run_files(files, settings, jobs=1)
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    run_files(files, settings, jobs=1)
    assert len(parses) == 4
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "a rule was edited")
    run_files(files, settings, jobs=1)
    assert len(parses) == 6


def test_code_fingerprint_covers_the_rulebook(tmp_path: Path) -> None:
    package = Path(cache_module.__file__).parent
    rulebook = [package / "rulebook", package.parent.parent / "rules"]
    assert any(p.is_dir() for p in rulebook), "the fingerprint must find the rulebook it hashes"
    (tmp_path / "HEM001.toml").write_text('help = "Say what to do"\n')
    fingerprint = cache_module.code_fingerprint.__wrapped__  # once per process in real runs
    before = fingerprint((tmp_path,))
    assert fingerprint((tmp_path,)) == before
    (tmp_path / "HEM001.toml").write_text('help = "Say what to do next"\n')
    assert fingerprint((tmp_path,)) != before, "editing a rule must invalidate the cache"


def test_code_fingerprint_follows_the_bytes_not_the_times(tmp_path: Path) -> None:
    rule = tmp_path / "HEM001.toml"
    rule.write_text('help = "Say what to do"\n')
    fingerprint = cache_module.code_fingerprint.__wrapped__
    before = fingerprint((tmp_path,))
    os.utime(rule, ns=(2_000_000_000, 2_000_000_000))
    assert fingerprint((tmp_path,)) == before, "a fresh install of the same code keeps a restored cache"
    rule.write_text('help = "Say what to dO"\n')
    edited = fingerprint((tmp_path,))
    assert edited != before, "an edit of the same size must invalidate the cache"
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"bytecode")
    assert fingerprint((tmp_path,)) == edited, "writing bytecode is not an edit of the tool's code"


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: b"not a cache entry at all",
        lambda blob: FORMAT_TAG + b"\0" * 40,
    ],
    ids=["empty", "truncated", "flipped-bit", "garbage", "bad-digest"],
)
def test_corrupt_entry_is_discarded(tmp_path: Path, parses: List[str], damage) -> None:  # type: ignore[no-untyped-def]
    files = project(tmp_path)
    settings = Settings(root=str(tmp_path))
    first = run_files(files, settings, jobs=1)
    for entry in entries(tmp_path):
        entry.write_bytes(damage(entry.read_bytes()))
    assert run_files(files, settings, jobs=1) == first
    assert len(parses) == 4
    assert run_files(files, settings, jobs=1) == first  # rewritten whole
    assert len(parses) == 4


class Planted:
    """An object whose unpickling would run code, as a planted cache entry might try."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("echo planted > planted.txt",))


def test_entry_cannot_run_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    payload = pickle.dumps(Planted(), protocol=4)
    blob = FORMAT_TAG + hmac.new(KEY, payload, hashlib.sha256).digest() + payload
    with pytest.raises(pickle.UnpicklingError):
        decode(blob, KEY)
    assert not (tmp_path / "planted.txt").exists()
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "k").write_bytes(blob)
    assert Cache(str(folder), KEY).load("k", "a.py") is None


def test_entry_for_another_path_is_a_miss(tmp_path: Path) -> None:
    result = FileResult("a.py")
    folder = tmp_path / "c"
    folder.mkdir()
    cache = Cache(str(folder), KEY)
    cache.store("k", result)
    assert cache.load("k", "a.py") == result
    assert cache.load("k", "b.py") is None
    assert decode(encode(result, KEY), KEY) == result


def test_unwritable_cache_does_not_fail_the_run(tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = project(tmp_path / "proj")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    settings = Settings(root=str(tmp_path / "proj"))
    expected = [analyze_path(f, settings) for f in files]
    parses.clear()
    assert run_files(files, settings, jobs=1) == expected
    assert run_files(files, settings, jobs=1) == expected
    assert len(parses) == 4, "without a cache both runs parse every file"


def test_store_into_a_vanished_folder_is_silent(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "gone"), KEY)
    cache.store("k", FileResult("a.py"))
    assert cache.load("k", "a.py") is None


def test_old_namespaces_are_pruned(tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = project(tmp_path)
    for n in range(cache_module.KEEP_NAMESPACES + 3):
        run_files(files, Settings(root=str(tmp_path), options=(("run", n),)), jobs=1)
    namespaces = [p for p in (tmp_path / DEFAULT_FOLDER).iterdir() if p.is_dir()]
    assert len(namespaces) == cache_module.KEEP_NAMESPACES


def _hammer(folder: str, seed: int, rounds: int) -> int:
    """Store and load the same keys as other processes do; count wrong reads."""
    cache = Cache(folder, KEY)
    wrong = 0
    for n in range(rounds):
        key = f"key{(n + seed) % 5}"
        padded = Finding(key, n + 1, 0, n + 1, 0, "HEM001", "x" * 500, "")  # big enough to tear if writes raced
        cache.store(key, FileResult(key, findings=(padded,)))
        loaded = cache.load(key, key)
        if loaded is not None and (loaded.path != key or len(loaded.findings[0].message) != 500):
            wrong += 1
    return wrong


def test_concurrent_writers_do_not_corrupt(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        wrong = pool.starmap(_hammer, [(str(folder), seed, 200) for seed in range(4)])
    assert wrong == [0, 0, 0, 0]
    cache = Cache(str(folder), KEY)
    for n in range(5):
        loaded = cache.load(f"key{n}", f"key{n}")
        assert loaded is not None and loaded.path == f"key{n}"
    assert not [p for p in folder.iterdir() if p.name.startswith(".tmp-")], "no temporary file may be left behind"


def _foreign(folder: Path, names: List[str]) -> None:
    """Folders of other data, each older than the last, as a shared cache root holds."""
    for age, name in enumerate(names):
        (folder / name).mkdir(parents=True)
        (folder / name / "f").write_text("keep\n", encoding="utf-8")
        os.utime(folder / name, (1_000_000 + age, 1_000_000 + age))


def _run_namespaces(files: List[str], root: Path, count: int) -> None:
    for n in range(count):
        run_files(files, Settings(root=str(root), options=(("run", n),)), jobs=1)


def test_prune_keeps_other_data_in_a_shared_folder(tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    files = project(tmp_path / "proj")
    shared = tmp_path / "shared"
    others = ["pip", "poetry", "pre-commit", "mypy", "ruff", "data", "0123456789abcdef01234567"]
    _foreign(shared, others)
    monkeypatch.setenv(CACHE_ENV, str(shared))
    _run_namespaces(files, tmp_path / "proj", cache_module.KEEP_NAMESPACES + 3)
    kept = sorted(p.name for p in shared.iterdir())
    ours = [name for name in kept if name not in others]
    assert sorted(set(kept) - set(ours)) == sorted(others), "no folder of other data may be deleted"
    assert all((shared / name / "f").read_text(encoding="utf-8") == "keep\n" for name in others)
    assert len(ours) == cache_module.KEEP_NAMESPACES, "our own stale namespaces are still pruned"
    assert not (shared / ".gitignore").exists(), "a folder we did not create is not ours to hide from git"


def test_cache_in_the_project_folder_deletes_nothing(tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch) -> None:
    proj = tmp_path / "proj"
    _foreign(proj, ["src", "docs", "tests", "scripts", "tools"])
    (proj / "src" / "m.py").write_text(STATE_ONLY, encoding="utf-8")
    monkeypatch.chdir(proj)
    monkeypatch.setenv(CACHE_ENV, ".")
    _run_namespaces([str(proj / "src" / "m.py")], proj, cache_module.KEEP_NAMESPACES + 2)
    assert {"src", "docs", "tests", "scripts", "tools"} <= {p.name for p in proj.iterdir()}
    assert (proj / "src" / "m.py").read_text(encoding="utf-8") == STATE_ONLY
    assert not (proj / ".gitignore").exists()


def test_symlinked_cache_root_is_not_followed(tmp_path: Path, parses: List[str], capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim"
    _foreign(victim, list("abcdef"))
    files = project(tmp_path / "repo")
    (tmp_path / "repo" / DEFAULT_FOLDER).symlink_to(victim, target_is_directory=True)
    settings = Settings(root=str(tmp_path / "repo"))
    expected = [analyze_path(f, settings) for f in files]
    parses.clear()
    for _ in range(2):
        assert run_files(files, settings, jobs=1) == expected
    assert sorted(p.name for p in victim.iterdir()) == list("abcdef"), "nothing is written or deleted in the target"
    assert len(parses) == 4, "caching is off: every run parses"
    note = capsys.readouterr().err
    assert "symbolic link" in note and CACHE_ENV in note and "caching is off" in note


def test_symlinked_namespace_is_not_followed(tmp_path: Path, parses: List[str]) -> None:
    files = project(tmp_path / "repo")
    settings = Settings(root=str(tmp_path / "repo"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = tmp_path / "repo" / DEFAULT_FOLDER
    root.mkdir()
    (root / cache_module.namespace(settings)).symlink_to(elsewhere, target_is_directory=True)
    run_files(files, settings, jobs=1)
    assert list(elsewhere.iterdir()) == []


def test_prune_spares_a_namespace_holding_foreign_files(tmp_path: Path, parses: List[str]) -> None:
    files = project(tmp_path)
    root = tmp_path / DEFAULT_FOLDER
    _run_namespaces(files, tmp_path, 1)
    (first,) = [p for p in root.iterdir() if p.is_dir()]
    (first / "notes.txt").write_text("someone else's file\n", encoding="utf-8")
    os.utime(first, (1_000_000, 1_000_000))
    impostor = root / ("f" * 24)
    impostor.mkdir()
    (impostor / "data").write_text("keep\n", encoding="utf-8")
    os.utime(impostor, (1_000_000, 1_000_000))
    _run_namespaces(files, tmp_path, cache_module.KEEP_NAMESPACES + 3)
    assert (first / "notes.txt").is_file() and (impostor / "data").is_file()


def _planted(result: object, key: bytes) -> bytes:
    payload = pickle.dumps(result, protocol=4)
    return FORMAT_TAG + hmac.new(key, payload, hashlib.sha256).digest() + payload


def _site(template: Template) -> MessageSite:
    return MessageSite("a.py", Span(1, 0, 1, 5), "raise", "ValueError", template, "known")


def _with(result: object, **changes: object) -> object:
    for name, value in changes.items():
        object.__setattr__(result, name, value)
    return result


FORGED = {
    "crash": lambda: _with(FileResult("m.py"), findings=5),
    "clean": lambda: FileResult("m.py"),
    "other-file": lambda: FileResult("m.py", (), (Finding("/etc/passwd", 1, 0, 1, 0, "HEM001", "forged", "h"),)),
}


@pytest.mark.parametrize("mode", sorted(FORGED))
def test_entry_forged_without_the_key_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """The repository's own entries (R09): an unkeyed digest, as the old format had, or any other key."""
    monkeypatch.chdir(tmp_path)
    Path("m.py").write_text('raise ValueError("Invalid port")\n', encoding="utf-8")
    from click.testing import CliRunner

    from helpful_errors.cli import main

    honest = CliRunner().invoke(main, ["check", "--no-cache", "m.py"])
    assert honest.exit_code == 1 and "HEM001" in honest.output
    assert CliRunner().invoke(main, ["check", "m.py"]).output == honest.output
    (namespace,) = [p for p in Path(DEFAULT_FOLDER).iterdir() if p.is_dir()]
    entry = namespace / Cache.key("m.py", Path("m.py").read_bytes())
    payload = pickle.dumps(FORGED[mode](), protocol=4)
    for blob in (FORMAT_TAG + hashlib.sha256(payload).digest() + payload, _planted(FORGED[mode](), KEY)):
        entry.write_bytes(blob)
        forged = CliRunner().invoke(main, ["check", "m.py"])
        assert (forged.exit_code, forged.output) == (1, honest.output)


@pytest.mark.parametrize(
    "result",
    [
        _with(FileResult("a.py"), findings=5),
        _with(FileResult("a.py"), findings=[]),
        _with(FileResult("a.py"), path=b"a.py"),
        _with(FileResult("a.py"), extra=1),
        FileResult("a.py", (), (_with(Finding("a.py", 1, 0, 1, 0, "HEM001", "m", "h"), line=True),)),
        FileResult("a.py", (), (_with(Finding("a.py", 1, 0, 1, 0, "HEM001", "m", "h"), line="1"),)),
        FileResult("a.py", (), (Finding("a.py", 1, 0, 1, 0, "E501", "m", "h"),)),
        FileResult("a.py", (), (Finding("b.py", 1, 0, 1, 0, "HEM001", "m", "h"),)),
        FileResult("a.py", (FileResult("a.py"),)),  # type: ignore[arg-type]
        FileResult("a.py", (), (), (ModuleUse("b.py", ("A", 1), "d"),)),  # type: ignore[arg-type]
        FileResult("a.py", (), (_with(Finding("a.py", 1, 0, 1, 0, "HEM001", "m", "h"), fix="replace"),)),
        FileResult("a.py", (_site(Template(("Port ", Slot("port"), 3))),)),  # type: ignore[arg-type]
        FileResult("a.py", (_site(_with(Template(("Port ", Slot("port"))), parts=["Port "])),)),
        FileResult("a.py", (_site(Template(("Port ", _with(Slot("port"), known=1)))),)),
        FileResult("a.py", (_site("Port {port}"),)),  # type: ignore[arg-type]
        FileResult("a.py", (), (Finding("a.py", 1, 0, 1, 0, "HEM001", "m", "h", site=_site(Template(("Port ",)))),)),
        FileResult("a.py", (_site(Template(("Port ",))),), (Finding("a.py", 1, 0, 1, 0, "HEM001", "m", "h", site=_site(5)),)),  # type: ignore[arg-type]
        FileResult("a.py", (), (Finding("a.py", 1, 0, 1, 0, "HEM001", "m", "h", site="a site"),)),  # type: ignore[arg-type]
    ],
    ids=["findings-int", "findings-list", "path-bytes", "extra-field", "line-bool", "line-str", "foreign-code",
         "finding-elsewhere", "site-of-wrong-class", "int-among-names", "fix-of-str", "int-among-parts",
         "parts-list", "known-int", "template-str", "site-not-among-sites", "bad-site-not-among-sites",
         "site-of-str"],
)
def test_entry_of_an_unexpected_shape_is_a_miss(tmp_path: Path, result: object) -> None:
    """Even an entry made with the key is read only when every field has its declared type."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "k").write_bytes(_planted(result, KEY))
    assert Cache(str(folder), KEY).load("k", "a.py") is None


def test_real_results_pass_the_field_check(tmp_path: Path) -> None:
    files = project(tmp_path)
    for path in files:
        result = analyze_path(path, Settings(root=str(tmp_path)))
        assert result.sites and decode(encode(result, KEY), KEY) == result
        assert all(f.site is not None for f in result.findings), "the link check must meet real links"


def test_key_is_private_and_kept_outside_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    files = project(tmp_path / "proj")
    run_files(files, Settings(root=str(tmp_path / "proj")), jobs=1)
    path = key_path()
    assert path.parent.parent == tmp_path / "home-cache"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(path.read_bytes()) == KEY_SIZE
    assert load_key() == path.read_bytes(), "the key is made once and then reused"
    assert not list((tmp_path / "proj").rglob(path.name))


def test_unwritable_key_folder_turns_caching_off(
    tmp_path: Path, parses: List[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the user's cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    files = project(tmp_path / "proj")
    settings = Settings(root=str(tmp_path / "proj"))
    expected = [analyze_path(f, settings) for f in files]
    parses.clear()
    assert run_files(files, settings, jobs=1) == expected
    assert len(parses) == 2 and not (tmp_path / "proj" / DEFAULT_FOLDER).exists()
    assert "caching is off" in capsys.readouterr().err
