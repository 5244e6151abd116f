"""The sinks beyond ``raise`` and logging: standard error and the text a web client sees.

Each test pins kind, sink, callee, template and audience of what is found, and a negative
twin shows the look-alike that is not a message (``print`` to stdout, a 200 response).
"""

from __future__ import annotations

import ast
import textwrap
from typing import List, Tuple

import pytest

from helpful_errors.config import Settings
from helpful_errors.checks.context import audience_of
from helpful_errors.extract import extract_sites
from helpful_errors.model import MessageSite


def sites_of(code: str) -> List[MessageSite]:
    source = textwrap.dedent(code).lstrip("\n")
    return extract_sites(ast.parse(source), source, "snippet.py")


def found(code: str) -> List[Tuple[str, str, str, str]]:
    return [(s.kind, s.sink, s.callee, s.text) for s in sites_of(code)]


# -- standard error ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "code, expected",
    [
        ('import sys\nprint("Cannot read the lock file", file=sys.stderr)\n', ("cli", "stderr", "print", "Cannot read the lock file")),
        ('from sys import stderr\nprint("No profile named dev", file=stderr)\n', ("cli", "stderr", "print", "No profile named dev")),
        ('import sys\nsys.stderr.write("Give a path after --out\\n")\n', ("cli", "stderr", "sys.stderr.write", "Give a path after --out\n")),
        ('import click\nclick.secho("Build failed; see build.log", err=True, fg="red")\n', ("cli", "stderr", "click.secho", "Build failed; see build.log")),
        ('from typer import echo\necho("Unknown region; try eu-west", err=True)\n', ("cli", "stderr", "echo", "Unknown region; try eu-west")),
    ],
)
def test_standard_error_writes_are_cli_messages(code: str, expected: Tuple[str, str, str, str]) -> None:
    assert found(code) == [expected]


@pytest.mark.parametrize(
    "code",
    [
        'print("Wrote 3 files")\n',
        'import sys\nprint("Wrote 3 files", file=sys.stdout)\n',
        'import sys\nsys.stdout.write("42\\n")\n',
        'import click\nclick.echo("Deployed to staging")\n',
        'import click\nclick.echo("Deployed to staging", err=False)\n',
        'handle.write("row\\n")\n',
    ],
)
def test_standard_output_is_not_a_message(code: str) -> None:
    assert found(code) == []


def test_print_joins_its_arguments_and_the_site_offers_no_fix() -> None:
    (site,) = sites_of('import sys\ndef f(path):\n    print("Cannot open", path, "for reading", file=sys.stderr)\n')
    assert site.text == "Cannot open {path} for reading"
    assert (site.span.line, site.span.column) == (3, 10)
    assert not site.fixable


def test_rich_stderr_console_markup_is_taken_out() -> None:
    code = """
        from rich.console import Console
        err_console = Console(stderr=True)
        console = Console()
        class App:
            def __init__(self):
                self.errors = Console(stderr=True)
            def run(self, name):
                err_console.print("[bold red]Error:[/bold red] the key [i]{name}[/i] is unknown")
                self.errors.log("[red]Lost the connection[/]; retrying in 5 s")
                console.print("[green]Ready[/green]")
                err_console.print("Keep \\\\[brackets] escaped")
    """
    sites = sites_of(code)
    assert [(s.sink, s.callee, s.text) for s in sites] == [
        ("stderr", "err_console.print", "Error: the key {name} is unknown"),
        ("stderr", "self.errors.log", "Lost the connection; retrying in 5 s"),
        ("stderr", "err_console.print", "Keep [brackets] escaped"),
    ]
    assert not any(s.fixable for s in sites)


def test_logging_exception_is_an_error_log() -> None:
    (site,) = sites_of('import logging\nlogging.exception("The nightly export failed")\n')
    assert (site.kind, site.level, site.text) == ("log", "error", "The nightly export failed")


def test_stderr_messages_are_for_the_command_line_reader() -> None:
    (site,) = sites_of('import sys\nprint("Unknown flag", file=sys.stderr)\n')
    assert audience_of(site, Settings()) == "cli"


