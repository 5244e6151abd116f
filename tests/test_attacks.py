"""The reproducers of the 2026-12-01 reliability probe, one test each (the cache's are in
test_cache.py, the timing ones in test_linear_time.py): hostile text and file names never
crash a report, never reach a terminal or a CI log raw, and never leave a truncated file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import jsonschema
import pytest

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SURROGATE = 'raise ValueError("surrogate:\\uDCff config is invalid")\n'
CONTROLS = 'raise ValueError("\\x1b[2J\\x1b[31mRED\\x1b]0;title\\x07 config is invalid")\n'
CONTROL_BYTES = ("\x1b", "\x07", "\x9b")


def run_cli(*args: str, cwd: Path, env: Dict[str, str] = {}) -> subprocess.CompletedProcess:  # noqa: B006
    return subprocess.run(
        [sys.executable, "-m", "helpful_errors", *args], cwd=cwd, capture_output=True,
        env={**os.environ, **env}, timeout=300,
    )


def machine_outputs(folder: Path, target: str) -> Dict[str, bytes]:
    """Every machine format of ``check`` (stdout and -o FILE), the baseline and the audit files."""
    outputs: Dict[str, bytes] = {}
    for fmt in ("json", "sarif", "github"):
        proc = run_cli("check", "--no-cache", "--format", fmt, target, cwd=folder)
        assert proc.returncode == 1, proc.stderr
        outputs[fmt] = proc.stdout
        proc = run_cli("check", "--no-cache", "--format", fmt, "-o", f"report.{fmt}", target, cwd=folder)
        assert proc.returncode == 1, proc.stderr
        outputs[f"{fmt} -o"] = (folder / f"report.{fmt}").read_bytes()
    proc = run_cli("check", "--no-cache", "--write-baseline", "baseline.json", target, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    outputs["baseline"] = (folder / "baseline.json").read_bytes()
    proc = run_cli("audit", "--no-cache", "--json", "audit.json", "--html", "audit.html", target, cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    outputs["audit json"] = (folder / "audit.json").read_bytes()
    outputs["audit html"] = (folder / "audit.html").read_bytes()
    assert not [p for p in folder.iterdir() if p.name.startswith(".tmp-")], "no temporary file is left behind"
    return outputs


def assert_valid(outputs: Dict[str, bytes]) -> None:
    """UTF-8 everywhere, JSON that parses, SARIF that passes its schema, one command a line."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for name, data in outputs.items():
        text = data.decode("utf-8")  # strict: a lone surrogate cannot be encoded, so none may be here
        if name.startswith(("json", "baseline", "audit json")):
            json.loads(text)
        elif name.startswith("sarif"):
            jsonschema.validate(json.loads(text), schema)
        elif name.startswith("github"):
            assert all(line.startswith("::warning file=") for line in text.splitlines()), text
        else:
            assert text.rstrip().endswith("</html>")


def test_lone_surrogate_keeps_every_report_valid(tmp_path: Path) -> None:
    """R03: CPython's own test suite holds such a message."""
    (tmp_path / "m.py").write_text(SURROGATE, encoding="utf-8")
    outputs = machine_outputs(tmp_path, "m.py")
    assert_valid(outputs)
    assert json.loads(outputs["json -o"]) == json.loads(outputs["json"])
    assert json.loads(outputs["json"])[0]["text"] == "surrogate:\udcff config is invalid"


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
def test_file_name_that_is_not_utf8_keeps_every_report_valid(tmp_path: Path) -> None:
    """R04: a report names the file, its stray byte shown as an escape."""
    folder = tmp_path / "src"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xff.py"), "w", encoding="utf-8") as out:
        out.write('raise ValueError("Invalid port")\n')
    outputs = machine_outputs(tmp_path, "src")
    assert_valid(outputs)
    assert json.loads(outputs["json"])[0]["path"] == "src/bad\\xff.py"
    sarif = json.loads(outputs["sarif"])
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/bad%FF.py"


def test_report_file_is_replaced_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpful_errors import atomic

    target = tmp_path / "report.json"
    target.write_text("the previous report\n", encoding="utf-8")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic.write_text(str(target), "[]\n")
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_report_to_a_device_is_written_in_place(tmp_path: Path) -> None:
    """``-o /dev/stdout`` must not replace the device with a file."""
    (tmp_path / "m.py").write_text('raise ValueError("Invalid port")\n', encoding="utf-8")
    proc = run_cli("check", "--no-cache", "--format", "json", "-o", "/dev/stdout", "m.py", cwd=tmp_path)
    assert proc.returncode == 1 and json.loads(proc.stdout)[0]["code"] == "HEM001"


@pytest.mark.skipif(sys.platform == "win32", reason="needs newlines in file names")
def test_notes_cannot_start_a_workflow_command(tmp_path: Path) -> None:
    """R02: a broken link whose name holds lines of GitHub workflow commands."""
    (tmp_path / "ok.py").write_text('raise ValueError("Invalid port")\n', encoding="utf-8")
    os.symlink("/nonexistent", tmp_path / "x\n::error file=README.md,line=1::forged\n::add-mask::x.py")
    proc = run_cli("check", "--no-cache", "--format", "github", ".", cwd=tmp_path)
    lines = proc.stderr.decode("utf-8").splitlines()
    assert lines and all(line.startswith("helpful-errors: ") for line in lines), lines
    assert "x\\n::error" in lines[0]
    assert all(line.startswith("::warning ") for line in proc.stdout.decode("utf-8").splitlines())


