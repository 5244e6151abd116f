"""HEM001 help lines fitted to the message, and the helps of the tone rules (issue 9, point 5).

Each case is our own example: the kind of failure, the sink and the exception class pick the
template, and a slot is only ever filled with a value that fits it.
"""

from __future__ import annotations

import textwrap
from typing import List

import pytest

from helpful_errors.checks.readability import is_difficult
from helpful_errors.config import Settings
from helpful_errors.engine import analyze_source


def helps(body: str, code: str, path: str = "pkg/mod.py") -> List[str]:
    source = "import logging, sys\nlog = logging.getLogger(__name__)\n" + textwrap.dedent(body)
    return [f.help for f in analyze_source(source, path, Settings(select=(code,))).findings if f.code == code]


def hem001_help(line: str, params: str = "path, port, pid, timeout, host, exc, mode") -> str:
    (found,) = helps(f"def f({params}):\n    {line}\n", "HEM001")
    return found


def test_a_timeout_help_shows_only_a_duration() -> None:
    assert "{pid}" not in hem001_help('raise TimeoutError(f"Worker {pid} timed out")')
    assert "after {timeout}s" in hem001_help('raise TimeoutError(f"Worker {pid} timed out after {timeout}s")')


def test_the_caught_exception_is_never_the_value_to_show() -> None:
    text = hem001_help('raise ValueError(f"Unknown mode: {exc}")')
    assert "{exc}" not in text and "mode" in text


@pytest.mark.parametrize("line, start", [
    ('raise OSError(f"Connection refused by {host}")', "Name the address that was tried"),
    ('raise OSError(f"Permission denied for {path}")', "Say which permission is missing"),
    ('raise RuntimeError("The journal is closed")', "Say what the reader must do first, or stop doing, for the journal"),
    ('raise RuntimeError("The indexer is still running")', "Say what the reader must wait for or stop first"),
    ('raise RuntimeError("The session has not been opened")', "Say what the reader must do first for the session"),
    ('raise ValueError(f"{mode} is not a valid colour scheme")', "Say what kind of value is expected"),
    ('raise ValueError(f"Could not parse the date header {host}")', "Show where the input breaks"),
    ('raise ValueError("The checksum of the archive does not match")', "Show both values"),
    ('raise ValueError("The printer queue is empty")', "Say what the printer queue must contain"),
])
def test_the_kind_of_failure_picks_the_help(line: str, start: str) -> None:
    assert hem001_help(line).startswith(start)


def test_the_subject_of_a_type_help_drops_valid() -> None:
    assert '"expected colour scheme such as ..., got {mode}"' in hem001_help('raise ValueError(f"{mode} is not a valid colour scheme")')


def test_the_sink_picks_the_general_help() -> None:
    raised = hem001_help('raise RuntimeError("The worker pool went away")')
    logged = hem001_help('log.error("The worker pool went away")')
    exited = hem001_help('sys.exit("The worker pool went away")')
    assert raised.startswith("Add what the reader should do next")
    assert logged.startswith("Add what the operator should check")
    assert exited.startswith("Add the option, command or setting")


def test_the_exception_class_names_the_kind_when_the_words_do_not() -> None:
    assert hem001_help('raise PermissionError(f"Writing to {path} was refused by the vault")').startswith("Say which permission is missing")


# -- the tone rules' helps --------------------------------------------------------------


def test_tone_rules_do_not_judge_test_fixtures() -> None:
    body = 'def f():\n    raise ValueError("oops")\n'
    assert helps(body, "HEM012") != []
    assert helps(body, "HEM012", "pkg/tests/test_mod.py") == []
    assert helps(body, "HEM012", "pkg/_core/_tests/helpers.py") == []
    assert helps('def test_handler():\n    raise ValueError("oops")\n', "HEM012") == []


def test_hostile_help_never_takes_the_flagged_word_for_the_subject() -> None:
    (text,) = helps('def f():\n    sys.exit("A fatal error stopped the indexer")\n', "HEM011")
    assert '"fatal"' in text and "fatal ..." not in text.split("instead of")[-1] and "item" not in text


def test_exclamation_help_shows_the_calm_sentence() -> None:
    (text,) = helps('def f():\n    raise ValueError("The cache folder is full! Empty it first.")\n', "HEM013")
    assert text.endswith('"The cache folder is full."')


def test_double_negative_help_keeps_its_subject() -> None:
    (text,) = helps('def f():\n    raise ValueError("The archive cannot be opened without a password")\n', "HEM015")
    assert text.endswith('"a password is required for the archive"')
    (text,) = helps('def f():\n    raise ValueError("cannot resize the image without a target width")\n', "HEM015")
    assert text.endswith('"a target width is required to resize the image"')


