"""The ``helpful-errors`` command line; its exit codes are in ``exits``."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

import click

from . import BUG_URL, __version__
from .config import ConfigError, Settings, load_settings, validate_codes
from .exits import EXIT_CLEAN, EXIT_INTERNAL, EXIT_USAGE
from .notes import emit_note


class UsageProblem(click.UsageError):
    """A usage error whose text already says how to fix it; click adds the usage line."""


def _prepare(
    paths: Tuple[str, ...], config: Optional[str], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> Tuple[Tuple[str, ...], Settings, List[str]]:
    """What every command starts with: the paths (default: here), the settings, the files.

    Notes about skipped paths go to stderr so that they never mix with a report.
    """
    from .files import discover

    paths = paths or (".",)
    settings = _settings(paths, config, select, ignore)
    files, notes = discover(paths, settings)
    for note in notes:
        emit_note(note)
    return paths, settings, files


def _settings(paths: Sequence[str], config: Optional[str], select: Sequence[str], ignore: Sequence[str]) -> Settings:
    settings = load_settings(paths[0], config)
    if select:
        settings = replace(settings, select=validate_codes(_split(select), "--select"))
    if ignore:
        settings = replace(settings, ignore=settings.ignore + validate_codes(_split(ignore), "--ignore"))
    return settings


def _split(values: Sequence[str]) -> List[str]:
    return [v for value in values for v in value.replace(" ", ",").split(",") if v]


common_paths = click.argument("paths", nargs=-1, type=click.Path())
config_option = click.option(
    "--config", "config", type=click.Path(dir_okay=False), default=None,
    help="Read settings from this pyproject.toml instead of the nearest one.",
)


class CommandGroup(click.Group):
    """The command group; a mistyped command gets the closest name on every click version.

    click suggests a command only from 8.2 on, and Python 3.9 installs click 8.1.
    """

    def resolve_command(self, ctx: click.Context, args: List[str]) -> Tuple[Optional[str], Optional[click.Command], List[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            import difflib

            commands = self.list_commands(ctx)
            close = difflib.get_close_matches(name, commands, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Use one of: {', '.join(commands)}."
            raise UsageProblem(f"No such command '{name}'. {hint}", ctx=ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="helpful-errors")
def main() -> None:
    """Find error messages that only describe the state, and say how to make them guide the reader."""


@main.command()
@common_paths
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True, help="How to print findings: text for people, json for scripts, sarif for code scanning, github for workflow annotations.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None, help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Count the findings per code after the report (on standard error for machine formats).")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings; usage errors still exit with 2.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None, help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None, help="Record the current findings in this file (for legacy code) and exit with 0.")
@click.option("--select", multiple=True, help="Only report codes starting with these prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Do not report codes starting with these prefixes (comma-separated).")
@click.option("--no-cache", is_flag=True, help="Analyse every file again instead of reusing cached results.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes; 0 uses all cores, 1 runs in this process.")
@config_option
def check(
    paths: Tuple[str, ...], fmt: str, output: Optional[str], statistics: bool, exit_zero: bool, baseline_file: Optional[str],
    write_baseline: Optional[str], select: Tuple[str, ...], ignore: Tuple[str, ...], no_cache: bool, jobs: int, config: Optional[str],
) -> None:
    """Report messages that need rewriting, in PATHS (files or folders; default: the current folder)."""
    from .reporters.output import Delivery, deliver, load_baseline

    delivery = Delivery(fmt, output, statistics, exit_zero, baseline_file, write_baseline)
    known = load_baseline(delivery)
    paths, settings, files = _prepare(paths, config, select, ignore)
    from .runner import run_files

    results = run_files(files, settings, jobs=jobs, use_cache=not no_cache)
    from .checks.package import judge_package  # rules that compare files (preview, HEM017)

    package_findings = judge_package(results, settings)
    every = [*(f for r in results for f in r.findings), *package_findings]
    findings = sorted((f for f in every if settings.code_enabled(f.code, f.path)), key=lambda f: f.sort_key())
    sys.exit(deliver(findings, delivery, known, sys.stdout, sys.stderr))


@main.command()
@common_paths
@click.option("--html", "html_file", type=click.Path(dir_okay=False), default=None, help="Also write a self-contained HTML report (charts, sortable table) to this file.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False), default=None, help="Also write the audit data as JSON to this file.")
@click.option("--no-cache", is_flag=True, help="Analyse every file again instead of reusing cached results.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes; 0 uses all cores, 1 runs in this process.")
@config_option
def audit(paths: Tuple[str, ...], html_file: Optional[str], json_file: Optional[str], no_cache: bool, jobs: int, config: Optional[str]) -> None:
    """Summarize how well the messages in PATHS guide the reader, and where the worst ones are."""
    paths, settings, files = _prepare(paths, config)
    from .audit.command import run_audit

    run_audit(paths, files, settings, jobs=jobs, use_cache=not no_cache, html_file=html_file, json_file=json_file,
              stdout=sys.stdout, stderr=sys.stderr)


@main.command()
@common_paths
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="How to print the inventory.")
@config_option
def messages(paths: Tuple[str, ...], fmt: str, config: Optional[str]) -> None:
    """List every message site in PATHS: the inventory to read before judging."""
    paths, settings, files = _prepare(paths, config)
    from .runner import run_files

    results = run_files(files, settings, jobs=0, use_cache=False)
    sites = [s for r in results for s in r.sites]
    out = sys.stdout
    if fmt == "json":
        from .reporters.inventory import site_dict

        json.dump([site_dict(s) for s in sites], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    for s in sites:
        shown = s.text if s.template is not None else f"<{s.text_status}>"
        if s.unknown_reason:  # say when the text is not known statically, and why
            shown = f"{shown}  [{s.text_status}: {s.unknown_reason}]"
        out.write(f"{s.path}:{s.span.line}:{s.span.column + 1}: {s.kind} {s.callee}: {shown}\n")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain one rule (for example HEM001): what it finds, why, how to fix, examples."""
    from . import rulebook
    from .checks.docs import explain as render

    try:
        record = rulebook.get(code)
    except KeyError:
        known = ", ".join(r.code for r in rulebook.rules())
        raise UsageProblem(f"no rule has the code {code!r}; use one of {known}, or run 'helpful-errors rules' to list them") from None
    sys.stdout.write(render(record))


