"""The rule records, their loader, the registry, the judge's context and the docs built from them."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpful_errors import config, rulebook
from helpful_errors.checks import docs, registry
from helpful_errors.checks.judge import judge_messages, judge_sites
from helpful_errors.checks.message import analyse
from helpful_errors.cli import main
from helpful_errors.config import ConfigError, Settings, settings_from_table
from helpful_errors.engine import analyze_source
from helpful_errors.extract import extract_sites
from rule_selection import EVERY_RULE

ROOT = Path(__file__).resolve().parent.parent


def codes_of(source: str, settings: Settings = EVERY_RULE) -> list:
    return [f.code for f in analyze_source(source + "\n", "t.py", settings).findings]


# -- records ---------------------------------------------------------------------------


def test_records_are_sorted_unique_and_well_formed() -> None:
    records = rulebook.rules()
    codes = [r.code for r in records]
    assert codes == sorted(set(codes))
    assert {"HEM000", "HEM001", "HEM002"} <= set(codes)
    names = [r.name for r in records]
    assert len(names) == len(set(names))
    for r in records:
        assert re.fullmatch(r"HEM\d{3}", r.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name), f"{r.code}: name must be kebab-case"
        assert r.status in rulebook.STATUSES
        assert r.url.endswith("#" + r.code.lower())
        assert all(ref.startswith("https://") for ref in r.references)
        assert set(r.supersedes) <= set(codes)


def test_records_are_loaded_once() -> None:
    assert rulebook.rules() is rulebook.rules()
    assert rulebook.get("hem001") is rulebook.get("HEM001")


def test_unknown_code_says_which_codes_exist() -> None:
    with pytest.raises(KeyError, match="known codes are HEM000"):
        rulebook.get("HEM999")


def test_missing_rules_folder_says_where_it_looked_and_how_to_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(rulebook, "_candidates", lambda: (tmp_path / "a", tmp_path / "b"))
    with pytest.raises(rulebook.RulebookError) as info:
        rulebook.rules_dir()
    text = str(info.value)
    assert str(tmp_path / "a") in text and str(tmp_path / "b") in text
    assert "pip install" in text


def test_malformed_record_is_reported_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "HEM123.toml"
    bad.write_text('code = "HEM123"\nname = "x-y"\nstatus = "sometimes"\nmessage = "m"\nhelp = "h"\nwhat = "w"\nwhy = "y"\n')
    with pytest.raises(rulebook.RulebookError, match="status must be one of"):
        rulebook.parse_record(bad)


def test_record_named_after_another_code_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "HEM124.toml"
    bad.write_text('code = "HEM123"\nname = "x-y"\nstatus = "stable"\nmessage = "m"\nhelp = "h"\nwhat = "w"\nwhy = "y"\n')
    with pytest.raises(rulebook.RulebookError, match="must be named HEM123.toml"):
        rulebook.parse_record(bad)


def test_codes_from_file_names_are_the_records_codes() -> None:
    assert rulebook.codes() == tuple(r.code for r in rulebook.rules())


def test_editable_install_reads_the_repository_folder() -> None:
    assert rulebook.rules_dir() in (ROOT / "rules", Path(rulebook.__file__).parent / "rulebook")
    assert (ROOT / "rules" / "HEM001.toml").is_file()


# -- registry --------------------------------------------------------------------------


def test_records_and_modules_are_one_to_one() -> None:
    modules = {m.CODE: m for m in registry.rule_modules()}
    records = {r.code for r in rulebook.rules() if r.status != "removed"}
    assert set(modules) == records - {"HEM000"}, "every record needs a checks/hemNNN_*.py module and vice versa"
    for code, module in modules.items():
        assert module.__name__.rsplit(".", 1)[-1].startswith(code.lower() + "_")
        assert module.__doc__ and "Known limits" in module.__doc__, f"{code}: say how it decides and its limits"
        assert hasattr(module, "check") or hasattr(module, "check_file")


def test_known_codes_come_from_the_rulebook() -> None:
    on_disk = {path.stem for path in (ROOT / "rules").glob("HEM*.toml")}
    assert len(on_disk) >= 18 and registry.known_codes() == on_disk


def test_record_options_are_configuration_keys() -> None:
    for record in rulebook.rules():
        for option in record.options:
            assert option.name in config.rule_options()
            assert option.name not in config.CORE_KEYS
    with pytest.raises(ConfigError, match="did you mean 'audience'"):
        settings_from_table({"audiense": "cli"}, Path("pyproject.toml"))


# -- judge -----------------------------------------------------------------------------


def test_most_specific_finding_wins() -> None:
    assert codes_of('raise ValueError("Something went wrong")') == ["HEM002"]
    # HEM002 is a preview rule: ignored, it does not take part, as when it is not selected, so
    # the message gets the finding beneath it (ignoring a stable winner adds nothing: test_precedence)
    ignored = replace(EVERY_RULE, ignore=("HEM002",))
    assert codes_of('raise ValueError("Something went wrong")', ignored) == ["HEM001"]
    assert codes_of('raise ValueError("Something went wrong")', Settings()) == ["HEM001"]


# The guidance family, most specific first: a message gets at most one finding of it.
FAMILY = ("HEM005", "HEM003", "HEM004", "HEM002", "HEM007", "HEM006", "HEM001")


def test_family_precedence_is_a_total_order() -> None:
    """Each family rule replaces every family rule below it and none above, so whatever
    subset fires on one message, exactly one finding of the family survives."""
    for rank, code in enumerate(FAMILY):
        listed = set(rulebook.get(code).supersedes) & set(FAMILY)
        assert listed == set(FAMILY[rank + 1 :]), f"{code} must replace exactly {FAMILY[rank + 1 :]}, lists {sorted(listed)}"
    for record in rulebook.rules():
        if record.code not in FAMILY:
            assert not set(record.supersedes) & set(FAMILY), f"{record.code} is orthogonal and must not replace a family finding"


def test_examples_get_at_most_one_family_finding() -> None:
    """Over every bad and good example of every record, no message has two family findings."""
    from collections import Counter

    checked = 0
    for record in rulebook.rules():
        for example in record.examples:
            for snippet in (example.bad, example.good):
                findings = analyze_source(snippet + "\n", "example.py", EVERY_RULE).findings
                per_message = Counter((f.line, f.column) for f in findings if f.code in FAMILY)
                assert all(n == 1 for n in per_message.values()), f"{record.code}: {[(f.code, f.line) for f in findings]}"
                checked += 1
    assert checked >= 2 * len(rulebook.rules())


def test_vague_replaces_missing_value_on_the_same_message() -> None:
    """A vague message is rewritten as a whole; showing the value is part of that rewrite."""
    source = 'def f(name):\n    raise ValueError("unknown parameter name")'
    assert codes_of(source) == ["HEM002"]
    assert codes_of(source, replace(EVERY_RULE, ignore=("HEM002",))) == ["HEM006"]  # a preview rule ignored takes no part
    messages = [analyse(site, Settings()) for site in extract_sites(ast.parse(source + "\n"), source + "\n", "t.py")]
    fired = [r for code in ("HEM001", "HEM006", "HEM002") for r in registry.rules() if r.code == code]
    assert [f.code for f in judge_messages(messages, fired[:2], Settings())] == ["HEM006"]  # fires beneath HEM002
    assert [f.code for f in judge_messages(messages, fired[:1], Settings())] == ["HEM001"]
    assert [f.code for f in judge_messages(messages, fired, Settings())] == ["HEM002"]


def test_internal_invariants_are_not_judged() -> None:
    assert codes_of('raise AssertionError("state mismatch")') == []
    assert codes_of('raise RuntimeError("this should never happen")') == []
    assert codes_of('import logging\nlogging.error("Cursor moved back. This really shouldn\'t happen: %s", pos)') == []
    abstract = "import abc\nclass A(abc.ABC):\n    @abc.abstractmethod\n    def f(self):\n        raise NotImplementedError({!r})"
    assert codes_of(abstract.format("subclasses override f() with the real work")) == []
    # Declared abstract, the body runs only through super(): whatever it says, a developer reads it.
    assert codes_of(abstract.format("this backend does not handle symbolic links")) == []
    stub = "class Backend:\n    def link(self, path):\n        raise NotImplementedError({!r})"
    assert codes_of(stub.format("subclasses override link() with the real work")) == []
    assert codes_of(stub.format("this backend does not handle symbolic links")) == ["HEM001"]
    assert codes_of('raise RuntimeError("state mismatch")') == ["HEM002"]  # judged: vague (and state only)
    # A class derived from AssertionError, at any depth, is a broken invariant like AssertionError.
    derived = "class Broken(AssertionError):\n    pass\nclass StaleCursor(Broken):\n    pass\nraise {}('cannot read from a closed cursor')"
    assert codes_of(derived.format("StaleCursor")) == []
    assert codes_of(derived.format("Broken")) == []
    assert codes_of(derived.replace("AssertionError", "RuntimeError").format("StaleCursor")) == ["HEM001"]


def test_disabled_rules_do_not_run() -> None:
    assert codes_of('raise ValueError("Something went wrong")', Settings(select=("HEM000",))) == []
    assert judge_sites((), Settings(), "t.py") == []


def test_help_line_fits_the_message() -> None:
    (found,) = analyze_source('def f(path):\n    raise OSError(f"Config file {path} not found")\n', "t.py", Settings()).findings
    assert "config file" in found.help and "create it" in found.help and "{path}" in found.help
    (found,) = analyze_source('def f(port):\n    raise ValueError(f"Invalid port {port}")\n', "t.py", Settings()).findings
    assert "valid form of the port" in found.help and "got {port}" in found.help
    (found,) = analyze_source('def f(upload):\n    raise ValueError("Upload is too large")\n', "t.py", Settings()).findings
    assert found.help.startswith("State the limit") and "upload: {upload!r}, over the limit" in found.help


def test_our_own_source_passes_our_rules() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--no-cache", str(ROOT / "src")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- docs ------------------------------------------------------------------------------


def test_rules_readme_is_fresh() -> None:
    expected = docs.markdown(rulebook.rules())
    actual = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    assert actual == expected, f"rules/README.md is out of date; regenerate it with: {docs.README_COMMAND}"


def test_explain_and_rules_commands_print_the_records() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["explain", "HEM001"])
    assert result.exit_code == 0
    record = rulebook.get("HEM001")
    assert record.message in result.output and record.url in result.output
    assert record.examples[0].bad.splitlines()[0].strip() in result.output
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.output.splitlines()] == [r.code for r in rulebook.rules()]
    unknown = runner.invoke(main, ["explain", "HEM999"])
    assert unknown.exit_code == 2 and "helpful-errors rules" in unknown.output


# -- HEM001 and HEM002 read the language, not keywords -----------------------------------

STATE = ["HEM001"]
GUIDES: list = []


@pytest.mark.parametrize(
    "statement,expected",
    [
        ('raise OSError("Port 8080 is in use by another server")', []),  # names the cause: where to look
        ('raise OSError("Port 8080 is busy; use --port to choose another")', GUIDES),
        ('raise ValueError("The use of a session after close is not possible")', STATE),
        ('raise KeyError("A set of keys was left over after the merge")', STATE),
        ('raise KeyError("Set CACHE_DIR to a writable folder")', GUIDES),
        ('raise ValueError("cache directory is not set")', STATE),
        ('raise SyntaxError("unexpected token after the header")', STATE),
        ('raise SyntaxError("expected a token after the header")', GUIDES),
        ('raise RuntimeError("Import failed for the plugin module")', STATE),
        ('raise RuntimeError("Check failed while reading the cache")', STATE),
        ('raise RuntimeError("check the cache folder permissions")', GUIDES),
        ('raise ValueError("the timeout must be positive")', GUIDES),
        ('raise ValueError("the width must not be zero")', GUIDES),
        ('raise ValueError("a widget name is required")', GUIDES),
        ('raise ValueError("cannot combine the quiet and verbose modes")', GUIDES),
        ('raise OSError("cannot open the journal file")', STATE),
        ('raise ValueError("the widget catalogue is deprecated")', STATE),
        ('raise ValueError("the widget catalogue is deprecated; pass catalog=None instead")', GUIDES),
        ('raise ValueError("the widget catalogue is obsoleted by the parts index")', GUIDES),
        ('raise RuntimeError("not connected; open() first")', GUIDES),  # the call to make before
        ('raise RuntimeError("open() failed first")', STATE),
        ('raise ValueError("Widget kinds: see https://example.org/widgets")', GUIDES),
        ('raise ValueError("no widget called gear, did you mean gears?")', GUIDES),
        ('raise OSError("cannot open the journal; wrong working directory?")', GUIDES),  # a guessed cause
        ('raise OSError("the journal is missing (cleaned up by the nightly job?)")', GUIDES),
        ('raise OSError("the lock file exists - is another server running?")', GUIDES),
        ('raise OSError("the journal sent a reply after its close?")', STATE),  # the whole report: no guess
        # the cases it fails in, as a list of values, state when it works; one value does not
        ('def f(boards):\n    raise OSError(f"the fast clock is not available on {\', \'.join(boards)}")', GUIDES),
        ('def f(board):\n    raise OSError(f"the fast clock is not available on {board}")', STATE),
        ('def f(path):\n    raise OSError(f"{path} is already there without `replace=True`")', GUIDES),  # the option it needs
        ('def f(path, name):\n    raise OSError(f"{path} was saved without {name}")', STATE),
        ('raise ValueError("the ratio should be between 0 and 1")', GUIDES),
    ],
)
def test_guidance_is_read_from_grammar(statement: str, expected: list) -> None:
    assert codes_of(statement) == expected


def test_invariant_wording_is_not_a_requirement() -> None:
    assert codes_of('raise RuntimeError("the queue must never happen to be empty here")') == []
    assert codes_of('raise RuntimeError("the queue must be empty before shutdown")') == []


def test_guidance_in_placeholders_notes_and_framework_is_credited() -> None:
    assert codes_of('def f(mode, choices):\n    raise ValueError(f"unknown mode {mode!r}; {choices}")') == []
    assert codes_of('def f(mode, suggestion):\n    raise ValueError(f"unknown mode {mode!r} {suggestion}")') == []
    assert codes_of('def f(mode):\n    raise ValueError(f"unknown mode {mode!r}")') == STATE
    # A noun of form after the name ({hint_message}) leaves the word that says what it holds.
    looked_up = 'def f(mode, reply):\n    raise ValueError(f"unknown mode {mode!r} ({reply.get(KEY)})")'
    assert codes_of(looked_up.replace("KEY", "'hint_message'")) == []
    assert codes_of(looked_up.replace("KEY", "'status_message'")) == STATE
    noted = "def f(path):\n    err = ValueError(f'cannot read {path}')\n    err.add_note(NOTE)\n    raise err"
    assert codes_of(noted.replace("NOTE", repr("Create the file with app init"))) == []
    assert codes_of(noted.replace("NOTE", repr("The file was opened twice"))) == STATE
    # click's "Try --help" is the same for every error: not guidance (labeling guide)
    assert codes_of('import click\ndef f(n):\n    raise click.BadParameter(f"{n} is too large")') == STATE
    assert codes_of('import click\ndef f(n):\n    raise click.ClickException(f"{n} is too large")') == STATE


def test_a_class_template_named_msgfmt_is_judged() -> None:
    source = "class Missing(LookupError):\n    msgfmt = 'Requested {} could not be found'\n"
    assert [(f.code, f.line) for f in analyze_source(source, "t.py", Settings()).findings] == [("HEM001", 2)]


def test_a_class_template_around_the_callers_words_is_not_judged() -> None:
    wrapper = "class SyncFailed(Exception):\n    def __init__(self, message):\n        super().__init__(TEXT.format(message))\n"
    assert codes_of(wrapper.replace("TEXT", repr("Sync failed. {0}"))) == []  # the raises say the rest
    assert codes_of(wrapper.replace("TEXT", repr("Sync failed: {0}"))) == STATE  # a detail after its colon is a value
    assert codes_of("class JobFailed(Exception):\n    fmt = 'The job {name} failed'\n") == STATE


def test_text_built_elsewhere_is_not_judged_on_its_visible_part() -> None:
    assert codes_of('def f(path, hint):\n    raise OSError(f"cannot read {path}. " + hint)') == []
    assert codes_of('def f(msg):\n    raise OSError(msg)') == []


def test_vague_messages_name_nothing_specific() -> None:
    assert codes_of('raise RuntimeError("Operation failed")') == ["HEM002"]
    assert codes_of('raise RuntimeError("Invalid input, please try again later")') == ["HEM002"]
    assert codes_of('raise RuntimeError("Invalid port number")') == STATE
    assert codes_of('def f(v):\n    raise RuntimeError(f"Invalid value {v!r}")') == STATE
    assert codes_of('raise PermissionError("Invalid username or password")') == []


def test_wheel_layout_matches_the_loader() -> None:
    """The wheel carries rules/ as helpful_errors/rulebook/, the loader's first place to look."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapping["rules"] == "helpful_errors/rulebook"
    assert rulebook._candidates()[0] == Path(rulebook.__file__).resolve().parent / "rulebook"
    assert rulebook._candidates()[1] == ROOT / "rules"


def test_only_a_failed_check_of_a_secret_is_spared_the_guidance_rule() -> None:
    # the text of an authentication class may say what to do, unless it is the generic
    # answer to wrong credentials
    assert codes_of('raise AuthError("Too many failed attempts")') == STATE
    assert codes_of('raise AuthError("Too many sign-in attempts; wait 10 minutes and try again")') == []
    assert codes_of('raise AuthError("Wrong user or password")') == []


def test_the_text_of_an_exception_or_a_response_hides_no_guidance() -> None:
    # the labeling guide: an exception's text is a value ("{err.reason}"), so the visible words
    # are judged; a slot named for advice still may guide
    source = 'def f(url, response):\n    raise OSError(f"the download of {url} stopped ({response.reason})")'
    assert codes_of(source) == STATE
    assert codes_of('def f(url, hint):\n    raise OSError(f"the download of {url} stopped ({hint})")') == []
    caught = 'def f(url):\n    try:\n        g()\n    except KeyError as problem:\n        raise OSError(f"the lookup of {url} stopped. {problem.message}")'
    assert codes_of(caught) == STATE