@pytest.mark.parametrize("text, reported", [
    ("The reader does not accept non-numeric page names", False),
    ("The page name must not be non-numeric", True),
])
def test_a_negative_word_after_a_verb_qualifies_a_noun(text: str, reported: bool) -> None:
    assert bool(helps(f'def f():\n    raise ValueError("{text}")\n', "HEM015")) is reported


def test_adverbs_of_easy_words_are_easy() -> None:
    assert not is_difficult("correctly") and not is_difficult("simply") and is_difficult("registration")


def test_a_placeholder_after_the_subject_is_its_value() -> None:
    assert 'got {d(raw)}"' in hem001_help('raise ValueError(f"invalid header value: {d(raw)}")', "raw")


def test_a_name_in_code_stands_in_for_a_missing_subject() -> None:
    assert "supply the 'cache_dir'" in hem001_help('raise ValueError("\'cache_dir\' is not set")')


def test_exclamation_help_keeps_placeholders_with_dots_whole() -> None:
    (text,) = helps('def f(self):\n    raise ValueError(f"The default is {self.default} already!")\n', "HEM013")
    assert text.endswith('"The default is {self.default} already."')


def test_a_period_without_its_space_still_ends_a_sentence() -> None:
    first = " ".join(["word"] * 20)
    body = f'def f():\n    raise ValueError("{first} closing.Then {first} end")\n'
    assert helps(body, "HEM014") == []
    assert helps(body.replace("closing.Then", "closing then"), "HEM014") != []


def test_an_unknown_failure_is_not_a_choice_of_values() -> None:
    assert hem001_help('raise RuntimeError("Unknown ticket failure in the handshake")').startswith("Say what the reader can check")


def test_a_disabled_parser_is_a_state_not_a_parse_error() -> None:
    assert hem001_help('raise ValueError("form parsing is disabled")').startswith("Say what the reader must do first")


@pytest.mark.parametrize(
    "line, subject",
    [
        ('raise ValueError("Not supported yet")', '"item: not supported'),  # "yet" names nothing
        ('raise ValueError("Streaming is currently not supported")', '"streaming: not supported'),
        ('raise ValueError("Compression is not supported anymore")', '"compression: not supported'),
    ],
)
def test_an_adverb_is_never_the_subject_of_a_help(line: str, subject: str) -> None:
    assert subject in hem001_help(line)


def test_test_code_gets_the_general_help_of_a_raise() -> None:
    (text,) = helps('def start_pool():\n    sys.exit("the worker pool went away")\n', "HEM001", "pkg/tests/test_pool.py")
    assert text.startswith("Add what the reader should do next")


@pytest.mark.parametrize(
    "source, subject",
    [
        # the head of the subject comes before its modifier ("with ...")
        ('def f():\n    raise KeyError("A cache entry with the same digest already exists")', "cache entry"),
        # an adjective before its noun names the subject after it
        ('def f(tag):\n    raise ValueError(f"saw duplicate tag {tag!r}")', "tag"),
        ('def f(tag):\n    raise ValueError(f"tag {tag!r} is a duplicate")', "tag"),
    ],
)
def test_the_subject_of_an_exists_help_is_the_thing_that_exists(source: str, subject: str) -> None:
    (text,) = helps(source, "HEM001")
    assert f"when the {subject} already exists" in text


def test_a_named_member_that_is_missing_is_not_an_empty_container() -> None:
    found = hem001_help("raise AttributeError(f\"Module 'shop.parts' has no class '{mode}'\")")
    assert "empty" not in found and "locate" in found
    after_colon = hem001_help('raise AttributeError(f"The cart has no item: {mode}")')
    assert "missing" not in after_colon and "locate" in after_colon
    assert "looked for" not in hem001_help('raise ValueError("empty option: %r" % mode)')  # the colon shows the empty value


@pytest.mark.parametrize("line, start", [
    ('raise ValueError("The meeting start has no time zone")', "Say how to supply the time zone"),  # one thing lacking
    ('raise ValueError("The upload does not have a checksum")', "Say how to supply the checksum"),
    ('raise ValueError("The printer pool has no printers")', "Say what the printers must contain"),  # a plural: empty
])
def test_having_no_one_thing_is_missing_and_no_things_is_empty(line: str, start: str) -> None:
    assert hem001_help(line).startswith(start)


