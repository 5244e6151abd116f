"""Every kind of message site the extractor knows, each on a small snippet of our own.

Each test pins the record a site becomes: the kind, the exception class or call, the
template with its placeholders, where the message text is (1-based line, 0-based column)
and whether the text is known statically.
"""

from __future__ import annotations

import ast
import textwrap
from typing import List

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from helpful_errors.extract import StatementSyntaxError, extract_sites
from helpful_errors.model import TEXT_LITERAL, TEXT_NONE, TEXT_PARTIAL, TEXT_UNKNOWN, MessageSite


def sites_of(code: str) -> List[MessageSite]:
    source = textwrap.dedent(code).lstrip("\n")
    return extract_sites(ast.parse(source), source, "snippet.py")


def only_site(code: str) -> MessageSite:
    sites = sites_of(code)
    assert len(sites) == 1, [(s.kind, s.callee, s.text) for s in sites]
    return sites[0]


def where(site: MessageSite) -> tuple:
    return (site.span.line, site.span.column, site.span.end_line)


# -- raise ---------------------------------------------------------------------------------


def test_raise_with_literal_message_points_at_the_text() -> None:
    site = only_site(
        """
        def connect(port):
            raise ValueError("Port is out of range")
        """
    )
    assert (site.kind, site.callee, site.text, site.text_status) == ("raise", "ValueError", "Port is out of range", TEXT_LITERAL)
    assert where(site) == (2, 21, 2)
    assert site.path == "snippet.py"
    assert site.function == "connect"


def test_raise_from_is_chained_and_keeps_the_caught_name() -> None:
    site = only_site(
        """
        def load(path):
            try:
                data = open(path).read()
            except OSError as err:
                raise RuntimeError("Settings file is unreadable") from err
        """
    )
    assert (site.kind, site.callee, site.text) == ("raise", "RuntimeError", "Settings file is unreadable")
    assert site.chained and site.caught_name == "err"


def test_raise_from_outside_a_handler_is_chained() -> None:
    site = only_site(
        """
        def parse(text, exc):
            raise ValueError("Header is malformed") from exc
        """
    )
    assert site.chained


def test_raise_from_none_outside_a_handler_is_not_chained() -> None:
    site = only_site('raise KeyError("Missing key") from None\n')
    assert not site.chained


def test_message_assigned_to_a_name_first_em101_style() -> None:
    site = only_site(
        """
        def resize(width):
            msg = f"Width {width} exceeds the canvas"
            raise ValueError(msg)
        """
    )
    assert site.text == "Width {width} exceeds the canvas"
    assert site.text_status == TEXT_LITERAL
    assert where(site) == (3, 21, 3)  # the raise, where the message is shown


def test_message_grown_with_plus_equals() -> None:
    site = only_site(
        """
        def check(name):
            msg = f"Name {name} is taken"
            msg += "; pick another name"
            raise ValueError(msg)
        """
    )
    assert site.text == "Name {name} is taken; pick another name"


def test_module_level_constant_message() -> None:
    site = only_site(
        """
        LOCKED = "The database is locked by another process"

        def open_db():
            raise RuntimeError(LOCKED)
        """
    )
    assert site.text == "The database is locked by another process"
    assert site.text_status == TEXT_LITERAL


def test_module_constant_filled_with_format_and_percent() -> None:
    sites = sites_of(
        """
        MISSING = "Profile {name} does not exist"
        BAD_UNIT = "Unit %s is not supported"

        def pick(name, unit):
            raise KeyError(MISSING.format(name=name))
            raise ValueError(BAD_UNIT % unit)
            text = BAD_UNIT % unit
            raise ValueError(text)
        """
    )
    assert [s.text for s in sites] == ["Profile {name} does not exist", "Unit %s is not supported", "Unit %s is not supported"]
    assert all(s.text_status == TEXT_LITERAL for s in sites)
    assert sites[1].template is not None and sites[1].template.slots[0].expr == "unit"


def test_exception_built_into_a_variable_then_raised() -> None:
    site = only_site(
        """
        def stop():
            error = LookupError("Queue is empty")
            raise error
        """
    )
    assert (site.callee, site.text) == ("LookupError", "Queue is empty")


# One statement, one message site: the kind, the call or class, and the template.
ONE_SITE_CASES = [
    pytest.param('import warnings\ndef f():\n    warnings.warn("The fast mode is deprecated", DeprecationWarning)\n', "warn", "warnings.warn", "The fast mode is deprecated", id="warnings_warn"),
    pytest.param('from . import util\ndef f():\n    util.warn("Pool size was ignored")\n', "warn", "util.warn", "Pool size was ignored", id="project_warn_helper"),
    pytest.param('import sys\ndef main(path):\n    sys.exit(f"Cannot open {path}")\n', "exit", "sys.exit", "Cannot open {path}", id="sys_exit_with_text"),
    pytest.param('raise SystemExit("Server stopped")\n', "exit", "SystemExit", "Server stopped", id="system_exit_with_text"),
    pytest.param('def main(parser):\n    parser.error("Too many input files")\n', "cli", "parser.error", "Too many input files", id="argparse_parser_error"),
    pytest.param('def cmd(ctx):\n    ctx.fail("Output folder is missing")\n', "cli", "ctx.fail", "Output folder is missing", id="click_ctx_fail"),
    pytest.param('def parse(parser, name):\n    parser.fail(f"Tag {name} is not closed")\n', "cli", "parser.fail", "Tag {name} is not closed", id="parser_fail"),
    pytest.param('import click\ndef f():\n    click.echo("Nothing to deploy", err=True)\n', "cli", "click.echo", "Nothing to deploy", id="click_echo_to_stderr"),
]


