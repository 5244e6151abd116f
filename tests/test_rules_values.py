"""Trap cases for the value rules (HEM003-HEM009): each one is a way they could cry wolf."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List

import pytest

from helpful_errors.checks.hem009_sensitive_value_in_message import value_name
from helpful_errors.checks.values import is_secret_name, variable_for
from helpful_errors.config import Settings, load_settings
from helpful_errors.engine import analyze_path, analyze_source
from helpful_errors.runner import run_files
from rule_selection import EVERY_RULE


SETTINGS = EVERY_RULE


def codes(source: str) -> List[str]:
    result = analyze_source(source + "\n", "pkg/module.py", SETTINGS)
    return sorted(f.code for f in result.findings)


def sites(source: str):  # type: ignore[no-untyped-def]
    return analyze_source(source + "\n", "pkg/module.py", SETTINGS).sites


# HEM003 empty-message ------------------------------------------------------------------

def test_empty_builtin_is_reported_with_the_class_name() -> None:
    result = analyze_source("def f(port):\n    raise ValueError\n", "pkg/m.py", SETTINGS)
    (finding,) = result.findings
    assert (finding.code, finding.message) == ("HEM003", "Message is empty; the reader sees only the class name ValueError")
    assert "{port!r}" in finding.help


@pytest.mark.parametrize(
    "body",
    [
        "raise NotImplementedError",  # a stub's conventional signal
        "raise StopIteration",
        "raise SystemExit",
        "raise",  # re-raise
        "raise TimeoutError()",  # the class name says what happened
    ],
)
def test_empty_control_flow_and_stubs_are_exempt(body: str) -> None:
    assert "HEM003" not in codes(f"def f(x):\n    try:\n        pass\n    finally:\n        {body}")


def test_empty_raise_caught_in_the_same_function_is_control_flow() -> None:
    source = "def f(x):\n    try:\n        if x < 0:\n            raise ValueError\n    except ValueError:\n        return 0\n"
    assert codes(source) == []
    (site,) = sites(source)
    assert site.caught_locally


def test_empty_class_with_a_default_message_in_the_same_file_is_exempt() -> None:
    source = (
        "class Busy(RuntimeError):\n"
        "    def __init__(self):\n"
        "        super().__init__('the queue is full; retry after the current job ends')\n"
        "\n"
        "def f():\n"
        "    raise Busy()\n"
    )
    assert "HEM003" not in codes(source)


def test_empty_help_names_a_variable_only_when_one_can_be_meant() -> None:
    (finding,) = analyze_source("def pick(items, index):\n    raise IndexError\n", "pkg/m.py", SETTINGS).findings
    assert "{...}" in finding.help and "items" not in finding.help  # the culprit may be index


@pytest.mark.parametrize(
    "source",
    [
        "import abc\nclass Store(abc.ABC):\n    @abc.abstractmethod\n    def get(self, index):\n        raise IndexError",
        "def drain(future):\n    if future.exception():\n        raise future.exception()",  # an exception object, not a class
    ],
)
def test_empty_traps_abstract_bodies_and_exception_objects(source: str) -> None:
    assert "HEM003" not in codes(source)


def test_an_empty_logger_exception_still_prints_the_exception() -> None:
    source = "import logging\nlog = logging.getLogger()\ndef f(job):\n    try:\n        job.run()\n    except OSError:\n        log.{}('')\n"
    assert "HEM003" not in codes(source.format("exception"))
    assert "HEM003" in codes(source.format("error"))


LOOKUP = """
def lookup(table, key):
    if key not in table:
        raise KeyError
    return table[key]


class Store:
    def fetch(self, key):
        raise IndexError()

    def get(self, key):
        try:
            return self.fetch(key)
        except {caught}:
            return None


def find(table, key):
    try:
        return lookup(table, key)
    except {caught}:
        return None