# -- web -----------------------------------------------------------------------------------
FLASK = """
    from flask import flash, jsonify
    def view(form):
        flash("Your session expired; sign in again", "error")
        flash("Your card was declined", category="danger")
        flash("Saved your changes", "success")
        flash("Profile updated")
        if form.bad:
            return jsonify(error="The field 'name' is required"), 400
        if form.gone:
            return jsonify({"error": {"message": "This invite has expired"}}), 410
        if form.busy:
            return {"detail": "Too many uploads at once; wait a minute"}, 429
        if form.new:
            return jsonify(message="Created"), 201
        return jsonify(error="none")
"""


def test_flask_flash_and_error_bodies() -> None:
    assert found(FLASK) == [
        ("http", "flash", "flash", "Your session expired; sign in again"),
        ("http", "flash", "flash", "Your card was declined"),
        ("http", "json-error", "jsonify", "The field 'name' is required"),
        ("http", "json-error", "jsonify", "This invite has expired"),
        ("http", "json-error", "dict", "Too many uploads at once; wait a minute"),
    ]


DJANGO = """
    from django import forms
    from django.contrib import messages
    from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, JsonResponse
    from rest_framework import status

    def view(request):
        messages.error(request, "The invoice could not be sent")
        messages.warning(request, "Your trial ends in 3 days")
        messages.success(request, "Invoice sent")
        messages.add_message(request, messages.ERROR, "The export is still running")
        messages.add_message(request, messages.INFO, "Export started")
        if request.a:
            return JsonResponse({"error": "Quota exceeded for this month"}, status=429)
        if request.b:
            return JsonResponse({"message": "Export queued"})
        if request.c:
            return JsonResponse({"detail": "Not allowed"}, status=status.HTTP_403_FORBIDDEN)
        if request.d:
            return HttpResponse("Bad signature on the webhook", status=400)
        if request.e:
            return HttpResponse("Hello")
        if request.f:
            return HttpResponseNotFound("No such report")
        return HttpResponseBadRequest("The date must look like 2024-05-31")

    class SignupForm(forms.Form):
        default_error_messages = {"taken": "That username is taken", "short": "Use at least 8 characters"}

        def clean(self):
            self.add_error("email", "This email is already registered")
            self.add_error(None, forms.ValidationError("Pick another plan"))
"""


def test_django_messages_responses_and_forms() -> None:
    assert found(DJANGO) == [
        ("http", "django-messages", "messages.error", "The invoice could not be sent"),
        ("http", "django-messages", "messages.warning", "Your trial ends in 3 days"),
        ("http", "django-messages", "messages.add_message", "The export is still running"),
        ("http", "json-error", "JsonResponse", "Quota exceeded for this month"),
        ("http", "json-error", "JsonResponse", "Not allowed"),
        ("http", "error-response", "HttpResponse", "Bad signature on the webhook"),
        ("http", "error-response", "HttpResponseNotFound", "No such report"),
        ("http", "error-response", "HttpResponseBadRequest", "The date must look like 2024-05-31"),
        ("default", "error-messages", "SignupForm", "That username is taken"),
        ("default", "error-messages", "SignupForm", "Use at least 8 characters"),
        ("http", "form-error", "self.add_error", "This email is already registered"),
        ("raise", "", "forms.ValidationError", "Pick another plan"),
    ]


def test_html_messages_are_for_end_users_and_api_bodies_for_client_developers() -> None:
    audiences = {(s.sink, audience_of(s, Settings())) for s in sites_of(DJANGO) + sites_of(FLASK)}
    assert audiences == {
        ("django-messages", "end-user"), ("error-messages", "end-user"), ("form-error", "end-user"), ("flash", "end-user"),
        ("json-error", "library"), ("error-response", "library"), ("", "library"),
    }
    configured = Settings(audience="cli")
    assert {audience_of(s, configured) for s in sites_of(FLASK)} == {"cli"}