@pytest.mark.parametrize(("code", "kind", "callee", "text"), ONE_SITE_CASES)
def test_one_site_kind_callee_and_text(code: str, kind: str, callee: str, text: str) -> None:
    site = only_site(code)
    assert (site.kind, site.callee, site.text) == (kind, callee, text)


def test_exception_factory_returning_an_exception() -> None:
    site = only_site('def missing(name):\n    return KeyError(f"Setting {name} is not defined")\n')
    assert (site.kind, site.callee, site.text) == ("raise", "KeyError", "Setting {name} is not defined")
    assert where(site) == (2, 20, 2)


RECORD_CLASS = """
class Model:
    pass

class UploadFailure(Model):
    def __init__(self, reason, name):
        self.reason = reason
        self.name = name

"""


QUOTA = "Quota of the bucket is used up"


@pytest.mark.parametrize(
    ("use", "texts"),
    [
        pytest.param(f'def upload(names, failures):\n    failures.append(UploadFailure("{QUOTA}", names[0]))\n', [], id="appended"),
        pytest.param(f'def upload(name):\n    record = UploadFailure("{QUOTA}", name)\n    return [record]\n', [], id="assigned"),
        pytest.param(f'def upload(name):\n    return UploadFailure("{QUOTA}", name)\n', [], id="returned"),
        # Raised or caught, the class is an exception through a base this module cannot see.
        pytest.param(f'def upload(name):\n    raise UploadFailure("{QUOTA}", name)\n', [QUOTA], id="raised"),
        pytest.param(
            f'def upload(name):\n    error = UploadFailure("{QUOTA}", name)\n    raise error\n', [QUOTA], id="raised-through-a-variable"
        ),
        pytest.param(
            f'def upload(name, log):\n    try:\n        log.append(UploadFailure("{QUOTA}", name))\n    except UploadFailure:\n        pass\n',
            [QUOTA], id="caught",
        ),
    ],
)
def test_record_named_like_an_exception_is_data_unless_raised_or_caught(use: str, texts: List[str]) -> None:
    """A class whose bases make it no exception, never raised or caught, holds data."""
    assert [site.text for site in sites_of(RECORD_CLASS + use)] == texts


def test_conditional_raise_yields_both_branches() -> None:
    sites = sites_of('def f(strict):\n    raise ValueError("Entry is bad") if strict else TypeError("Entry is odd")\n')
    assert [(s.callee, s.text, where(s)) for s in sites] == [
        ("ValueError", "Entry is bad", (2, 21, 2)),
        ("TypeError", "Entry is odd", (2, 62, 2)),
    ]


def test_two_exceptions_in_one_statement_get_their_own_columns() -> None:
    code_plain = 'def f(errors):\n    collect(ValueError("Name is empty"), ValueError("Name is long"))\n'
    sites = sites_of(code_plain)
    assert [(s.text, s.span.column) for s in sites] == [("Name is empty", 23), ("Name is long", 52)]


def test_bare_exception_class_has_no_text() -> None:
    site = only_site("raise PermissionError\n")
    assert (site.kind, site.callee, site.template, site.text_status) == ("raise", "PermissionError", None, TEXT_NONE)


def test_exception_without_arguments_has_no_text() -> None:
    site = only_site("raise ConnectionError()\n")
    assert site.text_status == TEXT_NONE


def test_control_flow_exceptions_are_not_messages() -> None:
    assert sites_of("def gen():\n    raise StopIteration('done')\n") == []


# -- how the text is built -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "template"),
    [
        ('f"Port {port} is in use"', "Port {port} is in use"),
        ('f"Size {size!r:>8} is odd"', "Size {size} is odd"),
        ('"Port " "is in use"', "Port is in use"),
        ('"Port " f"{port} " "is in use"', "Port {port} is in use"),
        ('"Port " + str(port) + " is in use"', "Port {str(port)} is in use"),
        ('"Port %s is in use" % port', "Port %s is in use"),
        ('"Port %(port)d of %(host)s is in use" % {"port": port, "host": host}', "Port %(port)d of %(host)s is in use"),
        ('"Port {} is in use".format(port)', "Port {port} is in use"),
        ('"Port {p} on {0} is in use".format(host, p=port)', "Port {port} on {host} is in use"),
        ('"Disk is 100%% full" % ()', "Disk is 100% full"),
        ('"Disk %s is 100%% full, %d files lost" % (host, size)', "Disk %s is 100% full, %d files lost"),
        ('f"Braces {{ and }} stay"', "Braces { and } stay"),
    ],
)
def test_text_building_keeps_placeholders(expression: str, template: str) -> None:
    site = only_site(f"def f(port, host, size):\n    raise ValueError({expression})\n")
    assert site.text == template
    assert site.text_status == TEXT_LITERAL


def test_printf_slots_remember_their_arguments() -> None:
    site = only_site('def f(a, b):\n    raise ValueError("%s is not %r" % (a, b))\n')
    assert site.template is not None
    assert [(s.expr, s.spec) for s in site.template.slots] == [("a", "%s"), ("b", "%r")]