@pytest.mark.parametrize("line", [
    'raise ValueError("Invalid bot token")',
    'raise ValueError("The signing key does not match")',
    'raise ValueError("Bearer token value is not a str")',
])
def test_the_help_of_a_rejected_secret_never_asks_to_show_it(line: str) -> None:
    found = hem001_help(line)
    assert "without showing the value" in found and "got {" not in found and "show" not in found.split("without")[0]


def test_a_token_of_a_parser_is_no_secret() -> None:
    assert "show the received value" in hem001_help('raise ValueError(f"Invalid token {mode} at line 3")')


@pytest.mark.parametrize("line, subject", [
    ('raise NotImplementedError(f"The {mode} exporter has not been implemented")', "exporter"),
    ('raise NotImplementedError("Streaming uploads are not yet implemented")', "streaming uploads"),
])
def test_a_feature_not_implemented_yet_is_unsupported(line: str, subject: str) -> None:
    found = hem001_help("if path:\n        return path\n    " + line)
    assert found.startswith("Say what is supported instead") and f'"{subject}: not supported here' in found


def test_there_is_no_subject() -> None:
    assert "the there" not in hem001_help('raise ValueError(f"There is something wrong with the spool {path}")')


def test_the_member_looked_for_is_the_placeholder_next_to_its_noun() -> None:
    """"{owner} has no plugin {name}": the owner is where it was looked for, not what."""
    found = hem001_help('raise LookupError(f"Registry {host} has no plugin {mode}")')
    assert "({mode})" in found and "{host}" not in found


@pytest.mark.parametrize("line, wanted", [
    ('raise KeyError(f"Shop {host} does not have a coupon with code {mode}")', "Name the coupon that was looked for ({mode})"),
    ('raise KeyError(f"Registry {host} has no plugin named {mode}")', "Name the plugin that was looked for ({mode})"),
])
def test_a_container_without_a_named_member_is_a_lookup_of_that_member(line: str, wanted: str) -> None:
    assert hem001_help(line).startswith(wanted)


def test_a_placeholder_that_holds_the_problem_is_not_the_value_to_show() -> None:
    """"{path} contains invalid entries": the path is where the entries are, not one of them."""
    assert "got {path}" not in hem001_help('raise ValueError(f"{path} contains invalid price entries")')
    assert "got {port}" in hem001_help('raise ValueError(f"{port} is an invalid port")')


@pytest.mark.parametrize(
    "line",
    [
        'print("Tracing enabled", file=sys.stderr)',  # a status line: no problem reported
        'print("Saved the report to the archive", file=sys.stderr)',
    ],
)
def test_status_lines_on_standard_error_are_not_error_messages(line: str) -> None:
    assert helps(f"def f():\n    {line}\n", "HEM001") == []


def test_an_error_on_standard_error_is_still_judged() -> None:
    assert len(helps('def f():\n    print("Cannot open the journal", file=sys.stderr)\n', "HEM001")) == 1


def test_a_message_no_reader_sees_is_not_judged() -> None:
    """Caught where it is raised, or around every call of its private function, and dropped."""
    dropped = (
        "def size(text):\n    try:\n        if not text:\n            raise ValueError('Empty size')\n"
        "    except ValueError:\n        return 0\n    return int(text)\n"
        "def _port(text):\n    raise ValueError('Bad port')\n"
        "def port(text):\n    try:\n        return _port(text)\n    except ValueError:\n        return 80\n"
    )
    assert helps(dropped, "HEM001") == []
    shown = dropped.replace("        return 80", "        log.warning('using port 80', exc_info=True)\n        return 80")
    texts = [f.text for f in analyze_source(shown, "pkg/mod.py", Settings(select=("HEM001",))).findings]
    assert "Bad port" in texts and "Empty size" not in texts


def test_a_message_that_names_its_own_internal_error_is_an_invariant() -> None:
    assert helps('def f(mod):\n    raise RuntimeError(f"Internal Shop error: could not find module {mod}")\n', "HEM001") == []


@pytest.mark.parametrize(
    "body, path",
    [
        ('def test_retry_gives_up():\n    raise ConnectionError("link down")\n', "pkg/mod.py"),  # a test function anywhere
        ('class T:\n    def testReconnect(self):\n        self.fail("no retry happened")\n', "tests/test_net.py"),
        ('class FakeTunnel:\n    def start(self):\n        raise OSError("tunnel refused")\n', "tests/test_net.py"),
        ('def failing_read(size):\n    raise OSError("disk gone")\n', "tests/conftest.py"),
        ('def raise_fault():\n    raise OSError("link down")\n', "tests/helpers.py"),
        ('def connect(port):\n    raise OSError("boom")\n', "tests/helpers.py"),  # throwaway words
        # a fake the test defines for itself, a function and a class's method
        ('def test_refresh():\n    def reload(cache):\n        raise OSError("disk gone")\n', "tests/test_cache.py"),
        ('def test_refresh():\n    class Store:\n        def get(self):\n            raise OSError("disk gone")\n', "pkg/m.py"),
    ],
)
def test_what_a_test_or_its_double_raises_is_a_fixture(body: str, path: str) -> None:
    assert helps(body, "HEM001", path) == []