def test_fastapi_aiohttp_falcon_and_tornado_errors() -> None:
    code = """
        import falcon
        from aiohttp import web
        from fastapi.responses import JSONResponse
        from tornado.web import HTTPError

        async def handler(request):
            if request.a:
                return JSONResponse(status_code=404, content={"detail": "No order with that number"})
            if request.b:
                return JSONResponse(content={"detail": "ok"}, status_code=200)
            if request.c:
                raise web.HTTPBadRequest(text="The body must be JSON")
            if request.d:
                return web.json_response({"error": "Unknown webhook id"}, status=404)
            if request.e:
                raise falcon.HTTPBadRequest(title="Bad page size", description="Ask for at most 100 rows")
            raise HTTPError(409, reason="The slot was booked a moment ago")

        class LockedError(falcon.HTTPError):
            title = "Document locked"
            description = "Someone else is editing it; try again later"
    """
    assert found(code) == [
        ("http", "json-error", "JSONResponse", "No order with that number"),
        ("http", "", "web.HTTPBadRequest", "The body must be JSON"),
        ("http", "json-error", "web.json_response", "Unknown webhook id"),
        ("http", "", "falcon.HTTPBadRequest", "Ask for at most 100 rows"),
        ("http", "", "HTTPError", "The slot was booked a moment ago"),
        ("default", "class-template", "LockedError", "Document locked"),
        ("default", "class-template", "LockedError", "Someone else is editing it; try again later"),
    ]


def test_a_jsonify_without_an_error_status_is_not_a_message() -> None:
    code = """
        from flask import jsonify
        def view(x):
            if x:
                return jsonify(error="none"), 200
            return jsonify(error="none")
    """
    assert found(code) == []


def test_a_raised_redirect_is_not_a_message() -> None:
    assert found('from aiohttp import web\ndef f():\n    raise web.HTTPFound("/login")\n') == []


# -- exception classes that carry their own words --------------------------------------------
CLASSES = """
    class AppError(Exception):
        fmt = "The job {name} failed: {reason}"

    class QuotaError(AppError):
        pass

    class ParseError(ValueError):
        msg_template = "Line {line} is not valid TOML"

    class ReadError(OSError):
        def __init__(self, path):
            super().__init__(f"Cannot read {path}; check its permissions")

    class ApiError(Exception):
        def __init__(self, code, message):
            super().__init__(message)
            self.code = code

    class Bare(Exception):
        pass

    def run(exc, path):
        try:
            pass
        except OSError as e:
            raise ReadError(str(e))
        except KeyError as e:
            raise QuotaError(str(e))
        except ValueError as e:
            raise Bare(str(e))
        raise ApiError(409, "The name is taken")
"""


def test_class_templates_are_judged_once_at_the_class() -> None:
    sites = sites_of(CLASSES)
    defaults = [(s.kind, s.sink, s.callee, s.text) for s in sites if s.kind == "default"]
    assert defaults == [
        ("default", "class-template", "AppError", "The job {name} failed: {reason}"),
        ("default", "class-template", "ParseError", "Line {line} is not valid TOML"),
        ("default", "class-template", "ReadError", "Cannot read {path}; check its permissions"),
    ]


def test_raising_a_class_with_words_is_not_value_only() -> None:
    raised = {s.callee: s for s in sites_of(CLASSES) if s.kind == "raise"}
    assert raised["ReadError"].class_words and raised["QuotaError"].class_words
    assert not raised["Bare"].class_words
    assert raised["ApiError"].text == "The name is taken"  # learned: the message is second
    lines = textwrap.dedent(CLASSES).lstrip("\n").splitlines()
    bare = next(i for i, line in enumerate(lines, 1) if "raise Bare" in line)
    assert [f.line for f in check(CLASSES) if f.code == "HEM004"] == [bare]


def check(code: str) -> list:
    from helpful_errors.engine import analyze_source

    source = textwrap.dedent(code).lstrip("\n")
    return list(analyze_source(source, "snippet.py", Settings(select=("HEM", "HEM004"))).findings)  # HEM004 is a preview rule


# -- the project's own sinks -------------------------------------------------------------------
def test_configured_sinks_are_found_by_name_and_through_imports() -> None:
    from helpful_errors.extract import extract_file
    from helpful_errors.extract.configured import configured_sinks
    from helpful_errors.sink_config import SinkSpec

    code = textwrap.dedent("""
        import ui
        from tools.ui import error_write as shout
        from report import show

        def main(name):
            ui.error_write("The profile {} is missing".format(name))
            shout("Nothing to deploy; add a target first")
            show(2, text="The upload stalled; retry with --resume")
            ui.info_write("Deployed")
            show(2)
    """).lstrip("\n")
    settings = Settings(extend_sinks=(SinkSpec("ui.error_write", 0), SinkSpec("report.show", keyword="text", kind="http", audience="end-user")))
    sites, _ = extract_file(ast.parse(code), code, "snippet.py", None, configured_sinks(settings))
    assert [(s.kind, s.sink, s.callee, s.text, audience_of(s, settings)) for s in sites] == [
        ("cli", "configured", "ui.error_write", "The profile {name} is missing", "cli"),
        ("cli", "configured", "shout", "Nothing to deploy; add a target first", "cli"),
        ("http", "configured", "show", "The upload stalled; retry with --resume", "end-user"),
    ]
    assert found(code) == []  # not configured: not a message