@pytest.mark.parametrize("wrapper", ["_", "gettext", "gettext_lazy", "ngettext"])
def test_gettext_wrapped_text(wrapper: str) -> None:
    site = only_site(f'def f():\n    raise ValueError({wrapper}("Account is disabled"))\n')
    assert site.text == "Account is disabled"
    assert site.gettext


def test_gettext_then_format() -> None:
    site = only_site('def f(user):\n    raise ValueError(_("User {user} is disabled").format(user=user))\n')
    assert site.text == "User {user} is disabled"
    assert site.gettext


def test_multi_line_message_spans_its_lines() -> None:
    site = only_site(
        """
        def f():
            raise ValueError(
                "Cache folder is "
                "not writable"
            )
        """
    )
    assert site.text == "Cache folder is not writable"
    assert where(site) == (3, 8, 4)
    assert (site.statement_line, site.statement_end_line) == (2, 5)


def test_parameter_as_whole_text_is_unknown_with_a_reason() -> None:
    site = only_site("def fail(message):\n    raise RuntimeError(message)\n")
    assert site.text_status == TEXT_UNKNOWN
    assert "parameter 'message'" in site.unknown_reason


def test_call_result_as_whole_text_is_unknown_with_a_reason() -> None:
    site = only_site("def fail():\n    raise RuntimeError(describe_failure())\n")
    assert site.text_status == TEXT_UNKNOWN
    assert "describe_failure()" in site.unknown_reason


def test_caught_exception_as_whole_text_is_unknown() -> None:
    sites = sites_of(
        """
        def f():
            try:
                pass
            except OSError as exc:
                raise RuntimeError(str(exc))
            except KeyError as exc:
                raise RuntimeError(f"{exc}")
        """
    )
    assert [s.text_status for s in sites] == [TEXT_UNKNOWN, TEXT_UNKNOWN]
    assert all("run-time value" in s.unknown_reason for s in sites)


def test_message_text_from_elsewhere_makes_the_template_partial() -> None:
    site = only_site('def f(path, hint):\n    raise ValueError(f"Cannot read {path}. {hint}")\n')
    assert site.text_status == TEXT_PARTIAL
    assert site.text == "Cannot read {path}. {hint}"
    assert site.unknown_reason


def test_value_slot_keeps_template_literal() -> None:
    site = only_site('def f(path):\n    raise ValueError(f"Cannot read {path}")\n')
    assert site.text_status == TEXT_LITERAL
    assert site.template is not None and site.template.complete


def test_empty_message() -> None:
    site = only_site('raise ValueError("")\n')
    assert site.text_status == "empty"


# -- logging -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "level"),
    [
        ("logger.warning", "warning"),
        ("logger.error", "error"),
        ("logger.exception", "error"),
        ("logger.critical", "critical"),
        ("logging.error", "error"),
        ("self.log.warning", "warning"),
    ],
)
def test_logging_at_warning_and_above(call: str, level: str) -> None:
    site = only_site(f'def f(path):\n    {call}("Backup of %s was skipped", path)\n')
    assert (site.kind, site.callee, site.level) == ("log", call, level)
    assert site.text == "Backup of %s was skipped"
    assert site.template is not None and site.template.slots[0].expr == "path"


@pytest.mark.parametrize("call", ["logger.info", "logger.debug", "log.log(logging.INFO, 'Started %s', name)"])
def test_logging_below_warning_is_not_a_message(call: str) -> None:
    code = call if "(" in call else f'{call}("Started %s", name)'
    assert sites_of(f"def f(name):\n    {code}\n") == []


def test_log_with_level_argument_and_printf_args() -> None:
    site = only_site('import logging\ndef f(path, code):\n    log.log(logging.ERROR, "Upload of %s failed with %d", path, code)\n')
    assert (site.kind, site.callee, site.level) == ("log", "log.log", "error")
    assert site.text == "Upload of %s failed with %d"
    assert site.template is not None
    assert [s.expr for s in site.template.slots] == ["path", "code"]
    assert where(site) == (3, 27, 3)


def test_log_with_numeric_level() -> None:
    site = only_site('def f():\n    logger.log(50, "Shutting down now")\n')
    assert site.level == "critical"


def test_log_message_by_keyword() -> None:
    site = only_site('import logging\ndef f():\n    log.log(logging.WARNING, msg="Quota almost used")\n')
    assert site.text == "Quota almost used"


# -- warnings, exits, argparse -------------------------------------------------------------


def test_warn_imported_from_warnings() -> None:
    site = only_site('from warnings import warn\ndef f():\n    warn("Legacy layout detected")\n')
    assert (site.kind, site.text) == ("warn", "Legacy layout detected")


def test_sys_exit_with_status_is_not_a_message() -> None:
    assert sites_of("import sys\nsys.exit(2)\nraise SystemExit(1)\n") == []


# -- click ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", ["ClickException", "UsageError", "BadParameter"])
def test_click_exceptions_take_the_message_first(cls: str) -> None:
    site = only_site(f'import click\ndef f():\n    raise click.{cls}("Profile is locked")\n')
    assert (site.kind, site.callee, site.text) == ("cli", f"click.{cls}", "Profile is locked")


def test_click_file_error_message_is_the_hint() -> None:
    site = only_site('import click\ndef f(path):\n    raise click.FileError(path, hint="the disk is full")\n')
    assert (site.kind, site.text) == ("cli", "the disk is full")
    positional = only_site('import click\ndef f(path):\n    raise click.FileError(path, "no space left")\n')
    assert positional.text == "no space left"