@pytest.mark.parametrize(
    "body, path",
    [
        ('def start_server(port):\n    raise RuntimeError(f"Test server could not bind port {port}")\n', "tests/helpers.py"),
        ('class FakeTunnel:\n    def start(self):\n        raise OSError("tunnel refused")\n', "pkg/net.py"),  # library code
        ('def connect(port):\n    raise OSError("boom")\n', "pkg/net.py"),
    ],
)
def test_test_helpers_and_library_doubles_are_still_judged(body: str, path: str) -> None:
    assert len(helps(body, "HEM001", path)) == 1


@pytest.mark.parametrize("literal", ['b"chunk {chunk!r} is short"', 'b"chunk {chunk} " b"is short"', 'rb"chunk {chunk} is short"'])
def test_a_bytes_placeholder_is_filled_with_percent_not_an_f_prefix(literal: str) -> None:
    (found,) = helps(f"def f(chunk):\n    raise ValueError({literal})\n", "HEM005")
    assert "bytes literal" in found and "% (chunk,)" in found and "f prefix so" not in found


def test_a_text_placeholder_still_gets_the_f_prefix() -> None:
    (found,) = helps('def f(chunk):\n    raise ValueError("chunk {chunk} is short")\n', "HEM005")
    assert found.startswith("Add the f prefix") and 'f"chunk {chunk} is short"' in found


def test_format_is_not_offered_for_a_placeholder_that_calls() -> None:
    (found,) = helps('def f(items):\n    raise ValueError("got {len(items)} items: {items}")\n', "HEM005")
    assert found.startswith("Add the f prefix") and ".format" not in found


def test_a_bytes_template_kept_in_a_name_is_still_bytes() -> None:
    (found,) = helps('def f(chunk):\n    msg = b"chunk {chunk} is short"\n    raise ValueError(msg)\n', "HEM005")
    assert "bytes literal" in found


@pytest.mark.parametrize("line, subject", [
    ('raise ValueError(f"{mode} is not a valid font or glyph in theme {host}")', '"expected font such as'),
    ('raise ValueError(f"Empty playlist and {mode} is off")', "Say what the playlist must contain"),
])
def test_a_subject_never_ends_on_a_conjunction(line: str, subject: str) -> None:
    text = hem001_help(line)
    assert subject in text, text
    assert " or such" not in text and " and must" not in text and " and that" not in text


def test_a_missing_member_is_not_looked_for_across_a_conjunction() -> None:
    assert hem001_help('raise ValueError(f"Empty playlist and {mode} is off")').startswith("Say what the playlist must contain")
    assert hem001_help('raise KeyError(f"Registry has no plugin {mode}")').startswith("Name the plugin that was looked for ({mode})")


def test_what_is_not_supported_outranks_the_words_of_its_object() -> None:
    """ "does not support resolving conflicts" reports a missing feature, not a clash; a
    clash named before the support phrase is still one."""
    assert hem001_help('raise RuntimeError("This sync backend does not support resolving conflicts")').startswith(
        "Say what is supported instead"
    )
    assert hem001_help('raise RuntimeError(f"Option {mode} conflicts with the backend, which does not support it")').startswith(
        "Name the two things that clash"
    )


@pytest.mark.parametrize("line, subject", [
    ('raise ValueError("Invalid shipping code provided")', "State the valid form of the shipping code and"),
    ('raise LookupError(f"Badge for {mode} not found")', "Name the badge that was looked for"),
    ('raise KeyError(f"The lane {mode} has no sensor attached")', "Say how to supply the sensor"),
])
def test_a_subject_is_a_noun_phrase(line: str, subject: str) -> None:
    """A subject does not end on the preposition or the participle after its noun."""
    text = hem001_help(line)
    assert text.startswith(subject), text


def test_a_subject_keeps_a_gerund_and_a_noun_the_lexicon_lists_as_a_verb() -> None:
    assert hem001_help('raise RuntimeError("Ticket parsing is disabled")').startswith("Say what the reader must do first for the ticket parsing")
    assert hem001_help('raise ValueError("Invalid page template")').startswith("State the valid form of the page template and")


