"""The fixture app under tests/data/sink_app: every sink, judged end to end.

The app's pyproject.toml configures two project sinks; the run goes through the runner,
the rules, the fixes and the cache as a user's run does.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from helpful_errors.checks.context import audience_of
from helpful_errors.config import load_settings
from helpful_errors.model import FileResult
from helpful_errors.runner import run_files

APP = Path(__file__).parent / "data" / "sink_app"


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> List[FileResult]:
    """The app copied out of the test tree: messages in test folders are not judged for tone."""
    app = tmp_path_factory.mktemp("app") / "sink_app"
    shutil.copytree(APP, app)
    files = sorted(str(p) for p in (app / "shop").glob("*.py"))
    return run_files(files, load_settings(str(app)), jobs=1, use_cache=False)


def by_place(results: List[FileResult]) -> Dict[Tuple[str, int], List[str]]:
    found: Dict[Tuple[str, int], List[str]] = {}
    for result in results:
        for site in result.sites:
            found.setdefault((Path(result.path).name, site.span.line), []).append(f"{site.kind}/{site.sink or '-'}")
    return found


def test_every_sink_of_the_app_is_found(results: List[FileResult]) -> None:
    sinks = Counter(s.sink for r in results for s in r.sites if s.sink)
    assert sinks == {
        "stderr": 5, "configured": 2, "flash": 2, "json-error": 3, "django-messages": 1, "form-error": 1,
        "error-messages": 2, "error-response": 1, "class-template": 5,
    }


@pytest.mark.parametrize(
    ("place", "why"),
    [
        (("cli.py", 19), "print to standard output"),
        (("cli.py", 21), "sys.stdout.write"),
        (("cli.py", 23), "click.echo without err=True"),
        (("cli.py", 26), "a console on standard output"),
        (("flask_views.py", 12), "a success flash"),
        (("flask_views.py", 17), "jsonify with a 201 status"),
        (("django_views.py", 29), "messages.info"),
        (("django_views.py", 33), "JsonResponse without a status"),
        (("other_web.py", 13), "JSONResponse with a 200 status"),
    ],
)
def test_look_alikes_are_not_messages(results: List[FileResult], place: Tuple[str, int], why: str) -> None:
    assert place not in by_place(results), why


def test_html_text_is_judged_for_end_users_and_api_bodies_for_developers(results: List[FileResult]) -> None:
    settings = load_settings(str(APP))
    audiences = {(s.sink, audience_of(s, settings)) for r in results for s in r.sites if s.kind == "http"}
    assert ("flash", "end-user") in audiences and ("json-error", "library") in audiences
    assert ("configured", "end-user") in audiences  # notify(text=...) is configured with an audience


def findings(results: List[FileResult]) -> Dict[Tuple[str, int], Dict[str, bool]]:
    out: Dict[Tuple[str, int], Dict[str, bool]] = {}
    for result in results:
        for finding in result.findings:
            out.setdefault((Path(result.path).name, finding.line), {})[finding.code] = finding.fix is not None
    return out


def test_rules_judge_the_new_sinks_and_fixes_touch_only_literals(results: List[FileResult]) -> None:
    judged = findings(results)
    assert judged[("flask_views.py", 11)].get("HEM016") is False  # jargon shown to an end user, no mechanical fix
    assert judged[("cli.py", 20)]["HEM016"] is True  # {type(value)} in a plain f-string: fixed
    assert judged[("cli.py", 25)]["HEM016"] is False  # the same in rich markup: the literal is not the text judged


def test_classes_with_words_across_modules(results: List[FileResult]) -> None:
    judged = findings(results)
    assert "HEM004" not in judged.get(("cli.py", 32), {})  # StockError inherits ShopError's template
    assert "HEM004" in judged[("cli.py", 34)]  # Silent has no words
    sites = {(Path(r.path).name, s.span.line): s for r in results for s in r.sites}
    assert sites[("flask_views.py", 19)].text.startswith("This item is out of stock")  # constant from messages.py
    assert sites[("flask_views.py", 20)].text == "The payment was refused"  # PaymentError(code, message)


def test_the_flake8_plugin_finds_the_same(results: List[FileResult]) -> None:
    import ast

    from helpful_errors.flake8_plugin import HelpfulErrorsChecker

    for result in results:
        text = Path(result.path).read_text(encoding="utf-8")
        checker = HelpfulErrorsChecker(ast.parse(text), result.path, text.splitlines(True))
        plugin = sorted((line, message.split()[0]) for line, _, message, _ in checker.run())
        assert plugin == sorted((f.line, f.code) for f in result.findings), result.path