@pytest.mark.parametrize(
    "code",
    [
        'import sys\nprint("-" * 40, file=sys.stderr)\n',
        'import sys\ndef f(prompt):\n    sys.stderr.write(prompt)\n',
        'import sys\ndef f(out):\n    print(out, file=sys.stderr)\n',
        'import sys\ndef f(a, b):\n    print("stats:counter:%s,%s" % (a, b), file=sys.stderr)\n',
    ],
)
def test_standard_error_without_words_of_its_own_is_not_a_message(code: str) -> None:
    assert found(code) == []


def test_a_short_status_line_on_standard_error_is_kept() -> None:
    assert found('import sys\nprint("Tracing on", file=sys.stderr)\n') == [("cli", "stderr", "print", "Tracing on")]


# -- debug traces, test output and placeholder templates are not messages ----------------------
@pytest.mark.parametrize(
    "test",
    [
        "TRACE_IMPORTS",
        "self.debug",
        "args.verbose",
        "options.tracing and not quiet",
        "settings.DEBUG or self.verbose",
        "log.isEnabledFor(logging.DEBUG)",
        "ctx.verbosity >= 2",
        "1 < verbosity",
        'os.environ.get("APP_DEBUG")',
        'getattr(opts, "verbose", False)',
        '"--debug" in sys.argv',
        'level == "debug"',
    ],
)
def test_standard_error_in_a_debug_branch_is_a_trace(test: str) -> None:
    code = f"""
        import logging, os, sys
        def sync(self, args, opts, ctx, log, level, settings, verbosity, quiet, options):
            if {test}:
                print("skipping the lock file, it is stale", file=sys.stderr)
                sys.stderr.write("fetched the index in 2 seconds\\n")
    """
    assert found(code) == []


@pytest.mark.parametrize("test", ["not args.verbose", "args.verbose == 0", "verbosity < 1", "path.exists(trace_file)", "DEBUG or failed", "failed"])
def test_standard_error_outside_a_debug_branch_is_a_message(test: str) -> None:
    code = f"""
        import sys
        def sync(args, verbosity, path, trace_file, failed):
            if {test}:
                print("The lock file is stale; run sync --force", file=sys.stderr)
    """
    assert found(code) == [("cli", "stderr", "print", "The lock file is stale; run sync --force")]


def test_only_the_body_of_a_debug_if_is_a_trace() -> None:
    code = """
        import sys
        def load(self, name):
            if self.debug:
                print("looking up the plugin table", file=sys.stderr)
            elif name:
                print("No plugin named {name}; see plugins --list", file=sys.stderr)
            else:
                sys.stderr.write("Give a plugin name\\n")
            try:
                import plugins
            except ImportError:
                if self.debug:
                    def dump():
                        print("import failed, the path was printed", file=sys.stderr)
                sys.stderr.write("Install the plugins package first\\n")
    """
    assert [s[3] for s in found(code)] == ["No plugin named {name}; see plugins --list", "Give a plugin name\n", "Install the plugins package first\n"]


def test_a_debug_branch_keeps_its_raises_and_logs() -> None:
    code = """
        import logging
        def load(verbose):
            if verbose:
                logging.error("The cache is corrupt; delete it")
                raise ValueError("The cache is corrupt; delete it")
    """
    assert [s[0] for s in found(code)] == ["log", "raise"]


@pytest.mark.parametrize("path", ["tests/conftest.py", "pkg/utils/conftest.py", "pkg/tests/helpers.py", "test_build.py", "pkg/build_test.py"])
def test_standard_error_written_by_test_code_is_not_a_message(path: str) -> None:
    source = 'import sys\ndef report(step):\n    print("[builder] step {} is done".format(step), file=sys.stderr)\n    raise ValueError("The step is unknown")\n'
    assert [s.kind for s in extract_sites(ast.parse(source), source, path)] == ["raise"]