def test_click_bad_option_usage_takes_the_option_name_first() -> None:
    site = only_site('import click\ndef f():\n    raise click.BadOptionUsage("--port", "Port is taken")\n')
    assert (site.callee, site.text) == ("click.BadOptionUsage", "Port is taken")
    assert where(site) == (3, 41, 3)
    by_keyword = only_site('import click\ndef f():\n    raise click.BadOptionUsage(option_name="--port", message="Port is taken")\n')
    assert by_keyword.text == "Port is taken"


def test_self_fail_with_a_message_key_is_not_a_message() -> None:
    assert sites_of('class Field:\n    def check(self):\n        self.fail("invalid")\n') == []


def test_click_echo_to_stdout_is_not_a_message() -> None:
    assert sites_of('import click\nclick.echo("Deployed")\n') == []


# -- web -----------------------------------------------------------------------------------


def test_fastapi_http_exception_detail() -> None:
    sites = sites_of(
        """
        from fastapi import HTTPException

        def read(item_id):
            raise HTTPException(404, detail="Item does not exist")
            raise HTTPException(status_code=409, detail=f"Item {item_id} is locked")
            raise HTTPException(400, "Query is empty")
        """
    )
    assert [(s.kind, s.callee, s.text) for s in sites] == [
        ("http", "HTTPException", "Item does not exist"),
        ("http", "HTTPException", "Item {item_id} is locked"),
        ("http", "HTTPException", "Query is empty"),
    ]


def test_http_exception_without_detail_has_no_text() -> None:
    site = only_site("from starlette.exceptions import HTTPException\nraise HTTPException(status_code=404)\n")
    assert site.text_status == TEXT_NONE


def test_flask_abort_description() -> None:
    sites = sites_of(
        """
        from flask import abort

        def view():
            abort(403, description="Account is suspended")
            abort(404)
        """
    )
    assert [(s.kind, s.callee, s.text_status) for s in sites] == [("http", "abort", TEXT_LITERAL), ("http", "abort", TEXT_NONE)]
    assert sites[0].text == "Account is suspended"


def test_abort_of_another_library_is_not_a_message() -> None:
    assert sites_of('def f(job):\n    job.abort("stop")\n') == []


def test_werkzeug_exception_description() -> None:
    site = only_site('from werkzeug.exceptions import NotFound\nraise NotFound(description="Page was removed")\n')
    assert site.text == "Page was removed"


def test_django_validation_error() -> None:
    site = only_site(
        """
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext_lazy as _

        def clean(value):
            raise ValidationError(_("Value %(value)s is odd"), code="odd", params={"value": value})
        """
    )
    assert (site.kind, site.callee, site.text) == ("raise", "ValidationError", "Value %(value)s is odd")
    assert site.gettext


def test_exception_passed_as_an_argument() -> None:
    site = only_site('def f(errors):\n    errors.append(ValidationError("Email is malformed"))\n')
    assert site.text == "Email is malformed"


def test_exception_given_to_a_mock_as_its_side_effect_is_no_message() -> None:
    """The mock raises it into the code under test; the argument beside it still counts."""
    code = (
        "def test_retry(client):\n"
        "    client.fetch = Mock(side_effect=OSError('link down'))\n"
        "    check(client, ValueError('Port is out of range'))\n"
    )
    assert [site.text for site in sites_of(code)] == ["Port is out of range"]


# -- custom exception classes and notes ----------------------------------------------------


@pytest.mark.parametrize("attribute", ["message", "default_message", "default_detail", "msg"])
def test_custom_exception_default_message_attribute(attribute: str) -> None:
    site = only_site(f'class QuotaError(Exception):\n    {attribute} = "Quota is exhausted"\n')
    assert (site.kind, site.callee, site.text, site.class_name) == ("default", "QuotaError", "Quota is exhausted", "QuotaError")
    assert where(site) == (2, len(attribute) + 7, 2)


def test_annotated_default_detail_of_a_subclass_of_a_local_exception() -> None:
    sites = sites_of(
        """
        class AppError(Exception):
            pass

        class Unauthorized(AppError):
            status_code = 401
            default_detail: str = "Credentials were rejected"
        """
    )
    assert [(s.kind, s.callee, s.text) for s in sites] == [("default", "Unauthorized", "Credentials were rejected")]


def test_message_attribute_of_a_non_exception_class_is_ignored() -> None:
    assert sites_of('class Email:\n    message = "Hello there"\n') == []


def test_string_passed_to_super_init() -> None:
    site = only_site(
        """
        class TokenExpired(Exception):
            def __init__(self, user):
                super().__init__(f"Token of {user} has expired")
        """
    )
    assert (site.kind, site.callee, site.text) == ("default", "TokenExpired", "Token of {user} has expired")


def test_string_passed_to_base_init() -> None:
    site = only_site(
        """
        class TokenExpired(Exception):
            def __init__(self, user):
                Exception.__init__(self, "Token of %s has expired" % user)
        """
    )
    assert site.text == "Token of %s has expired"


def test_add_note_on_a_new_exception() -> None:
    site = only_site(
        """
        def f():
            error = ValueError("Config has no [server] table")
            error.add_note("Add a [server] table with host and port")
            raise error
        """
    )
    assert site.text == "Config has no [server] table"
    assert [n.text for n in site.notes] == ["Add a [server] table with host and port"]


