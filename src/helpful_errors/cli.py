"""The ``helpful-errors`` command line; its exit codes are in ``exits``."""

from __future__ import annotations

import json
import sys
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import click

from . import BUG_URL, __version__
from .config import ConfigError, Settings
from .overrides import Overrides, settings_for
from .fix.codes import follows_capitals
from .exits import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE
from .model import FileResult, Finding
from .notes import emit_note
from .printable import printable
from .reporters import FORMATS

# The rule that compares the files of a package (see ``checks.package``).
PACKAGE_RULE = "HEM017"


class UsageProblem(click.UsageError):
    """A usage error whose text already says how to fix it; click adds the usage line."""


common_paths = click.argument("paths", nargs=-1, type=click.Path())
config_option = click.option(
    "--config", "config", type=click.Path(dir_okay=False), default=None,
    help="Read settings from this pyproject.toml instead of the nearest one.",
)


def _prepare(
    paths: Tuple[str, ...], given: Overrides, force_exclude: bool = False, quiet: bool = False
) -> Tuple[Tuple[str, ...], Settings, List[str]]:
    """What every command starts with: the paths (default: here), the settings, the files.

    Notes about skipped paths and ignored codes go to stderr so that they never mix with a
    report; an empty selection says so, since silence would look like a clean run.
    """
    from .files import discover

    paths = paths or (".",)
    settings = settings_for(paths[0], given)
    files, notes = discover(paths, settings, force_exclude)
    if not quiet:
        for note in (*settings.notes, *notes):
            emit_note(note)
        if not files:
            shown = " ".join(paths)
            emit_note(
                f"no Python files to check in {shown}; name files or folders that hold .py files "
                f"(run 'helpful-errors check --show-settings {shown}' to see the exclude globs)"
            )
    return paths, settings, files