def test_standard_error_of_a_test_named_predicate_outside_test_files_is_a_message() -> None:
    source = 'import sys\ndef test_has_owner(job):\n    print("The job {} has no owner; skipping it".format(job), file=sys.stderr)\n'
    assert [s.text for s in extract_sites(ast.parse(source), source, "pkg/jobs.py")] == ["The job {job} has no owner; skipping it"]
    assert extract_sites(ast.parse(source), source, "pkg/tests/jobs.py") == []


PLACEHOLDER_CLASSES = """
    class ServiceError(Exception):
        fmt = "{error_msg}"

    class PairError(Exception):
        msg_template = "%(left)s: %(right)s"

    class QuotedError(Exception):
        fmt = "Service said: {error_msg}"

    class Wrapped(Exception):
        def __init__(self, detail):
            super().__init__(f"{detail}")

    def call(e):
        raise ServiceError(str(e))

    def other(e):
        raise QuotedError(str(e))
"""


def test_a_class_template_without_a_word_of_its_own_is_not_a_site() -> None:
    defaults = [(s.callee, s.text) for s in sites_of(PLACEHOLDER_CLASSES) if s.kind == "default"]
    assert defaults == [("QuotedError", "Service said: {error_msg}")]


def test_raising_a_class_whose_template_is_a_placeholder_is_judged_by_the_caller() -> None:
    raised = {s.callee: s for s in sites_of(PLACEHOLDER_CLASSES) if s.kind == "raise"}
    assert not raised["ServiceError"].class_words and raised["QuotedError"].class_words
    lines = textwrap.dedent(PLACEHOLDER_CLASSES).lstrip("\n").splitlines()
    service = next(i for i, line in enumerate(lines, 1) if "raise ServiceError" in line)
    assert [f.line for f in check(PLACEHOLDER_CLASSES) if f.code == "HEM004"] == [service]


# -- message arguments and logger names ----------------------------------------------------
@pytest.mark.parametrize(
    "code, expected",
    [
        # an error number or code constant first, the text second: the text is the message
        ('raise StoreError(2003, "the store at port 7 refused the login")\n', "the store at port 7 refused the login"),
        ('raise StoreError(-4, "the journal is full")\n', "the journal is full"),
        ('raise StoreError(codes.DISK_FULL, f"no room left for {name}")\n', "no room left for {name}"),
        # a constant that names a text is the text itself, whatever follows
        ('raise StoreError(DISK_FULL_MSG, "journal")\n', "{DISK_FULL_MSG}"),
        # a value that is no code keeps the first argument
        ('raise StoreError(name, "journal")\n', "{name}"),
    ],
)
def test_a_code_before_the_text_is_passed_over(code: str, expected: str) -> None:
    assert [s.text for s in sites_of(code)] == [expected]


def test_a_project_class_named_like_a_control_flow_exception_is_a_message() -> None:
    code = '''
        class CalledProcessError(Exception):
            def __init__(self, msg, *, stderr):
                super().__init__(msg)

        def run(cmd):
            raise CalledProcessError(f"{cmd} exited with 2", stderr="")
    '''
    assert [s.text for s in sites_of(code)] == ["{cmd} exited with 2"]
    assert sites_of('from subprocess import CalledProcessError\nraise CalledProcessError(1, "make")\n') == []


@pytest.mark.parametrize("receiver", ["log_runtime", "self.log_worker", "logger_db", "LOG_NET"])
def test_loggers_named_by_prefix_are_loggers(receiver: str) -> None:
    assert found(f'{receiver}.error("the socket at %s closed", host)\n') == [("log", "", f"{receiver}.error", "the socket at %s closed")]


@pytest.mark.parametrize("receiver", ["blog_post", "self.logo", "login_form"])
def test_names_that_only_contain_log_are_not_loggers(receiver: str) -> None:
    assert found(f'{receiver}.error("the socket closed")\n') == []


def test_parser_error_takes_its_text_by_keyword_too() -> None:
    code = 'def main(parser, item):\n    parser.error(message=f"no option named {item}")\n'
    assert [(s.kind, s.text) for s in sites_of(code)] == [("cli", "no option named {item}")]


@pytest.mark.parametrize(
    "code",
    [
        'import unittest\nraise unittest.SkipTest("needs the fast backend")\n',
        'class T:\n    def test_a(self):\n        raise self.skipTest("needs the fast backend")\n',
    ],
)
def test_a_reason_to_skip_a_test_is_not_a_message(code: str) -> None:
    assert sites_of(code) == []