def test_add_note_on_a_re_raised_exception() -> None:
    site = only_site(
        """
        def f():
            try:
                load()
            except OSError as err:
                err.add_note("Check that the data folder is mounted")
                raise
        """
    )
    assert (site.kind, site.callee, site.template, site.text_status) == ("raise", "err", None, TEXT_UNKNOWN)
    assert [n.text for n in site.notes] == ["Check that the data folder is mounted"]
    assert "notes" in site.unknown_reason


def test_the_next_printed_line_is_read_as_a_note() -> None:
    """Two log or standard-error lines one after the other reach the reader together."""
    first, second, apart, guidance, raised = sites_of(
        """
        import logging, sys
        log = logging.getLogger(__name__)
        def serve(port):
            log.error("Port %s is taken", port)
            print("Stop the other server or pass --port", file=sys.stderr)
            log.warning("Cache is cold")
            if slow:
                log.warning("Warm it with `app warm`")
            raise SystemError("Cannot serve")
        """
    )
    assert [n.text for n in first.notes] == ["Stop the other server or pass --port"]
    assert [n.text for n in second.notes] == ["Cache is cold"]
    assert apart.notes == () and guidance.notes == ()  # an if between: not always read together
    assert raised.notes == ()  # a raise is no printed line


def test_re_raise_without_notes_is_not_a_site() -> None:
    assert sites_of("try:\n    pass\nexcept OSError as err:\n    raise\n") == []


# -- robustness ----------------------------------------------------------------------------


def test_sites_in_every_compound_statement() -> None:
    sites = sites_of(
        """
        import logging
        log = logging.getLogger()

        class Service:
            def run(self, items):
                for item in items:
                    while item:
                        with open(item) as handle:
                            if handle:
                                log.error("Item %s is empty", item)
                            elif item:
                                raise ValueError("Item is stale")
                            else:
                                try:
                                    pass
                                finally:
                                    log.warning("Cleanup failed")
                match items:
                    case []:
                        raise LookupError("No items given")
        """
    )
    assert [s.text for s in sites] == ["Item %s is empty", "Item is stale", "Cleanup failed", "No items given"]
    assert all(s.class_name == "Service" and s.function == "run" for s in sites)


def test_same_statement_twice_gets_two_positions() -> None:
    sites = sites_of('def f():\n    raise ValueError("Slot is busy")\n\ndef g():\n    raise ValueError("Slot is busy")\n')
    assert [s.span.line for s in sites] == [2, 5]


def test_non_ascii_text_and_columns() -> None:
    site = only_site('def f():\n    raise ValueError("Fichier introuvable : réessayez")\n')
    assert site.text == "Fichier introuvable : réessayez"
    assert where(site) == (2, 21, 2)


def test_windows_line_endings_keep_positions() -> None:
    source = 'def f(name):\r\n    raise ValueError(\r\n        f"Name {name} is taken"\r\n    )\r\n'
    sites = extract_sites(ast.parse(source), source, "crlf.py")
    assert [(s.text, where(s)) for s in sites] == [("Name {name} is taken", (3, 8, 3))]


# -- fuzzing: any valid Python is walked without an exception ------------------------------

@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code such as ``1j[0]`` is valid but odd
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_node())
def test_extractor_never_crashes_on_valid_code(source: str) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return  # the engine reports unparsable files as HEM000; nothing to walk
    try:
        sites = extract_sites(tree, source, "fuzz.py")
    except StatementSyntaxError:
        return  # a statement LibCST rejects becomes a HEM000 in the engine
    for site in sites:
        assert site.span.line >= 1 and site.span.column >= 0
        assert site.statement_line <= site.span.line <= site.span.end_line <= site.statement_end_line


# -- extraction faults seen on real code (issue 9); each test failed before its fix ---------

def analysed_sites(code: str) -> List[MessageSite]:
    """Sites through the engine, whatever the extractor's own entry point looks like."""
    from helpful_errors.config import Settings
    from helpful_errors.engine import analyze_source

    return list(analyze_source(textwrap.dedent(code).lstrip("\n"), "snippet.py", Settings()).sites)


def test_branches_of_an_if_are_not_joined_into_one_text() -> None:
    sites = analysed_sites('''
        def f(taken):
            msg = "Port is not usable"
            if taken:
                msg += ", it is taken"
            else:
                msg += ", it is reserved"
            raise ValueError(msg)
    ''')
    assert [s.text for s in sites] == ["Port is not usable, it is taken"]


def test_a_text_chosen_by_a_conditional_expression_is_followed() -> None:
    sites = analysed_sites('''
        def f(taken):
            msg = "Port is taken" if taken else "Port is reserved"
            raise ValueError(msg)
    ''')
    assert [(s.text, s.text_status) for s in sites] == [("Port is taken", TEXT_LITERAL)]


def test_a_code_then_message_signature_is_learned_from_the_class() -> None:
    sites = analysed_sites('''
        class ApiError(Exception):
            def __init__(self, code, message):
                super().__init__(message)
                self.code = code

        def f():
            raise ApiError(400, "Port is invalid")
    ''')
    assert [(s.callee, s.text, s.span.column) for s in sites] == [("ApiError", "Port is invalid", 24)]