def _controls(tmp_path: Path) -> Path:
    """A file whose HEM009 finding quotes control characters (HEM009 is a preview rule: selected)."""
    (tmp_path / "pyproject.toml").write_text('[tool.helpful-errors]\nselect = ["HEM", "HEM009"]\n', encoding="utf-8")
    (tmp_path / "m.py").write_text(
        CONTROLS + 'def login(cfg):\n    raise ValueError("Login failed for {}".format(cfg["\\x1b]0;t\\x07 db_password"]))\n',
        encoding="utf-8",
    )
    return tmp_path / "m.py"


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "github"], ["messages"], ["audit"]])
def test_control_characters_never_reach_the_terminal(tmp_path: Path, command: List[str]) -> None:
    """R11: text output, GitHub annotations, the inventory and the audit summary."""
    _controls(tmp_path)
    proc = run_cli(*command, "--no-cache" if command[0] != "messages" else "m.py", "m.py", cwd=tmp_path)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode in (0, 1) and "\\x1b" in out, proc.stderr
    assert not any(char in out for char in CONTROL_BYTES)


def test_flake8_output_escapes_control_characters(tmp_path: Path) -> None:
    path = _controls(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "HEM", str(path)], capture_output=True, timeout=300
    )
    out = proc.stdout.decode("utf-8")
    assert "HEM009" in out and "\\x1b" in out and not any(char in out for char in CONTROL_BYTES)


def test_flake8_stdin_judges_the_buffer_not_the_disk(tmp_path: Path) -> None:
    """R12: the buffer declares latin-1 and is fine; the file on disk claims ascii and is not."""
    (tmp_path / "enc.py").write_bytes(b'# coding: ascii\nraise ValueError("caf\xe9: Invalid port")\n')
    buffer = b'# coding: latin-1\nraise ValueError("caf\xe9: Invalid port")\n'
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "HEM", "--stdin-display-name", "enc.py", "-"],
        input=buffer, capture_output=True, cwd=tmp_path, timeout=300,
    )
    out = proc.stdout.decode("utf-8")
    assert "enc.py:2:18: HEM001" in out and "HEM000" not in out


@pytest.mark.parametrize("table", ["tool = 5\n", 'tool = "x"\n', "[[tool]]\nname = 1\n"])
def test_tool_that_is_not_a_table_is_a_configuration_error(tmp_path: Path, table: str) -> None:
    """R08: exit 2 with a message that names the file and the key."""
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    (tmp_path / "m.py").write_text('raise ValueError("Invalid port")\n', encoding="utf-8")
    proc = run_cli("check", "m.py", cwd=tmp_path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "pyproject.toml" in err and "'tool'" in err and "[tool.helpful-errors]" in err


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.helpful-errors]\nmax-file-size-mb = 0.00002\n", encoding="utf-8")
    (tmp_path / "m.py").write_text('raise ValueError("Invalid port")\n', encoding="utf-8")
    proc = run_cli("check", "--no-cache", "m.py", cwd=tmp_path)
    assert proc.returncode == 1 and b"HEM000" in proc.stdout and b"max-file-size-mb" in proc.stdout
    (tmp_path / "pyproject.toml").write_text("[tool.helpful-errors]\nmax-file-size-mb = 0\n", encoding="utf-8")
    proc = run_cli("check", "--no-cache", "m.py", cwd=tmp_path)
    assert proc.returncode == 2 and b"must be above 0" in proc.stderr


def _children(pid: int) -> List[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("signum, code", [(15, 143), (2, 130)], ids=["SIGTERM", "SIGINT"])
def test_signal_ends_the_workers_with_the_main_process(tmp_path: Path, signum: int, code: int) -> None:
    """R10: workers re-parented to init held the output pipe open, so ``| tee`` never ended."""
    import signal
    import time

    body = "".join(f"def f{i}(port):\n    raise ValueError(f'Port {{port}} is invalid {i}')\n" for i in range(3000))
    for n in range(6):
        (tmp_path / f"m{n}.py").write_text(body, encoding="utf-8")
    main = subprocess.Popen(
        [sys.executable, "-m", "helpful_errors", "check", "--no-cache", "--jobs", "2", "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background shell may ignore it
    )
    deadline = time.monotonic() + 60
    while len(_children(main.pid)) < 2 and time.monotonic() < deadline and main.poll() is None:
        time.sleep(0.05)
    workers = _children(main.pid)
    assert len(workers) >= 2 and main.poll() is None, "the run must have started its workers"
    main.send_signal(signum)
    out, err = main.communicate(timeout=60)  # ends only when no process holds the pipes open
    assert main.returncode == code
    assert b"run the command again" in err and b"Traceback" not in err
    time.sleep(0.5)
    alive = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]]
    assert alive == []