@main.command("rules")
@click.option("--markdown", is_flag=True, help="Print the rule index as Markdown (the source of rules/README.md).")
def rules_command(markdown: bool) -> None:
    """List every rule: code, name, status and finding text."""
    from . import rulebook
    from .checks import docs

    records = rulebook.rules()
    out = sys.stdout
    out.write(docs.markdown(records) if markdown else docs.listing(records))


def run() -> None:
    """Entry point that turns every error into a documented exit code, never a traceback.

    0 clean, 1 findings (HEM000 included), 2 usage or configuration error, 3 a bug in
    helpful-errors (the report says where to file it), 130 interrupted.
    """
    _tolerant_streams()
    try:
        main.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except ConfigError as exc:
        click.echo(f"helpful-errors: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("helpful-errors: interrupted; run the command again to finish the check", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except BrokenPipeError:  # the reader went away (``| head``): nobody is left to tell
        _silence_stdout()
        sys.exit(EXIT_CLEAN)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        from .rulebook import RulebookError

        if isinstance(exc, RulebookError):  # a broken installation; the text says how to repair it
            click.echo(f"helpful-errors: {exc}", err=True)
            sys.exit(EXIT_INTERNAL)
        _report_bug(exc)
        sys.exit(EXIT_INTERNAL)


TRACEBACK_VARIABLE = "HELPFUL_ERRORS_TRACEBACK"


def _report_bug(exc: BaseException) -> None:
    """A short report for a bug of ours; the traceback only when asked for, to attach to the issue."""
    import os

    if os.environ.get(TRACEBACK_VARIABLE):
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        hint = "attach the traceback above"
    else:
        hint = f"run it again with {TRACEBACK_VARIABLE}=1 set and attach the traceback it prints"
    click.echo(
        f"helpful-errors: internal error ({type(exc).__name__}: {exc}). This is a bug in helpful-errors {__version__} "
        f"(Python {sys.version_info[0]}.{sys.version_info[1]}); please report it at {BUG_URL} with the command you ran; "
        f"{hint}.",
        err=True,
    )


def _tolerant_streams() -> None:
    """Never fail on output: templates can hold lone surrogates (``"\\udc80"``) and paths undecodable bytes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to configure
                pass


def _silence_stdout() -> None:
    """Point stdout at devnull so that the final flush at exit cannot raise BrokenPipeError again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