def settings_options(func: Callable[..., None]) -> Callable[..., None]:
    """The flags that change the settings, shared by check, audit and messages."""
    options = [
        click.option("--select", multiple=True, help="Only report codes starting with these prefixes (comma-separated); replaces the file's select."),
        click.option("--extend-select", multiple=True, help="Also report codes starting with these prefixes (comma-separated), such as a preview rule."),
        click.option("--ignore", multiple=True, help="Do not report codes starting with these prefixes (comma-separated)."),
        click.option("--extend-ignore", multiple=True, help="The same as --ignore, for configurations shared with flake8."),
        click.option("--per-file-ignores", multiple=True, metavar="GLOB:CODES", help="Ignore codes in files matching a glob, such as 'tests/*:HEM001'; repeatable."),
        click.option("--exclude", multiple=True, help="Globs of paths to skip (comma-separated); replaces the default and the file's list."),
        click.option("--extend-exclude", multiple=True, help="Globs of paths to skip in addition to the exclude list (comma-separated)."),
        click.option("--isolated", is_flag=True, help="Ignore every pyproject.toml: use the defaults and the flags only."),
        config_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def overrides(kwargs: Dict[str, Any]) -> Overrides:
    """Take the settings flags out of a command's keyword arguments."""
    return Overrides(**{name: kwargs.pop(name) for name in OVERRIDE_FIELDS})


OVERRIDE_FIELDS = ("config", "isolated", "select", "extend_select", "ignore", "extend_ignore", "per_file_ignores", "exclude", "extend_exclude")


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
@click.option("--format", "--output-format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True, help="How to print findings: text for people, json for scripts, sarif for code scanning, github for workflow annotations.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), default=None, help="Write the report to this file instead of standard output.")
@click.option("--statistics", is_flag=True, help="Count the findings per code after the report (on standard error for machine formats).")
@click.option("--exit-zero", "-e", is_flag=True, help="Exit with 0 even when there are findings; usage errors still exit with 2.")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no closing count and no notes.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Color the text report: auto colors at a terminal unless NO_COLOR is set.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None, help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None, help="Record the current findings in this file (for legacy code) and exit with 0.")
@settings_options
@click.option("--force-exclude", is_flag=True, help="Apply exclude and extend-exclude to files named on the command line too (as pre-commit names them).")
@click.option("--stdin-filename", type=click.Path(dir_okay=False), default=None, help="Read the file from standard input (PATH '-') and report, configure and exclude it as this path.")
@click.option("--show-files", is_flag=True, help="Print the files that would be checked, one a line, and exit.")
@click.option("--show-settings", is_flag=True, help="Print the settings that apply (and the file they come from), and exit.")
@click.option("--no-cache", is_flag=True, help="Analyse every file again instead of reusing cached results.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes; 0 uses all cores, 1 runs in this process.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (with --fix) or show (with --diff) the fixes a person should review.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff and write nothing; exit with 1 when there is one.")
@click.option("--add-noqa", is_flag=True, help="Add a '# noqa: CODE' comment on each line that still has findings, and exit with 0.")
@click.version_option(__version__, "--version", prog_name="helpful-errors", message="%(prog)s %(version)s")
def check(
    paths: Tuple[str, ...], fmt: str, output: Optional[str], statistics: bool, exit_zero: bool, quiet: bool, color: str,
    baseline_file: Optional[str], write_baseline: Optional[str], force_exclude: bool, stdin_filename: Optional[str],
    show_files: bool, show_settings: bool, no_cache: bool, jobs: int, fix: bool, unsafe_fixes: bool, show_diff: bool,
    add_noqa: bool, **settings_flags: Any,
) -> None:
    """Report messages that need rewriting, in PATHS (files or folders; default: the current folder; - reads standard input)."""
    from .reporters.output import Delivery, deliver, load_baseline

    given = overrides(settings_flags)
    shade = {"auto": None, "always": True, "never": False}[color]
    delivery = Delivery(fmt, output, statistics, exit_zero, baseline_file, write_baseline, color=shade, quiet=quiet)
    known = load_baseline(delivery)
    if paths == ("-",) or (not paths and stdin_filename):
        findings, checked = _check_stdin(stdin_filename, given, force_exclude, quiet, show_files, show_settings)
        sys.exit(deliver(findings, delivery, known, sys.stdout, sys.stderr, checked))
    if "-" in paths:
        raise UsageProblem("'-' (standard input) cannot be mixed with other paths; check standard input alone, or name files")
    if stdin_filename:
        raise UsageProblem("--stdin-filename names the file read from standard input; pass '-' as the only path to read it")
    paths, settings, files = _prepare(paths, given, force_exclude, quiet or show_files or show_settings)
    if show_files or show_settings:
        _show(settings, files, show_files, show_settings)
        return
    from .runner import run_files

    results = run_files(files, settings, jobs=jobs, use_cache=not no_cache)

    def enabled(finding: Finding) -> bool:
        return settings.code_enabled(finding.code, finding.path)

    run = None
    if fix or show_diff:
        from .fix.command import fix_results

        run = fix_results(results, settings, unsafe_fixes, write=not show_diff, stderr=sys.stderr, enabled=enabled)
        if show_diff:
            sys.stdout.write(run.diff)
            sys.exit(EXIT_FINDINGS if run.diff else EXIT_CLEAN)
        results = run.results
    elif follows_capitals(f for r in results for f in r.findings):
        from .fix.restyle import restyle_results  # the package's style, as --fix would write it

        results = restyle_results(results, settings, use_cache=not no_cache)
    from .selected import reportable

    findings = reportable([*(f for r in results for f in r.findings), *_package_findings(results, settings)], settings)
    if add_noqa:
        from .fix.command import write_noqa

        added = write_noqa(findings, sys.stderr)
        sys.stderr.write(f"helpful-errors: added {added} noqa comments; remove them one by one as you rewrite the messages\n")
        sys.exit(EXIT_CLEAN)
    if run is not None:
        from .fix.command import summary

        sys.stderr.write(summary(run, findings, unsafe_fixes))
    sys.exit(deliver(findings, delivery, known, sys.stdout, sys.stderr, len(files)))


def _package_findings(results: Sequence[FileResult], settings: Settings) -> List[Finding]:
    """Findings of the rules that compare files (HEM017), loading the rules only when one takes part.

    A cached run judges nothing else, so the rule modules stay unloaded on the warm path.
    """
    from . import rulebook

    if not settings.takes_part(PACKAGE_RULE, rulebook.get(PACKAGE_RULE).status):
        return []
    from .checks.package import judge_package

    return judge_package(results, settings)


def _check_stdin(
    name: Optional[str], given: Overrides, force_exclude: bool, quiet: bool, show_files: bool, show_settings: bool,
) -> Tuple[List[Finding], int]:
    """Findings for the file on standard input, judged as if it were saved at ``name``."""
    from .engine import analyze_bytes
    from .selected import reportable

    path = name or "-"
    settings = settings_for(name if name else ".", given)
    if not quiet:
        for note in settings.notes:
            emit_note(note)
    skipped = force_exclude and name is not None and settings.excluded(name)
    if show_files or show_settings:
        _show(settings, [] if skipped else [path], show_files, show_settings)
        sys.exit(EXIT_CLEAN)
    if skipped:
        return [], 0
    stdin = getattr(sys.stdin, "buffer", None)
    data = stdin.read() if stdin is not None else sys.stdin.read().encode("utf-8")
    return reportable(analyze_bytes(data, path, settings).findings, settings), 1


