"""Tone, readability, jargon and consistency rules (HEM010-HEM017): the traps each one must avoid."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import List, Sequence

import pytest
from click.testing import CliRunner

from helpful_errors.checks.package import judge_package
from helpful_errors.checks.readability import easy_words, is_difficult
from helpful_errors.cli import main
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path, analyze_source
from helpful_errors.model import Finding

GETTEXT = "from django.utils.translation import gettext as _\n"


def findings(body: str, settings: Settings = Settings()) -> List[Finding]:
    return list(analyze_source(textwrap.dedent(body), "t.py", settings).findings)


def raised(text: str, code: str, audience: str = "library") -> List[str]:
    """Codes that ``code`` reports on one message, raised with an f-string in a function."""
    source = f"def f(x, path, port, name, exc):\n    raise ValueError(f{text!r})\n"
    found = analyze_source(source, "t.py", Settings(select=(code,), audience=audience)).findings
    return [f.message for f in found]


# -- HEM010 blame-tone --------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "You forgot to set the port {port}; set it with --port",
    "you entered an invalid name {name!r}; use letters only",
    "It's your fault: the file {path} is broken",
])
def test_blame_is_reported(text: str) -> None:
    (message,) = raised(text, "HEM010")
    assert message.startswith("Message blames the reader (")


@pytest.mark.parametrize("text", [
    "You can set the port with --port, got {port}",
    "You must pass a name such as 'web', got {name!r}",
    "If you passed a wrong path, note that {path} is relative",
    "Perhaps you forgot to call setup() before {name}",
    "The value 'you forgot' is reserved, got {name!r}",
])
def test_instructions_hints_and_quotes_are_not_blame(text: str) -> None:
    assert raised(text, "HEM010") == []


# -- HEM011 hostile-wording -----------------------------------------------------------


def test_insults_count_everywhere_alarming_words_only_for_people() -> None:
    assert raised("Garbage in {path}; fix the file", "HEM011") == ['Message uses hostile wording ("Garbage")']
    assert raised("Illegal port {port}; use 1-65535", "HEM011") == []
    assert raised("Illegal port {port}; use 1-65535", "HEM011", "cli") != []
    assert raised("Run aborted at {path}; start it again", "HEM011", "cli") == []
    assert raised("Run aborted at {path}; start it again", "HEM011", "end-user") != []


@pytest.mark.parametrize("text", [
    "Illegal instruction in {path}; rebuild it for this CPU",
    "Worker {name} got SIGKILL; give it more memory",
    "The transaction was aborted; run {name} again",
    "HTTP 403 Forbidden for {path}; check the token",
    "Fatal: cannot read {path}; check the permissions",
    "Garbage collection of {name} failed; retry later",
    "Value 'illegal' for {name} is reserved; pick another",
])
def test_technical_senses_labels_and_quotes_are_not_hostile(text: str) -> None:
    assert raised(text, "HEM011", "end-user") == []


# -- HEM012 apology-or-humor ------------------------------------------------------------


@pytest.mark.parametrize("text", ["Sorry, {path} is locked", "Oops! {name} failed", "Cannot load {path} :(", "Upload of {name} failed \U0001F622"])
def test_apologies_jokes_and_emoticons_are_reported(text: str) -> None:
    assert raised(text, "HEM012") != []


@pytest.mark.parametrize("text", [
    "Port {port:d} is busy on IP:PORT {name}",
    "Bad entry %(name)s: use key:value pairs (:)",
    "Counter oops_count is {port}; reset it",
    "Reply was 'sorry' for {name}",
    "Status \u26a0 for {path}; check the disk",
])
def test_format_specs_identifiers_quotes_and_dingbats_are_not_humor(text: str) -> None:
    assert raised(text, "HEM012") == []


# -- HEM013 shouting ----------------------------------------------------------------------


def test_caps_and_exclamation_are_reported_with_a_rewrite() -> None:
    found = findings('def f(path):\n    raise OSError(f"CANNOT OPEN THE FILE {path}")\n', Settings(select=("HEM013",)))
    assert [f.help for f in found] == ['Write it in sentence case, keeping capitals for acronyms and names: "Cannot open the file {path}"']
    assert raised("Disk full at {path}!", "HEM013") == ["Message shouts with an exclamation mark"]
    two = findings('def f():\n    raise OSError("JOURNAL LOCKED. PLEASE WAIT; THEN RETRY")\n', Settings(select=("HEM013",)))
    assert two[0].help.endswith('"Journal locked. Please wait; then retry"'), "each sentence, not each clause, opens with a capital"
    assert raised("Disk full?! at {path}", "HEM013") != []


@pytest.mark.parametrize("text", [
    "Expected {x!r} != {name!r}; pass equal values",
    "Use SELECT ... FOR UPDATE NOWAIT on {name}",
    "HTTP API returned JSON for {path}, not XML",
    "Mode must be one of: KEEP, DROP, MERGE; got {name}",
    "Set HOME_DIR and S3_BUCKET_NAME before {name}",
    "Reply 'STOP NOW!' is reserved for {name}",
])
def test_operators_acronyms_sql_lists_identifiers_and_quotes_are_not_shouting(text: str) -> None:
    assert raised(text, "HEM013") == []


# -- HEM014 hard-to-read ------------------------------------------------------------------


def test_sentence_limit_depends_on_the_audience() -> None:
    words = " ".join(["word"] * 30)
    text = f"Cannot read {{path}} because {words}"
    assert raised(text, "HEM014", "library") == []
    assert raised(text, "HEM014", "cli") == ["Message is hard to read: a sentence of 34 words (limit 25)"]


def test_long_structured_messages_are_measured_per_line() -> None:
    lines = "\n".join(f"- option {i} sets the size of the cache in megabytes" for i in range(12))
    assert raised(f"Unknown option {{name}}; use one of:\n{lines}", "HEM014", "cli") == []


def test_hard_vocabulary_only_for_end_users() -> None:
    text = "Authentication unsuccessful: credentials unverifiable"
    assert raised(text, "HEM014", "library") == []
    (message,) = raised(text, "HEM014", "end-user")
    assert "hard words" in message and '"authentication"' in message


def test_word_difficulty_uses_the_easy_list_with_inflections() -> None:
    assert len(easy_words()) > 2000
    assert is_difficult("configuration")
    assert not is_difficult("remembering") and not is_difficult("families") and not is_difficult("everything")


def test_readability_never_downloads_or_imports_nltk() -> None:
    """textstat 0.7 downloads cmudict through nltk; our syllable counting must stay offline."""
    probe = textwrap.dedent(
        """
        import socket, sys
        sys.modules["nltk"] = None  # any import of nltk now fails

        def refuse(*args, **kwargs):
            raise AssertionError("network access attempted")

        socket.socket = refuse
        socket.create_connection = refuse
        from helpful_errors.config import Settings
        from helpful_errors.engine import analyze_source
        source = 'from x import gettext as _\\nraise ValueError(_("Authentication unsuccessful: credentials unverifiable"))\\n'
        found = analyze_source(source, "t.py", Settings(select=("HEM014",))).findings
        assert [f.code for f in found] == ["HEM014"], found
        assert "textstat" not in sys.modules
        print("offline ok")
        """
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0 and "offline ok" in proc.stdout, proc.stderr


# -- HEM015 double-negative -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Cannot start without a name, got {name!r}",
    "Expected no fewer than 2 parts in {path}",
    "Value {x} must not be non-negative",
    "Port {port} is not invalid here",
])
def test_double_negatives_are_reported(text: str) -> None:
    assert raised(text, "HEM015") != []


@pytest.mark.parametrize("text", [
    "Value {x} is not None; pass None to reset",
    "Option {name} is no longer supported; use --size",
    "{path} does not exist or not a regular file",
    "Mode cannot be UNSPECIFIED for {name}",
    "Option {name} is not valid for non-square matrices",
    "Do not use 'no' or 'not' as {name}",
])
def test_constants_no_longer_conjunctions_and_prepositions_are_not_double_negatives(text: str) -> None:
    assert raised(text, "HEM015") == []


# -- HEM016 jargon-for-end-users --------------------------------------------------------


def test_jargon_and_identifiers_only_for_end_users() -> None:
    base = "raise ValueError(_({text!r}))\n"
    for text, expected in [
        ("Exception while saving the form; try again", True),
        ("The field start_date is in the past; pick another date", True),
        ("Sign in with GitHub to continue", False),
        ("Run 'app_sync --force' to retry", False),
    ]:
        found = findings(GETTEXT + base.format(text=text), Settings(select=("HEM016",)))
        assert bool(found) is expected, text
    assert findings('raise ValueError("Exception in start_date; retry")\n', Settings(select=("HEM016",))) == []


def test_leaky_type_placeholder_is_reported_for_cli_only() -> None:
    source = "import sys\ndef f(v):\n    sys.exit(f'expected text, got {type(v)}; quote it')\n"
    assert [f.code for f in findings(source, Settings(select=("HEM016",)))] == ["HEM016"]
    assert findings("def f(v):\n    raise TypeError(f'expected text, got {type(v)}; quote it')\n", Settings(select=("HEM016",))) == []


# -- HEM017 inconsistent-style (package pass) --------------------------------------------


def write_package(root: Path, deviant: str) -> Path:
    package = root / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    lines = [f"def f{i}(x):\n    raise ValueError(f'the value {{x}} for option {i} is not valid; pass a smaller value')\n" for i in range(6)]
    (package / "a.py").write_text("".join(lines))
    more = [f"def g{i}(x):\n    raise ValueError(f'the size {{x}} of part {i} is not valid; pass a smaller size')\n" for i in range(5)]
    (package / "b.py").write_text("".join(more) + deviant)
    return package


def results_of(package: Path) -> list:
    settings = Settings(select=("HEM017",))
    return [analyze_path(str(p), settings) for p in sorted(package.glob("*.py"))]


def test_one_finding_per_package_across_files(tmp_path: Path) -> None:
    package = write_package(tmp_path, "def h(x):\n    raise ValueError(f'The name {x} is not valid; pass a shorter name.')\n")
    (finding,) = judge_package(results_of(package), Settings(select=("HEM017",)))
    assert finding.path.endswith("b.py") and finding.code == "HEM017"
    assert "1 of 12 exception messages start with a capital letter, the other 11 start with a lowercase letter" in finding.message
    assert "end with a period" in finding.message
    assert judge_package(results_of(package), Settings()) == []  # preview: only when selected by its code


def test_noqa_silences_the_package_finding(tmp_path: Path) -> None:
    deviant = "def h(x):\n    raise ValueError(f'The name {x} is not valid; pass a shorter name.')  # noqa: HEM017\n"
    package = write_package(tmp_path, deviant)
    assert judge_package(results_of(package), Settings(select=("HEM017",))) == []


def test_check_command_reports_it_only_when_selected(tmp_path: Path) -> None:
    package = write_package(tmp_path, "def h(x):\n    raise ValueError(f'The name {x} is not valid; pass a shorter name.')\n")
    runner = CliRunner()
    selected = runner.invoke(main, ["check", "--no-cache", "--select", "HEM017", str(package)])
    assert selected.exit_code == 1 and selected.output.count("HEM017") == 1, selected.output
    default = runner.invoke(main, ["check", "--no-cache", "--select", "HEM01", str(package)])
    assert "HEM017" not in default.output


def test_flake8_plugin_does_not_report_the_package_rule(tmp_path: Path) -> None:
    from helpful_errors.flake8_plugin import HelpfulErrorsChecker

    package = write_package(tmp_path, "def h(x):\n    raise ValueError(f'The name {x} is not valid; pass a shorter name.')\n")
    lines: Sequence[str] = (package / "b.py").read_text().splitlines(keepends=True)
    reported = [text for _, _, text, _ in HelpfulErrorsChecker(None, str(package / "b.py"), lines).run()]  # type: ignore[arg-type]
    assert not any(text.startswith("HEM017") for text in reported)


def test_type_name_expressions_do_not_leak() -> None:
    source = "import sys\ndef f(v):\n    sys.exit(f'cannot assign to {type(v).__name__.lower()}; use a name')\n"
    assert findings(source, Settings(select=("HEM016",))) == []