"""


def test_empty_raise_that_a_caller_in_the_same_module_catches_is_control_flow() -> None:
    assert "HEM003" not in codes(LOOKUP.format(caught="LookupError"))  # a base catches it too
    assert "HEM003" not in codes(LOOKUP.format(caught="(TypeError, Exception)"))
    assert codes(LOOKUP.format(caught="TypeError")) == ["HEM003", "HEM003"]  # nothing catches them


def test_empty_class_of_the_project_that_shadows_a_builtin_is_not_the_builtin() -> None:
    source = "class LookupError(Exception):\n    pass\n\ndef get(table, key):\n    raise LookupError()\n"
    assert "HEM003" not in codes(source)


@pytest.mark.parametrize("text", ["' '", "'  \\n'", "'\\t'"])
def test_whitespace_only_text_is_empty(text: str) -> None:
    assert "HEM003" in codes(f"import logging\nlog = logging.getLogger()\ndef f(job):\n    log.error({text})\n")
    assert "HEM003" in codes(f"def f(port):\n    raise ValueError({text})\n")


def test_an_empty_line_between_lines_of_the_same_log_is_layout() -> None:
    source = (
        "import logging\nlog = logging.getLogger()\ndef report(rows):\n"
        "    log.warning('')\n    log.warning('Conflicts:')\n    for row in rows:\n        log.warning('  %s', row)\n"
    )
    assert "HEM003" not in codes(source)


def test_empty_raise_right_after_a_line_that_reports_the_problem_is_not_empty() -> None:
    source = "import logging\nlog = logging.getLogger()\ndef f(kind):\n    if kind:\n        log.error('this kind of job is not supported')\n        raise RuntimeError()\n"
    assert "HEM003" not in codes(source)
    assert "HEM003" in codes(source.replace("log.error('this kind of job is not supported')", "kind = None"))


def test_empty_project_class_from_elsewhere_is_not_guessed() -> None:
    assert "HEM003" not in codes("from .errors import Http404\n\ndef view(x):\n    raise Http404()")


def test_star_args_are_not_an_empty_message() -> None:
    assert "HEM003" not in codes("def f(err):\n    raise KeyError(*err.args) from None")


def test_empty_in_test_code_is_exempt() -> None:
    result = analyze_source("def test_handler():\n    raise RuntimeError()\n", "tests/test_x.py", SETTINGS)
    assert result.findings == ()
    helper = "def boom():\n    raise RuntimeError()\n"
    assert analyze_source(helper, "pkg/_tests/helpers.py", SETTINGS).findings == ()  # a private test folder
    assert [f.code for f in analyze_source(helper, "pkg/helpers.py", SETTINGS).findings] == ["HEM003"]


def test_test_folders_are_read_under_the_project_root_only(tmp_path: Path) -> None:
    # A project checked out under a folder named like tests is not test code, however the
    # path is written; its own tests folder still is.
    project = tmp_path / "test" / "shop"
    (project / "tests").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.helpful-errors]\nselect = ['HEM003']\n")
    helper = "def boom():\n    raise RuntimeError()\n"
    (project / "app.py").write_text(helper)
    (project / "tests" / "helpers.py").write_text(helper)
    settings = load_settings(str(project))
    for app in (project / "app.py", Path(os.path.relpath(project / "app.py"))):
        assert [f.code for f in analyze_path(str(app), settings).findings] == ["HEM003"]
    assert analyze_path(str(project / "tests" / "helpers.py"), settings).findings == ()


# HEM004 value-only-message ---------------------------------------------------------------

@pytest.mark.parametrize(
    "raise_line",
    [
        "raise RuntimeError(str(exc)) from exc",
        'raise RuntimeError(f"{exc}") from exc',
        "raise RuntimeError(exc.args[0]) from exc",
        'raise RuntimeError("Error: %s" % exc) from exc',
    ],
)
def test_value_only_wrappers_of_the_caught_exception(raise_line: str) -> None:
    source = f"def f(path):\n    try:\n        open(path)\n    except OSError as exc:\n        {raise_line}"
    assert codes(source) == ["HEM004"]


@pytest.mark.parametrize(
    "source",
    [
        "def f(d, key):\n    raise KeyError(key)",  # the key is the conventional message
        "def f(name):\n    raise TableNotFound(repr(name))",  # the class name says the problem
        "def f(msg):\n    raise ValueError(msg)",  # the caller built the sentence
        "def f(resp):\n    raise HTTPError(resp.status)",  # data for a class that builds its text
        "def f():\n    raise host_type_error('cpu_count')",  # a helper's argument, not a message
        "def f(exc):\n    raise ValueError(exc.message)",  # message text, not a value
    ],
)
def test_value_only_traps(source: str) -> None:
    assert "HEM004" not in codes(source)


FETCH_ERROR = "class FetchError(Exception):\n    pass\n\n\n"
WRAP = "def f(url):\n    try:\n        open(url)\n    except OSError as exc:\n        {}\n"


def test_value_only_wrapper_under_a_plain_project_class_is_reported() -> None:
    assert codes(FETCH_ERROR + WRAP.format("raise FetchError(str(exc)) from exc")) == ["HEM004"]


@pytest.mark.parametrize(
    "source",
    [
        # the class of the same file prints its own words
        "class FetchError(Exception):\n    message = 'could not fetch the feed'\n\n\n" + WRAP.format("raise FetchError(str(exc)) from exc"),
        "class FetchError(Exception):\n    def __init__(self, cause):\n        super().__init__('the feed could not be fetched')\n\n\n"
        + WRAP.format("raise FetchError(str(exc)) from exc"),
        FETCH_ERROR + WRAP.format("raise FetchError(str(exc), url) from exc"),  # the class may format its arguments
        FETCH_ERROR + WRAP.format("raise FetchError(exc) from exc"),  # it may wrap the cause with its own context
        WRAP.format("raise errors.from_response(exc) from exc"),  # a factory builds the exception and its text
        WRAP.format("raise FeedError._from_os_error(exc) from exc"),
        FETCH_ERROR + WRAP.format("raise FetchError(str(exc), help_text='check the URL') from exc"),  # a keyword it prints
    ],
)
def test_value_only_traps_where_the_class_adds_text(source: str) -> None:
    assert "HEM004" not in codes(source)


def test_value_only_help_of_a_log_call_shows_a_log_call() -> None:
    source = "import logging\nlog = logging.getLogger()\n" + WRAP.format("log.error(exc)")
    (finding,) = [f for f in analyze_source(source, "m.py", SETTINGS).findings if f.code == "HEM004"]
    assert "log.error(" in finding.help and "raise" not in finding.help and finding.help.endswith("exc)")


def test_value_only_help_of_an_echo_shows_no_raise() -> None:
    source = "import click\n" + WRAP.format("click.echo(str(exc), err=True)")
    (finding,) = [f for f in analyze_source(source, "m.py", SETTINGS).findings if f.code == "HEM004"]
    assert "raise" not in finding.help and "from exc" not in finding.help


def test_the_text_of_the_projects_own_exception_is_passed_on() -> None:
    """Its messages are the project's sentences, not a lower layer's: showing them is right."""
    source = (
        "class QuotaError(Exception):\n    pass\n\n\n"
        "def f(n):\n    try:\n        charge(n)\n    except QuotaError as exc:\n        raise RuntimeError(str(exc)) from exc\n"
    )
    assert "HEM004" not in codes(source)
    assert codes(source.replace("QuotaError as", "OSError as")) == ["HEM004"]


def test_value_only_trap_a_protocol_method_passes_the_key_on() -> None:
    source = "class Row:\n    def __getattr__(self, name):\n        try:\n            return self.data[name]\n        except KeyError as e:\n            raise AttributeError(str(e)) from e\n"
    assert codes(source) == []


def test_a_builtin_class_given_the_caught_exception_prints_only_it() -> None:
    assert codes(WRAP.format("raise RuntimeError(exc) from exc")) == ["HEM004"]


@pytest.mark.parametrize(
    "source",
    [
        "from pydantic import BaseModel, field_validator\n\n\nclass Port(BaseModel):\n    port: int\n\n"
        "    @field_validator('port')\n    @classmethod\n    def in_range(cls, port):\n"
        "        if port > 65535:\n            raise ValueError('port must be between 1 and 65535')\n        return port",
        "import voluptuous as vol\n\n\ndef check(port):\n    if port > 65535:\n        raise vol.Invalid('port must be between 1 and 65535')",
    ],
)
def test_a_framework_that_shows_the_input_needs_no_value_in_the_text(source: str) -> None:
    """pydantic prints the input a validator rejects; voluptuous prints the entry with its Invalid."""
    assert not {"HEM006", "HEM007"} & set(codes(source))
    plain = "def check(port):\n    if port > 65535:\n        raise ValueError('port must be between 1 and 65535')"
    assert "HEM007" in codes(plain)


# HEM005 unrendered-placeholder -----------------------------------------------------------

def test_missing_f_prefix_is_reported_with_the_fix() -> None:
    result = analyze_source('def f(scheme):\n    raise ValueError("unknown scheme {scheme}; use http")\n', "m.py", SETTINGS)
    (finding,) = result.findings
    assert finding.code == "HEM005"
    assert 'f"unknown scheme {scheme}; use http"' in finding.help
    assert ".format(scheme=scheme)" in finding.help


@pytest.mark.parametrize(
    "source",
    [
        'def f(x):\n    raise ValueError("x is {x}; pass a smaller x".format(x=x))',  # formatted
        'def f(x):\n    raise ValueError(f"x is {{x}}; pass a smaller x")',  # escaped braces in an f-string
        'def f(x):\n    raise MyError("x is {x}; pass a smaller x", x=x)',  # the class formats it
        'def f(x):\n    raise ValidationError("x is {x}; pass a smaller x", params={"x": x})',
        'def f(y):\n    raise ValueError("x is {x}; pass a smaller x")',  # x is not bound here
        'def f(x):\n    raise ValueError("x is { x }; pass a smaller x")',  # braces with spaces
        'def f(x):\n    raise ValueError(\'pass JSON such as {"x": 1}; check the file\')',  # JSON
        'def f(x):\n    raise ValueError("run `tool --out {x}` to write the file; check the path")',  # docs
        'import logging\nlog = logging.getLogger()\ndef f(x):\n    log.error("x is {x}; retrying in %s", 5)',
    ],
)
def test_unrendered_placeholder_traps(source: str) -> None:
    assert "HEM005" not in codes(source)


def test_template_assigned_then_raised_unformatted_is_reported() -> None:
    source = 'def f(path):\n    msg = "cannot read {path}; check the permissions"\n    raise OSError(msg)'
    assert codes(source) == ["HEM005"]


def test_class_default_templates_are_formatted_by_their_class() -> None:
    source = 'class Bad(ValueError):\n    message = "value {value} is bad; pass a number"\n'
    assert "HEM005" not in codes(source)


# HEM006 missing-offending-value ----------------------------------------------------------

def test_missing_value_is_a_preview_rule_off_by_default() -> None:
    source = 'def f(listen_port):\n    raise ValueError("Invalid port")\n'
    assert "HEM006" not in [f.code for f in analyze_source(source, "m.py", Settings()).findings]
    assert "HEM006" in codes(source)


def test_missing_value_names_the_variable_in_scope() -> None:
    result = analyze_source('def f(listen_port):\n    raise ValueError("Invalid port")\n', "m.py", SETTINGS)
    (finding,) = result.findings
    assert finding.code == "HEM006"
    assert "{listen_port!r}" in finding.help and "listen_port is in scope" in finding.message


@pytest.mark.parametrize(
    "source",
    [
        'def f(ports):\n    raise ValueError("Invalid port; use 1-65535")',  # a list, not the value
        'def f(max_port):\n    raise ValueError("Invalid port; use 1-65535")',  # a limit
        'def f(port):\n    raise ValueError("Port is missing; pass --port")',  # nothing to show
        'def f(username, password):\n    raise PermissionError("Invalid username or password")',
        'def f(token):\n    raise ValueError("Invalid token; sign in again")',  # a secret
        'def f(port):\n    raise ValueError(f"Invalid port {port}; use 1-65535")',
        'def f(option):\n    raise ValueError("Unknown option --fast; see --help")',  # named in the text
    ],
)
def test_missing_value_traps(source: str) -> None:
    assert "HEM006" not in codes(source)


@pytest.mark.parametrize(
    "text",
    [
        "engine is not supported when reading from a socket",  # any engine fails: the condition matters
        "engine is not supported in protocol versions before 3",
    ],
)
def test_missing_value_skips_support_that_depends_on_a_condition(text: str) -> None:
    assert "HEM006" not in codes(f'def f(engine):\n    raise NotImplementedError("{text}")')


@pytest.mark.parametrize(
    "source",
    [
        'def f(widget):\n    raise ValueError("This widget type is not supported")',  # widget is not its type
        'def f(label):\n    raise ValueError("Invalid empty label; pass some text")',  # nothing to show
    ],
)
def test_missing_value_needs_the_variable_of_the_head_noun(source: str) -> None:
    assert "HEM006" not in codes(source)


def test_missing_value_matches_a_qualified_subject_by_its_qualifier() -> None:
    findings = analyze_source('def f(bucket_name, report_name):\n    raise ValueError("The chosen report name already exists")\n', "m.py", SETTINGS).findings
    assert [f.code for f in findings] == ["HEM006"] and "{report_name!r}" in findings[0].help
    assert "HEM006" not in codes('def f(bucket_name):\n    raise ValueError("The chosen report name already exists")')


def test_missing_value_skips_test_code() -> None:
    source = 'def check_port(port):\n    raise ValueError("Invalid port")\n'
    assert "HEM006" not in [f.code for f in analyze_source(source, "tests/helpers.py", SETTINGS).findings]


def test_missing_value_reports_an_unsupported_value() -> None:
    assert "HEM006" in codes('def f(engine):\n    raise ValueError("Unsupported engine; use sqlite or postgres")')


def test_variable_matching_prefers_the_exact_name() -> None:
    assert variable_for(["port"], ("listen_port", "port")) == "port"
    assert variable_for(["file"], ("config_path",)) == "config_path"
    assert variable_for(["port"], ("ports", "default_port", "self")) == ""


# HEM007 expected-without-actual ----------------------------------------------------------

@pytest.mark.parametrize(
    "source,shown",
    [
        ('def f(timeout):\n    raise ValueError("timeout must be positive")', "{timeout!r}"),
        ('def f(n):\n    raise ValueError("\'n\' should be at least 2")', "{n!r}"),
        ('def f(data):\n    raise TypeError("expected a dict")', "{type(data).__name__}"),  # the only name
        ('def f(spec, strict):\n    raise TypeError("expected a dict")', "{type(...).__name__}"),  # which one is unknown
        ('def f(shape):\n    raise TypeError("shape must be a tuple")', "{type(shape).__name__}"),
    ],
)
def test_requirement_without_the_received_value(source: str, shown: str) -> None:
    result = analyze_source(source + "\n", "m.py", SETTINGS)
    (finding,) = result.findings
    assert finding.code == "HEM007"
    assert shown in finding.help


@pytest.mark.parametrize(
    "text",
    [
        "'layout' must be a Grid object, not a string",  # says what came instead
        "'layout' must be a Grid object but got a list",
        "'layout' should be a mapping; received a sequence",
    ],
)
def test_requirement_that_names_what_was_received_is_not_reported(text: str) -> None:
    assert "HEM007" not in codes(f'def f(layout):\n    raise TypeError("{text}")')


@pytest.mark.parametrize(
    "source",
    [
        'def f(conn):\n    raise RuntimeError("conn must be opened before use; call conn.open()")',
        'def f(name):\n    raise ValueError("name must be set; pass name=...")',
        'def f(name):\n    raise ValueError("name must not be empty; pass a name")',
        'def f(text):\n    raise SyntaxError("expected \')\' after the argument list")',  # a parser token
        'def f(password):\n    raise ValueError("password must be at least 12 characters")',
        'def f(port):\n    raise ValueError(f"port must be positive, got {port}")',
        'def f(x):\n    raise RuntimeError("this should never happen")',  # an invariant
        'def f(dtype):\n    raise ValueError("dtype must be known before chunking; call compute()")',
    ],
)
def test_requirement_traps(source: str) -> None:
    assert "HEM007" not in codes(source)


@pytest.mark.parametrize(
    "text",
    ["port must be positive", "Invalid port"],  # HEM007, HEM006 outside the try
)
def test_value_rules_skip_a_raise_its_own_function_catches(text: str) -> None:
    caught = f'def f(port):\n    try:\n        if port < 0:\n            raise ValueError("{text}")\n    except ValueError:\n        return 8080\n'
    assert not {"HEM006", "HEM007"} & set(codes(caught))
    assert codes(f'def f(port):\n    if port < 0:\n        raise ValueError("{text}")\n') in (["HEM006"], ["HEM007"])


@pytest.mark.parametrize("test", ['engine == "turbo"', "engine in ('turbo', 'jet')", "not engine", "engine is None", "ready and engine == 2"])
def test_missing_value_that_the_condition_fixes_is_not_asked_for(test: str) -> None:
    source = f"def start(engine, ready):\n    if {test}:\n        raise ValueError('this engine is not supported')\n"
    assert "HEM006" not in codes(source)
    other = "def start(engine, ready):\n    if ready:\n        raise ValueError('this engine is not supported')\n"
    assert "HEM006" in codes(other)


def test_missing_value_prefers_the_variable_sharing_most_qualifiers() -> None:
    source = (
        "def create(name, config_version_name, version_name, table):\n"
        "    if version_name in table:\n        raise KeyError('the specified version name already exists')\n"
    )
    (finding,) = [f for f in analyze_source(source, "pkg/m.py", SETTINGS).findings if f.code == "HEM006"]
    assert "{version_name!r}" in finding.help


# HEM008 redundant-prefix -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Error: disk full; free some space",
        "ERROR - disk full; free some space",
        "[warning] disk full; free some space",
        "ValueError: disk full; free some space",
    ],
)
def test_redundant_prefixes(text: str) -> None:
    result = analyze_source(f'def f():\n    raise OSError("{text}")\n', "m.py", SETTINGS)
    assert [f.code for f in result.findings] == ["HEM008"]
    assert '"disk full; free some space"' in result.findings[0].help


@pytest.mark.parametrize(
    "source",
    [
        'import sys\ndef f():\n    sys.exit("error: disk full; free some space")',  # printed raw
        'import click\ndef f():\n    click.echo("Error: disk full; free some space", err=True)',
        'import sys\ndef f():\n    sys.stderr.write("error: disk full; free some space\\n")',  # written as it is
        'import sys\ndef f():\n    print("warning: disk almost full; free some space", file=sys.stderr)',
        'def f():\n    raise OSError("E1234: disk full; free some space")',  # an error code
        'def f():\n    raise OSError("Error budget exhausted; wait for the next window")',
    ],
)
def test_redundant_prefix_traps(source: str) -> None:
    assert "HEM008" not in codes(source)


@pytest.mark.parametrize(
    "source",
    [
        # a SystemExit subclass: Python prints its text alone, with no class name before it
        'class Halt(SystemExit):\n    pass\nclass Stop(Halt):\n    pass\ndef f():\n    raise Stop("error: the queue is full; drain it first")',
        'class Halt(SystemExit):\n    def __init__(self, why):\n        super().__init__(f"error: cannot go on: {why}; see the log")',
        # a click exception that prints itself (its own show()) writes the text as it is
        'import click\nclass Plain(click.ClickException):\n    def show(self, file=None):\n        click.echo(self.message, err=True)\n'
        'def f():\n    raise Plain("Error: the queue is full; drain it first")',
    ],
)
def test_a_class_whose_text_is_printed_raw_keeps_its_label(source: str) -> None:
    assert "HEM008" not in codes(source)


def test_a_label_on_an_ordinary_subclass_is_still_redundant() -> None:
    source = 'class Halt(RuntimeError):\n    pass\ndef f():\n    raise Halt("error: the queue is full; drain it first")'
    assert "HEM008" in codes(source)


def test_a_system_exit_subclass_from_another_module_prints_raw(tmp_path: Path) -> None:
    package = tmp_path / "tool"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "errors.py").write_text("class Halt(SystemExit):\n    pass\n\nclass Stop(Halt):\n    pass\n")
    (package / "main.py").write_text('from .errors import Stop\n\ndef f():\n    raise Stop("ERROR: the queue is full; drain it first")\n')
    (package / "other.py").write_text('from .errors import Nope\n\ndef f():\n    raise Nope("ERROR: the queue is full; drain it first")\n')
    found = {r.path.rsplit("/", 1)[-1]: [f.code for f in r.findings] for r in run_files([str(package / "main.py"), str(package / "other.py")], SETTINGS, use_cache=False)}
    assert "HEM008" not in found["main.py"]
    assert "HEM008" in found["other.py"]  # an unknown class: the traceback prints its name


def test_a_log_label_depends_on_the_logging_format_and_is_not_reported() -> None:
    """A tool that logs with ``%(message)s`` alone writes "warning: ..." itself."""
    source = 'import logging\nlog = logging.getLogger()\ndef f(path):\n    log.warning("warning: %s is almost full; free some space", path)'
    assert "HEM008" not in codes(source)


# HEM009 sensitive-value-in-message -------------------------------------------------------

def test_a_secret_the_condition_empties_is_not_shown() -> None:
    source = "def refresh(refresh_token):\n    if not refresh_token:\n        raise PermissionError(f'expired: {refresh_token}')\n"
    assert "HEM009" not in codes(source)
    assert "HEM009" in codes(source.replace("if not refresh_token:", "if refresh_token:"))


@pytest.mark.parametrize(
    "expr,expected",
    [
        ("db_password", ("name", "db_password")),
        ("repr(self.api_key)", ("name", "api_key")),
        ("cfg['client_secret']", ("name", "client_secret")),
        ('cfg.get("password", "")', ("name", "password")),
        ("token[-4:]", ("masked", "")),
        ("mask(token)", ("masked", "")),
        ("os.environ", ("dump", "the environment")),
        ("request.headers", ("dump", "the request headers")),
    ],
)
def test_value_names(expr: str, expected: tuple) -> None:
    assert value_name(expr) == expected


def test_secret_names_must_end_in_the_secret_noun() -> None:
    assert is_secret_name(("db", "password")) and is_secret_name(("access", "token"))
    assert not is_secret_name(("min", "password", "length"))
    assert not is_secret_name(("token", "type"))
    assert not is_secret_name(("pad", "token"))  # a tokenizer's special token
    assert not is_secret_name(("api", "key", "header", "name"))


def test_bare_token_is_a_secret_only_in_authentication_code() -> None:
    lexer = 'def advance(lexer, token):\n    raise SyntaxError(f"unexpected token {token!r}; expected a name")'
    auth = 'def login(user, token):\n    raise PermissionError(f"token {token} was rejected; run \'app login\' again")'
    assert "HEM009" not in codes(lexer)
    assert "HEM009" in codes(auth)


def test_secret_collection_help_does_not_offer_a_slice() -> None:
    source = 'def f(credentials):\n    raise TypeError(f"bad credentials argument: {credentials}")\n'
    (finding,) = [f for f in analyze_source(source, "m.py", SETTINGS).findings if f.code == "HEM009"]
    assert "[-4:]" not in finding.help and "the credentials were rejected" in finding.help


@pytest.mark.parametrize(
    "source",
    [
        'API_PASSWORD = "api_password"\ndef f(conf):\n    raise ValueError(f"{API_PASSWORD} differs between the two files; make them equal")',
        'def f(api_key):\n    raise ExpectedTextError(api_key, "api_key")',  # the class writes its own text
    ],
)
def test_secret_traps_constants_and_data_for_a_class(source: str) -> None:
    assert "HEM009" not in codes(source)


def test_secrets_in_test_code_are_fixtures() -> None:
    source = 'def check_login(access_token):\n    raise AssertionError(f"unexpected access token {access_token!r}")\n'
    assert "HEM009" not in [f.code for f in analyze_source(source, "tests/test_login.py", SETTINGS).findings]
    assert "HEM009" in [f.code for f in analyze_source(source.replace("AssertionError", "PermissionError"), "app/login.py", SETTINGS).findings]


def test_secret_finding_is_not_dropped_by_other_rules() -> None:
    source = 'def f(password):\n    raise ValueError(f"bad password {password}")'
    assert "HEM009" in codes(source)


def test_values_passed_as_other_arguments_are_shown_by_the_exception() -> None:
    assert codes('def f(port):\n    raise ValueError("Invalid port", port)') == ["HEM001"]
    assert codes('def f(port):\n    raise ValueError("port must be positive", port)') == []
    (site,) = sites('def f(port):\n    raise ValueError("Invalid port", port, code="bad")')
    assert site.other_args == ("port",)


def test_missing_value_needs_the_subject_in_the_text() -> None:
    assert "HEM006" not in codes('def f(value):\n    raise ValueError("invalid until date; use YYYY-MM-DD")')
    assert "HEM006" not in codes('def f(is_file):\n    raise ValueError("unknown file type; use .txt")')


def test_missing_value_skips_results_and_secret_compounds() -> None:
    assert "HEM006" not in codes('def f(version):\n    raise LookupError("cannot find the version; pass --version")')
    assert "HEM006" not in codes('def f(key):\n    raise ValueError("Invalid unlock key format; copy it again")')
    assert "HEM006" in codes('def f(path):\n    raise LookupError("cannot find the file; pass --config")')


def test_empty_raise_in_a_private_helper_is_a_signal_for_its_caller() -> None:
    assert codes("def _next_number(tokens):\n    raise ValueError()") == []
    assert codes("def next_number(tokens):\n    raise ValueError()") == ["HEM003"]


def test_help_lines_are_filled_templates() -> None:
    secret = analyze_source('def f(api_key):\n    raise ValueError(f"key {api_key} was rejected; create a new one")\n', "m.py", SETTINGS)
    (finding,) = secret.findings
    assert "{api_key[-4:]!r}" in finding.help and "{{" not in finding.help
    source = "def f(p):\n    try:\n        open(p)\n    except OSError as err:\n        raise RuntimeError(str(err))\n"
    wrapped = analyze_source(source, "m.py", SETTINGS)
    (finding,) = wrapped.findings
    assert finding.help.endswith("from err")
