"""The audit: its numbers, the terminal summary, the JSON data and the self-contained HTML page."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import List, Optional, Tuple

import pytest

from helpful_errors.audit import build, render_html, render_terminal
from helpful_errors.audit.command import PROGRESS_MIN_FILES, analyse
from helpful_errors.config import Settings
from helpful_errors.model import TEXT_LITERAL, TEXT_UNKNOWN, FileResult, Finding, MessageSite, Span, Template

INJECTION = "</script><script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"


def site(path: str, line: int, text: Optional[str], status: str = TEXT_LITERAL) -> MessageSite:
    template = Template((text,)) if text is not None else None
    return MessageSite(path, Span(line, 10, line, 10 + len(text or "") + 2), "raise", "ValueError", template, status)


def finding(s: MessageSite, code: str = "HEM001") -> Finding:
    sp = s.span
    return Finding(s.path, sp.line, sp.column, sp.end_line, sp.end_column, code, "Message only describes the state", "Say what the reader should do.", s.text, "state-only", site=s)


def sample_results() -> List[FileResult]:
    a1, a2, a3 = site("pkg/a.py", 3, "Invalid port"), site("pkg/a.py", 7, "Port must be a number; pass --port 8080"), site("pkg/a.py", 9, None, TEXT_UNKNOWN)
    b1, b2 = site("pkg/sub/b.py", 2, "Error"), site("pkg/sub/b.py", 5, INJECTION)
    c1 = site("top.py", 1, "Use --force to overwrite out.txt")
    broken = Finding("bad.py", 1, 0, 1, 0, "HEM000", "File could not be analyzed: syntax error at line 1", "", "", "unanalyzable-file")
    return [
        FileResult("pkg/a.py", (a1, a2, a3), (finding(a1),)),
        FileResult("pkg/sub/b.py", (b1, b2), (finding(b1), finding(b1, "HEM002"), finding(b2))),
        FileResult("top.py", (c1,), ()),
        FileResult("bad.py", (), (broken,)),
    ]


def test_numbers() -> None:
    audit = build(sample_results())
    t = audit.total
    assert (t.files, t.sites, t.known, t.guiding, len(audit.findings)) == (4, 6, 5, 2, 5)
    assert t.share == pytest.approx(2 / 5)
    assert audit.unanalyzable == 1
    assert [(r.code, r.count) for r in audit.rules] == [("HEM001", 3), ("HEM000", 1), ("HEM002", 1)]
    assert [f.name for f in audit.files][:2] == ["pkg/sub/b.py", "pkg/a.py"]
    assert [(p.name, p.findings) for p in audit.packages][:2] == [("pkg/sub", 3), ("pkg", 1)]
    # Two findings on one message make it the worst; among equals the shorter text first.
    assert [m.text for m in audit.worst_messages] == ["Error", "Invalid port", INJECTION]
    assert dict(audit.status_counts) == {TEXT_LITERAL: 5, TEXT_UNKNOWN: 1}


def test_terminal_summary() -> None:
    text = render_terminal(build(sample_results()), "Next: open the report.")
    lines = text.splitlines()
    assert lines[0] == "helpful-errors audit: 4 files, 6 message sites, 5 findings"
    assert lines[1] == "  text fully known for 5 sites; 2 of them guide the reader (40%)"
    assert "  1 site builds its text elsewhere and is not judged" in lines
    assert any(line.startswith("  1 file could not be analyzed (HEM000): ") for line in lines)
    assert any("run 'helpful-errors check --select HEM000 " in line for line in lines)
    assert "  3  HEM001  state-only" in lines
    assert lines[lines.index("Worst messages:") + 1] == '  pkg/sub/b.py:2:11: HEM001, HEM002  "Error"'
    assert lines[-1] == "Next: open the report."


def test_json_data_has_the_same_numbers() -> None:
    data = json.loads(json.dumps(build(sample_results()).as_dict()))
    assert data["summary"]["sites"] == 6 and data["summary"]["guiding"] == 2 and data["summary"]["share"] == 0.4
    assert data["rules"][0] == {"code": "HEM001", "name": "state-only", "count": 3}
    first = data["findings"][0]
    assert set(first) >= {"path", "line", "column", "end_line", "end_column", "code", "name", "message", "help", "text", "package"}
    assert data["worst_messages"][0]["codes"] == ["HEM001", "HEM002"]


class Page(HTMLParser):
    """Collects what a browser would treat as code or as a resource to fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: List[str] = []
        self.in_script = False
        self.resources: List[Tuple[str, str]] = []
        self.rows = 0
        self.tags: List[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")
        if tag == "tr":
            self.rows += 1
        for name, value in attrs:
            if name in ("src", "href") or name.startswith("on"):
                self.resources.append((tag, f"{name}={value}"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.scripts[-1] += data


def test_html_is_self_contained_and_escapes_analysed_text() -> None:
    page = render_html(build(sample_results()))
    parsed = Page()
    parsed.feed(page)
    assert len(parsed.scripts) == 1, "only the page's own script may exist"
    assert "PWNED" not in parsed.scripts[0]
    assert parsed.resources == [], "no external resources, no event handlers from analysed text"
    assert "img" not in parsed.tags
    assert not re.search(r"url\(|@import|https?://", page)
    assert "&lt;/script&gt;&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in page
    # The Content Security Policy allows exactly the page's own script.
    digest = base64.b64encode(hashlib.sha256(parsed.scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in page
    assert "default-src 'none'" in page


def test_html_has_headline_charts_and_table() -> None:
    page = render_html(build(sample_results()))
    assert '<div class="num">6</div><div class="label">message sites</div>' in page
    assert '<div class="num">40%</div>' in page
    assert "<h2>Findings per rule</h2>" in page and "<h2>Findings per package</h2>" in page
    assert page.count('class="bar"') == 3 + 3  # three rules, three packages with findings
    table = page[page.index('<table id="findings">'):]
    assert table.count("<tr>") == 1 + 5  # header and one row per finding
    for heading in ("Rule", "Location", "Message", "Finding", "Help"):
        assert f'<button type="button">{heading}</button>' in table
    assert "<code>pkg/a.py:3:11</code>" in table


def find_browser() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser(args: List[str], profile: Path) -> subprocess.CompletedProcess:
    exe = find_browser()
    if exe is None:
        pytest.skip("no headless Chromium or Chrome installed; install Debian's 'chromium' package to run the browser check")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
    ]
    return subprocess.run([exe, *flags, *args], capture_output=True, text=True, timeout=120)


def test_html_in_a_real_browser(tmp_path: Path) -> None:
    page = tmp_path / "audit.html"
    page.write_text(render_html(build(sample_results())), encoding="utf-8")
    run = browser(["--dump-dom", page.as_uri()], tmp_path / "profile")
    dom = run.stdout
    assert "<table" in dom, run.stderr[-2000:]
    assert re.search(r"<title>Error message audit</title>", dom), "an injected script changed the title"
    assert 'data-ready="sortable"' in dom, "the page's own script did not run"
    assert "&lt;/script&gt;&lt;script&gt;document.title='PWNED'" in dom, "the message must be shown as text"
    assert "<img" not in dom
    assert dom.count("<tr>") - dom.count("<thead><tr>") >= 5
    shot = tmp_path / "audit.png"
    browser([f"--screenshot={shot}", "--window-size=1280,1400", page.as_uri()], tmp_path / "profile")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_for_long_runs(tmp_path: Path) -> None:
    files = []
    for i in range(PROGRESS_MIN_FILES):
        path = tmp_path / f"m{i}.py"
        path.write_text('raise ValueError("Invalid value")\n', encoding="utf-8")
        files.append(str(path))
    quiet = io.StringIO()
    results = analyse(files, Settings(), jobs=1, use_cache=False, stderr=quiet)
    assert quiet.getvalue() == "" and len(results) == len(files)
    tty = Terminal()
    assert [r.path for r in analyse(files, Settings(), jobs=1, use_cache=False, stderr=tty)] == files
    assert "Analysing" in tty.getvalue() and f"{PROGRESS_MIN_FILES}/{PROGRESS_MIN_FILES}" in tty.getvalue()
    short = Terminal()
    analyse(files[:3], Settings(), jobs=1, use_cache=False, stderr=short)
    assert short.getvalue() == ""


def test_progress_bar_follows_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole audit is one run_files call (one worker pool); its callback moves the bar."""
    from helpful_errors import runner

    files = []
    for i in range(PROGRESS_MIN_FILES + 5):
        path = tmp_path / f"m{i}.py"
        path.write_text(f'raise ValueError("Invalid value {i}")\n', encoding="utf-8")
        files.append(str(path))
    calls: List[int] = []
    steps: List[int] = []
    real = runner.run_files

    def spy(files_: list, settings: Settings, jobs: int = 0, use_cache: bool = True, progress=None) -> list:
        calls.append(len(files_))
        assert progress is not None, "the bar must be driven by the progress callback"

        def counted(n: int) -> None:
            steps.append(n)
            progress(n)

        return real(files_, settings, jobs=jobs, use_cache=use_cache, progress=counted)

    monkeypatch.setattr(runner, "run_files", spy)
    tty = Terminal()
    results = analyse(files, Settings(), jobs=1, use_cache=False, stderr=tty)
    assert calls == [len(files)]
    assert sum(steps) == len(files) and len(steps) == len(files)  # one step per finished file
    assert [r.path for r in results] == files
    assert f"{len(files)}/{len(files)}" in tty.getvalue()


def test_cli_audit_writes_reports(tmp_path: Path) -> None:
    src = tmp_path / "proj"
    src.mkdir()
    (src / "a.py").write_text(f'raise ValueError("Invalid key")\nraise ValueError({INJECTION!r})\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "audit", "proj", "--html", "out.html", "--json", "out.json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert re.match(r"helpful-errors audit of proj on \d{4}-\d{2}-\d{2}: 1 file, 2 message sites", run.stdout)
    assert "Wrote the HTML report to out.html and the JSON report to out.json" in run.stdout
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["summary"]["sites"] == 2
    assert data["summary"]["files"] == 1 and len(data["findings"]) == data["summary"]["findings"] >= 1
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "<script>document.title" not in html
    assert all("PWNED" not in script for script in re.findall(r"<script>(.*?)</script>", html, re.S))
    unwritable = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "audit", "proj", "--html", "missing/out.html"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert unwritable.returncode == 2 and "check that its folder exists" in unwritable.stderr