def test_a_subclass_without_init_takes_its_message_where_its_base_does() -> None:
    sites = analysed_sites('''
        class ApiError(Exception):
            def __init__(self, code, message):
                super().__init__(message)

        class ClientError(ApiError):
            status = 400

        class Conflict(ClientError):
            def __init__(self):
                super().__init__("Conflict", "The name is taken")

        def f():
            raise ClientError(400, "Port is invalid")
    ''')
    assert sorted(s.text for s in sites) == ["Port is invalid", "The name is taken"]


def test_a_class_that_writes_its_own_words_around_data_takes_no_message() -> None:
    sites = analysed_sites('''
        class BadHeader(Exception):
            def __init__(self, header, value=None):
                self.header, self.value = header, value

            def __str__(self):
                return f"invalid {self.header} header: {self.value}"

        class Prefixed(Exception):
            def __init__(self, errmsg):
                super().__init__(f"Config error: {errmsg}")

        class BadOrigin(BadHeader):
            def __init__(self, origin):
                super().__init__("Origin", origin)

        def f(key):
            raise BadHeader("Sec-Key", key)

        class Labelled(Exception):
            def __init__(self, value):
                self.value = value

            def __str__(self):
                return "Machine error: " + str(self.value)

        def g():
            raise Prefixed("the file is missing")

        def h():
            raise Labelled("the state is unknown")
    ''')
    texts = {s.callee: (s.text, s.text_status) for s in sites if s.kind == "raise"}
    assert not [s for s in sites if s.callee == "BadOrigin"]  # its super() call passes data too
    assert texts["BadHeader"] == ("", TEXT_NONE)  # a header's name, not the message
    assert texts["Prefixed"] == ("the file is missing", TEXT_LITERAL)  # its parameter says it takes text
    assert texts["Labelled"] == ("the state is unknown", TEXT_LITERAL)  # a label before what it is given


def test_a_raise_in_an_inner_handler_caught_by_an_outer_try_is_caught_locally() -> None:
    sites = analysed_sites('''
        def f(port):
            try:
                try:
                    connect(port)
                except KeyError:
                    raise ValueError("Port is unknown")
            except ValueError:
                pass
    ''')
    assert [(s.text, s.caught_locally) for s in sites] == [("Port is unknown", True)]


def test_each_branch_of_a_conditional_raise_points_at_its_own_text() -> None:
    sites = analysed_sites('''
        def f(c):
            raise Bad("Bad value") if c else B("Bad value")
    ''')
    assert [(s.callee, s.span.column) for s in sites] == [("Bad", 14), ("B", 39)]


def test_blocks_written_on_their_header_line_are_read() -> None:
    sites = analysed_sites('''
        import logging
        log = logging.getLogger(__name__)

        def f(port):
            if port < 0: raise ValueError("Port is negative")
            try: connect(port)
            except OSError: log.error("Could not connect")
            else: log.error("Connected badly")
    ''')
    assert [(s.text, s.span.line) for s in sites] == [("Port is negative", 5), ("Could not connect", 7), ("Connected badly", 8)]


# -- positions: the reported span holds the message literal --------------------------------

SPAN_SAMPLES = [
    'def f(port):\n    raise ValueError("Port is invalid")\n',
    'def f(port):\n    raise ValueError(\n        "Port is "\n        "invalid"\n    )\n',
    'def f(c):\n    raise Bad("Bad value") if c else B("Bad value")\n',
    'import logging\nlog = logging.getLogger()\ndef f(p):\n    if p: log.error("Path %s is missing", p)\n',
    'def f(e):\n\ttry:\n\t\tpass\n\texcept OSError: raise RuntimeError(\'Disk is full; free some space\') from e\n',
    'x = 1; raise ValueError(f"Value {x} is too big; use one below 10")\n',
    'def f(name):\r\n    raise KeyError(\r\n        f"Name {name} is taken"\r\n    )\r\n',
    'def f():\n    errors.append(ValueError("Name is empty")); errors.append(ValueError("Name is long"))\n',
    'class E(Exception):\n    message = "Quota is exceeded"\n',
    'def f():\n    raise ValueError("Größe ist ungültig: bitte prüfen")\n',
]


@pytest.mark.parametrize("code", SPAN_SAMPLES)
def test_the_reported_span_holds_the_message_literal(code: str) -> None:
    """Every site with a literal text: the span's source is a string literal whose value is that text."""
    lines = code.replace("\r\n", "\n").split("\n")
    sites = [s for s in extract_sites(ast.parse(code), code, "span.py") if s.template is not None]
    assert sites
    for site in sites:
        span = site.span
        if span.line == span.end_line:
            written = lines[span.line - 1][span.column : span.end_column]
        else:
            written = "\n".join([lines[span.line - 1][span.column :], *lines[span.line : span.end_line - 1], lines[span.end_line - 1][: span.end_column]])
        node = ast.parse(f"({written})", mode="eval").body
        if isinstance(node, ast.JoinedStr):  # an f-string: its literal pieces are the template's text
            pieces = [p.value for p in node.values if isinstance(p, ast.Constant)]
            assert pieces == [p for p in site.template.parts if isinstance(p, str)], (written, site.text)
        else:
            assert isinstance(node, ast.Constant) and node.value == site.text, (written, site.text)