def test_the_thing_looked_for_comes_before_its_modifiers() -> None:
    """A modifier after the value ("for {app}", "defined in {page}") is not the thing looked
    for, and its value is not the one to show."""
    badge = hem001_help('raise LookupError(f"The badge file {path!r} for {host!r} does not exist.")')
    assert badge.startswith("Name the badge file that was looked for ({path")
    link = hem001_help('raise LookupError(f"link {path} defined in {host} for stage {mode} not found")')
    assert link.startswith("Name the link that was looked for ({path})")


def test_a_participle_before_its_noun_stays_in_the_subject() -> None:
    assert hem001_help('raise LookupError(f"The specified bucket {path} does not exist")').startswith(
        "Name the specified bucket that was looked for ({path})"
    )
    assert '"directed graph: not supported here' in hem001_help('raise ValueError("Directed graph not supported")')
    assert '"restores: not supported here' in hem001_help('raise ValueError("Restores are not supported")')


@pytest.mark.parametrize("line, agreeing", [
    ('raise FileExistsError("Found duplicate theme files in the folder")', "when the theme files already exist,"),
    ('raise KeyError("Printer settings not found")', "the printer settings that were looked for ({...}) and say how to create or locate them"),
    ('raise ValueError("Printer settings are missing")', '"printer settings are missing; pass them as'),
    ('raise ValueError("Invalid vault credentials")', "what the vault credentials must look like and where to get them,"),
    ('raise ValueError("Invalid vault password")', "what the vault password must look like and where to get it,"),
    ('raise KeyError("Printer profile not found")', "the printer profile that was looked for ({...}) and say how to create or locate it,"),
    ('raise DeprecationWarning("Passing positional flags is deprecated")', '"passing positional flags is deprecated;'),
])
def test_the_help_agrees_with_the_number_of_its_subject(line: str, agreeing: str) -> None:
    assert agreeing in hem001_help(line)


def test_a_long_placeholder_is_shown_as_an_ellipsis() -> None:
    """A comprehension pasted into the one-line example hides the help around it."""
    joined = hem001_help("raise ValueError(f\"Invalid modes: {', '.join(sorted(m for m in mode if m not in KNOWN_MODES))}\")")
    assert ".join(" not in joined and "got {...}" in joined
    assert "got {mode}" in hem001_help('raise ValueError(f"Invalid mode {mode!r}")')


def test_an_invalid_text_format_is_a_parse_error() -> None:
    assert hem001_help('raise ValueError("Invalid JSON in the request")').startswith("Show where the input breaks")
    assert hem001_help('raise ValueError(f"Invalid port {port}")').startswith("State the valid form of the port")


def test_a_setting_without_effect_is_not_a_missing_thing() -> None:
    assert hem001_help('raise ValueError("The retry count has no effect in dry runs")').startswith("Say what is supported instead")


def test_a_verb_before_to_be_is_not_the_subject() -> None:
    assert hem001_help('raise LookupError("The cache folder seems to be missing")').startswith("Say how to supply the cache folder,")
    assert "seems" not in hem001_help('raise LookupError(f"{path} seems to be missing")')


def test_a_failed_attempt_to_open_is_not_a_closed_state() -> None:
    assert not hem001_help('raise OSError(f"Could not open the settings file {path}")').startswith("Say what the reader must do first")
    assert hem001_help('raise OSError(f"The settings file {path} is not open")').startswith("Say what the reader must do first")



def test_a_help_offers_no_value_the_path_has_emptied() -> None:
    """``if session is None:`` leaves nothing to show: the help asks for the value looked for."""
    guarded = "def resume(store, sid):\n    session = store.get(sid)\n    if session is None:\n        raise KeyError('Session not found')\n"
    (found,) = helps(guarded, "HEM001")
    assert "{session!r}" not in found and "{...}" in found
    (found,) = helps(guarded.replace("if session is None:", "if session.expired:"), "HEM001")
    assert "{session!r}" in found
    (found,) = helps("def load(path):\n    if '#' in path:\n        raise ValueError('Invalid path')\n", "HEM001")
    assert "{path!r}" in found  # a test of what the value holds leaves it worth showing


def test_a_thing_in_use_is_freed_or_replaced_not_overwritten() -> None:
    found = hem001_help('raise OSError(f"Port {port} is already in use")')
    assert "in use by" in found and "{port}" in found and "overwrite" not in found
    assert "overwrite" in hem001_help('raise ValueError(f"Profile {mode} already exists")')