def _show(settings: Settings, files: List[str], show_files: bool, show_settings: bool) -> None:
    """``--show-files`` and ``--show-settings``: why a file is or is not checked."""
    out = sys.stdout
    if show_settings:
        from .overrides import describe

        out.write(describe(settings))
    if show_files:
        out.write("".join(f"{path}\n" for path in files))


@main.command()
@common_paths
@click.option("--html", "html_file", type=click.Path(dir_okay=False), default=None, help="Also write a self-contained HTML report (charts, sortable table) to this file.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False), default=None, help="Also write the audit data as JSON to this file.")
@click.option("--no-cache", is_flag=True, help="Analyse every file again instead of reusing cached results.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes; 0 uses all cores, 1 runs in this process.")
@click.option("--all-code", is_flag=True, help="Also audit tests, test data, examples and if __name__ == \"__main__\": blocks, which are left out by default.")
@settings_options
def audit(
    paths: Tuple[str, ...], html_file: Optional[str], json_file: Optional[str], no_cache: bool, jobs: int, all_code: bool, **settings_flags: Any,
) -> None:
    """Summarize how well the messages in PATHS guide the reader, and where the worst ones are."""
    paths, settings, files = _prepare(paths, overrides(settings_flags))
    from .audit.command import run_audit

    run_audit(paths, files, settings, jobs=jobs, use_cache=not no_cache, html_file=html_file, json_file=json_file,
              stdout=sys.stdout, stderr=sys.stderr, all_code=all_code)


@main.command()
@common_paths
@click.option("--format", "--output-format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="How to print the inventory.")
@settings_options
def messages(paths: Tuple[str, ...], fmt: str, **settings_flags: Any) -> None:
    """List every message site in PATHS: the inventory to read before judging."""
    paths, settings, files = _prepare(paths, overrides(settings_flags))
    from .runner import run_files

    results = run_files(files, settings, jobs=0, use_cache=False, judge=False)
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
        out.write(printable(f"{s.path}:{s.span.line}:{s.span.column + 1}: {s.kind} {s.callee}: {shown}") + "\n")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one rule, by code or name (HEM001 or state-only-message): what it finds, why, how to fix, examples."""
    from . import rulebook
    from .checks.docs import explain as render

    try:
        record = rulebook.lookup(rule)
    except KeyError:
        import difflib

        records = rulebook.rules()
        close = difflib.get_close_matches(rule.strip(), [*(r.code for r in records), *(r.name for r in records)], n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise UsageProblem(f"no rule has the code or name {rule!r}; {hint}run 'helpful-errors rules' to list them") from None
    sys.stdout.write(render(record))


main.add_command(explain, "rule")  # ruff's spelling


@main.command()
def server() -> None:
    """Run the language server on standard input and output, for editors (needs the lsp extra)."""
    try:
        from .server.app import serve
    except ImportError as exc:
        raise UsageProblem(
            f"the language server needs pygls, which is not installed ({exc}); install the lsp extra: "
            "pip install -e '.[lsp]' in a checkout of helpful-errors"
        ) from None
    serve()


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
    _end_on_stop_signals()
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
        _exit_at_once(130)
    except Terminated:
        click.echo("helpful-errors: terminated (SIGTERM), no report was written; run the command again to finish the check", err=True)
        _exit_at_once(EXIT_TERMINATED)
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
EXIT_TERMINATED = 143  # 128 + SIGTERM, what shells and CI runners expect


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that the run unwinds and ends its workers.

    A BaseException, so that no ``except Exception`` on the way turns it into a finding.
    """


def _exit_at_once(code: int) -> None:
    """End a run stopped by a signal without the interpreter's exit handlers.

    The workers are already killed; the process pool's exit handler would still wake its
    manager thread through a pipe that thread may just have closed, and print the
    ``OSError`` as "Exception ignored in: <module 'threading'>". Nothing else is left to
    finish: cache entries are written whole and then renamed.
    """
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream: nothing more can reach it
            pass
    os._exit(code)


def _end_on_stop_signals() -> None:
    """SIGTERM raises ``Terminated`` and SIGINT ``KeyboardInterrupt``, after the workers of a
    running pool are stopped (``runner.end_workers_now``), wherever the exception lands."""
    import signal

    def stop_workers() -> None:
        runner = sys.modules.get(f"{__package__}.runner")  # loaded only when a run has started
        if runner is not None:
            runner.end_workers_now()

    def terminated(signum: int, frame: object) -> None:
        stop_workers()
        raise Terminated()

    def interrupted(signum: int, frame: object) -> None:
        stop_workers()
        raise KeyboardInterrupt()

    try:
        signal.signal(signal.SIGTERM, terminated)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not ignored by the shell
            signal.signal(signal.SIGINT, interrupted)
    except (ValueError, OSError):  # not the main thread (embedded use): keep the default
        pass


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