def _counting_parses(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """Every piece of code the extractor asks LibCST to parse, in order."""
    from helpful_errors.extract import statements

    parsed: List[str] = []
    real = statements.parse_piece

    def counting(code: str):  # type: ignore[no-untyped-def]
        parsed.append(code)
        return real(code)

    monkeypatch.setattr(statements, "parse_piece", counting)
    return parsed


def test_text_bound_to_a_name_is_known_without_asking_libcst(monkeypatch: pytest.MonkeyPatch) -> None:
    """``NAME = "text"`` (two in five of the statements the extractor would read) is built
    from Python's tree; LibCST parses only the statements that carry a message."""
    parsed = _counting_parses(monkeypatch)
    site = only_site(
        '''
        HINT = "pass --config PATH" " or create one with `app init`"

        def load(path):
            detail = b"is missing"
            raise FileNotFoundError(f"{path} {detail}; " + HINT)
        '''
    )
    assert len(parsed) == 1 and "raise" in parsed[0]
    assert site.text == "{path} {detail}; pass --config PATH or create one with `app init`"


def test_text_built_into_a_name_is_read_only_when_a_message_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """``label = "%s.%s" % (a, b)`` feeds no message: LibCST never parses it. The one the
    raise uses is read when the raise asks for it."""
    parsed = _counting_parses(monkeypatch)
    site = only_site(
        """
        def install(app, module):
            label = "%s.%s" % (app, module)
            detail = "module %s has no setup() function" % module
            raise ImportError(detail + "; define one, or remove " + label + " from INSTALLED")
        """
    )
    assert [code.strip().splitlines()[-1].split()[0] for code in parsed] == ["raise", "detail", "label"]
    assert site.text == "module %s has no setup() function; define one, or remove %s.%s from INSTALLED"
    assert [p.expr for p in site.template.parts if not isinstance(p, str)] == ["module", "app", "module"]


def test_text_left_for_later_keeps_the_names_as_they_were_bound() -> None:
    """Read late, the text still takes each name it uses as bound at the assignment."""
    site = only_site(
        """
        def run(step):
            where = f"in step {step}"
            msg = "timed out " + where
            where = "nowhere"
            raise TimeoutError(msg + "; raise --timeout")
        """
    )
    assert site.text == "timed out in step {step}; raise --timeout"


def test_a_long_chain_of_texts_left_for_later_is_read_without_recursing_once_per_link() -> None:
    links = "\n".join(f"    msg = msg + \"{i},\"" for i in range(3000))
    site = only_site(f"def report():\n    msg = \"seen \"\n{links}\n    raise ValueError(msg)\n")
    assert site.text == "seen " + "".join(f"{i}," for i in range(3000))


def test_a_name_bound_to_text_libcst_does_not_read_as_text_holds_none() -> None:
    """``msg = "..." if ok else code`` is not text for either parser: the message is unknown, not the old text."""
    site = only_site(
        """
        def check(ok, code):
            msg = "first"
            msg = "fine" if ok else code
            raise ValueError(msg)
        """
    )
    assert (site.text_status, site.text) == (TEXT_UNKNOWN, "{msg}")


@pytest.mark.parametrize(
    "written",
    ["port", "(port)", "config.server.port", "config . port", "(config).port", "(config.port)", "config.\\\n    port",
     "'plain'", "b'raw'", "('in parens')", "f'{x}'", "get().port", "ports[0].name"],
)
def test_code_of_prints_names_chains_and_strings_as_written(written: str) -> None:
    """The shortcut for names, ``a.b`` chains and plain strings prints what LibCST's printer would."""
    import libcst

    from helpful_errors.extract.templates import code_of

    node = libcst.parse_expression(written)
    assert code_of(node) == libcst.Module(body=[]).code_for_node(node)


@pytest.mark.parametrize("handler, dropped", [
    ("except ValueError:\n        size = 0", True),
    ("except ValueError as exc:\n        size = 0", True),
    ("except Exception:\n        return None", True),
    ("except ValueError as exc:\n        log.error('cannot size: %s', exc)", False),
    ("except ValueError:\n        log.exception('cannot size')", False),
    ("except ValueError:\n        log.error('cannot size', exc_info=True)", False),
    ("except ValueError:\n        traceback.print_exc()", False),
    ("except ValueError:\n        cleanup()\n        raise", False),
    ("except KeyError:\n        size = 0", False),  # another class: the ValueError goes on
])
def test_a_raise_whose_handler_drops_its_text_is_swallowed(handler: str, dropped: bool) -> None:
    sites = analysed_sites(f'''
def f(size):
    try:
        if size < 0:
            raise ValueError("negative size")
    {handler}
    return size
''')
    assert [(s.text, s.swallowed) for s in sites if s.kind == "raise"] == [("negative size", dropped)]


@pytest.mark.parametrize("callers, dropped", [
    ("def get(k):\n    try:\n        return _lookup(k)\n    except KeyError:\n        return None\n", True),
    # one call leaves the text to its own caller
    ("def get(k):\n    try:\n        return _lookup(k)\n    except KeyError:\n        return None\n\ndef load(k):\n    return _lookup(k)\n", False),
    # passed on as a callback: its callers are not all known
    ("def get(k):\n    try:\n        return _lookup(k)\n    except KeyError:\n        return None\n\nFINDERS = [_lookup]\n", False),
    # the handler shows the text
    ("def get(k):\n    try:\n        return _lookup(k)\n    except KeyError as exc:\n        raise SystemExit(str(exc))\n", False),
])
def test_a_private_function_whose_every_call_drops_the_text_is_swallowed(callers: str, dropped: bool) -> None:
    sites = analysed_sites('def _lookup(k):\n    raise KeyError(f"no entry for {k}")\n\n' + callers)
    assert [(s.text, s.swallowed) for s in sites if s.kind == "raise"][:1] == [("no entry for {k}", dropped)]


_PARSE_HELPER = 'def _digits(text):\n    if not text.isdigit():\n        raise ValueError(f"not a number: {text}")\n    return int(text)\n\n'


@pytest.mark.parametrize("callers, dropped", [
    # the chain ends in a handler that drops the text
    ("def _field(row, i):\n    return _digits(row[i])\n\n"
     "def total(rows):\n    try:\n        return sum(_field(r, 0) for r in rows)\n    except ValueError:\n        return 0\n", True),
    # three private functions up, a nested helper among them
    ("def _row(r):\n    def _cell(i):\n        return _digits(r[i])\n    return [_cell(0), _cell(1)]\n\n"
     "def _rows(rs):\n    return [_row(r) for r in rs]\n\n"
     "def load(rs):\n    try:\n        return _rows(rs)\n    except Exception:\n        return []\n", True),
    # a public function in the chain: other modules may call it and read the text
    ("def field(row, i):\n    return _digits(row[i])\n\n"
     "def total(rows):\n    try:\n        return sum(field(r, 0) for r in rows)\n    except ValueError:\n        return 0\n", False),
    # one caller of the private caller lets the text go on
    ("def _field(row, i):\n    return _digits(row[i])\n\n"
     "def total(rows):\n    try:\n        return sum(_field(r, 0) for r in rows)\n    except ValueError:\n        return 0\n\n"
     "def first(row):\n    return _field(row, 0)\n", False),
    # the handler at the end of the chain shows the text
    ("def _field(row, i):\n    return _digits(row[i])\n\n"
     "def total(rows):\n    try:\n        return sum(_field(r, 0) for r in rows)\n    except ValueError as exc:\n        log.warning('bad row: %s', exc)\n", False),
    # a private caller that calls itself: the inner call's raise leaves through the outer one
    ("def _field(row, i):\n    return _digits(row[i]) if i == 0 else _field(row, i - 1)\n\n"
     "def total(rows):\n    try:\n        return _field(rows, 3)\n    except ValueError:\n        return 0\n", True),
])
def test_a_raise_is_followed_up_its_private_callers_to_the_handler_that_drops_it(callers: str, dropped: bool) -> None:
    sites = analysed_sites(_PARSE_HELPER + callers)
    assert [(s.text, s.swallowed) for s in sites if s.kind == "raise"] == [("not a number: {text}", dropped)]


def test_a_method_is_not_followed_up_its_callers() -> None:
    """A base class or another module may call a ``_method`` this module never calls."""
    source = (
        "class Reader:\n"
        "    def _digits(self, text):\n"
        "        if not text.isdigit():\n"
        "            raise ValueError(f\"not a number: {text}\")\n"
        "        return int(text)\n\n"
        "    def _field(self, row):\n        return self._digits(row[0])\n\n"
        "    def total(self, rows):\n        try:\n            return sum(self._field(r) for r in rows)\n"
        "        except ValueError:\n            return 0\n"
    )
    assert [s.swallowed for s in analysed_sites(source) if s.kind == "raise"] == [False]


def test_a_function_called_only_by_itself_is_not_dropped() -> None:
    """Its first call comes from elsewhere (a base class's ``super()`` chain, another module)."""
    source = ('def _walk(node):\n    if node is None:\n        raise ValueError("no node")\n    return [_walk(c) for c in node.children]\n\n'
              'def _size(text):\n    return int(text)\n\n'
              'def size(text):\n    try:\n        return _size(text)\n    except ValueError:\n        return 0\n')
    assert [s.swallowed for s in analysed_sites(source) if s.kind == "raise"] == [False]


def test_the_walk_up_the_callers_stops_after_a_few_functions() -> None:
    """Past ``CALLER_DEPTH`` private functions, the reader is taken to be somewhere up there."""
    from helpful_errors.extract.callers import CALLER_DEPTH

    chain = "".join(f"def _level{n}(x):\n    return _level{n - 1}(x)\n\n" for n in range(1, CALLER_DEPTH + 1))
    chain = chain.replace("_level0(x)", "_digits(x)")
    caller = f"def read(x):\n    try:\n        return _level{CALLER_DEPTH}(x)\n    except ValueError:\n        return None\n"
    assert [s.swallowed for s in analysed_sites(_PARSE_HELPER + chain + caller) if s.kind == "raise"] == [False]
    shorter = chain.replace(f"def _level{CALLER_DEPTH}(x):\n    return _level{CALLER_DEPTH - 1}(x)\n\n", "")
    caller = caller.replace(f"_level{CALLER_DEPTH}(x)", f"_level{CALLER_DEPTH - 1}(x)")
    assert [s.swallowed for s in analysed_sites(_PARSE_HELPER + shorter + caller) if s.kind == "raise"] == [True]


def test_a_public_function_is_never_swallowed_by_its_callers_here() -> None:
    """Other modules may call it and show its text."""
    sites = analysed_sites('def lookup(k):\n    raise KeyError(f"no entry for {k}")\n\n'
                           'def get(k):\n    try:\n        return lookup(k)\n    except KeyError:\n        return None\n')
    assert [(s.text, s.caught_by_caller, s.swallowed) for s in sites] == [("no entry for {k}", True, False)]
