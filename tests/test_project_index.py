"""The project index: exception classes and message constants defined in another module."""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Dict, List

import pytest

from helpful_errors.config import Settings
from helpful_errors.engine import analyze_path
from helpful_errors.extract import extract_file
from helpful_errors.extract.project import ProjectIndex, facts_from_text
from helpful_errors.runner import run_files

ERRORS = '''
import functools

@functools.total_ordering
class AppError(Exception):
    fmt = "The job {name} failed"

class ReadError(AppError):
    """Raised when a file cannot be read."""

class ApiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)

class Plain(Exception):
    pass

class Helper:
    message = "not an exception"
'''
MESSAGES = 'NOT_FOUND = "No item with that id; list them with `items ls`"\nLONG = """spans\nlines"""\n'
VIEWS = '''
from .errors import ApiError, Plain, ReadError
from .messages import NOT_FOUND


def load(path):
    try:
        return open(path).read()
    except OSError as e:
        raise ReadError(str(e))
    except ValueError as e:
        raise Plain(str(e))


def find(key):
    if key:
        raise ApiError(404, "The key is unknown")
    raise LookupError(NOT_FOUND)
'''


def make_project(root: Path, errors: str = ERRORS) -> Dict[str, str]:
    package = root / "app"
    package.mkdir(parents=True, exist_ok=True)
    files = {"__init__.py": "", "errors.py": errors, "messages.py": MESSAGES, "views.py": VIEWS}
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    return {name: str(package / name) for name in files}


def sites(path: str, project: ProjectIndex) -> list:
    source = Path(path).read_text(encoding="utf-8")
    return extract_file(ast.parse(source), source, path, project)[0]


def test_facts_are_read_from_class_blocks_and_constants() -> None:
    facts = facts_from_text(ERRORS + MESSAGES)
    assert sorted(facts.classes) == ["ApiError", "AppError", "Plain", "ReadError"]
    assert facts.classes["AppError"].worded and not facts.classes["ReadError"].worded
    assert facts.classes["ApiError"].signature == (1, ("message",))
    assert facts.constants == {"NOT_FOUND": "No item with that id; list them with `items ls`"}


def test_pieces_that_do_not_parse_alone_are_left_out_even_when_they_parse_together() -> None:
    """One parse of all the pieces must not join a constant's unfinished string with the
    next constant, nor a class block cut inside a string with the next class."""
    text = (
        'FIRST = """opens a string\n'
        'SECOND = "only closes it" """\n'
        'THIRD = "Port is taken; pass --port N"\n'
        'class CutError(Exception):\n'
        '    fmt = """begins here\n'
        'class InsideError(Exception):\n'
        '    pass\n'
        '"""\n'
        'class KeptError(Exception):\n'
        '    fmt = "The job {name} failed"\n'
    )
    facts = facts_from_text(text)
    assert facts.constants == {"THIRD": "Port is taken; pass --port N"}
    assert sorted(facts.classes) == ["InsideError", "KeptError"]


def test_only_class_blocks_that_reach_an_exception_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Derived classes come before their bases, through several local levels; a class of a
    local hierarchy that is no exception (a model) is never parsed, since it cannot be one."""
    from helpful_errors.extract import project

    text = (
        "class Deepest(Deeper):\n    pass\n"
        "class Deeper(Deep):\n    pass\n"
        "class Deep(base.Failure):\n    pass\n"
        "class Model:\n    pass\n"
        "class User(Model, metaclass=Meta):\n    name = 'user'\n"
    )
    parsed: List[str] = []
    real = project._parsed_apart

    def recording(pieces: List[str]) -> List[ast.stmt]:
        parsed.extend(pieces)
        return real(pieces)

    monkeypatch.setattr(project, "_parsed_apart", recording)
    facts = facts_from_text(text)
    assert sorted(facts.classes) == ["Deep", "Deeper", "Deepest"]
    assert [piece.split("(")[0] for piece in parsed if piece.startswith("class")] == ["class Deepest", "class Deeper", "class Deep"]


def test_classes_and_constants_of_another_module_are_known(tmp_path: Path) -> None:
    paths = make_project(tmp_path)
    found = {s.callee: s for s in sites(paths["views.py"], ProjectIndex())}
    assert found["ReadError"].class_words  # inherits AppError's template
    assert not found["Plain"].class_words
    assert found["ApiError"].text == "The key is unknown"
    assert found["LookupError"].text == "No item with that id; list them with `items ls`"


def test_a_subclass_without_init_takes_its_message_where_an_imported_base_does(tmp_path: Path) -> None:
    """``class Gone(ApiError)`` with no ``__init__`` takes ApiError's ``(code, message)``, here
    and in a subclass's ``super().__init__``: the code is never read as the message."""
    paths = make_project(tmp_path)
    client = Path(paths["views.py"]).with_name("client.py")
    client.write_text(
        "from .errors import ApiError\n\n\n"
        "class Gone(ApiError):\n    pass\n\n\n"
        "class PageGone(Gone):\n    def __init__(self):\n        super().__init__(\"PageGone\", \"The page was removed\")\n\n\n"
        "def fetch():\n    raise Gone(410, \"The item was deleted\")\n",
        encoding="utf-8",
    )
    assert sorted(s.text for s in sites(str(client), ProjectIndex())) == ["The item was deleted", "The page was removed"]


def test_without_the_index_the_other_module_is_unknown(tmp_path: Path) -> None:
    paths = make_project(tmp_path)
    found = {s.callee: s for s in sites(paths["views.py"], None)}  # type: ignore[arg-type]
    assert not found["ReadError"].class_words
    assert (found["LookupError"].text, found["LookupError"].text_status) == ("{NOT_FOUND}", "unknown")


def hem004_lines(results: List) -> List[int]:
    return [f.line for r in results for f in r.findings if f.code == "HEM004"]


def test_a_change_to_the_defining_module_judges_its_users_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, libcst_parses: List[str]
) -> None:
    monkeypatch.setenv("HELPFUL_ERRORS_CACHE_DIR", str(tmp_path / "cache"))
    paths = make_project(tmp_path / "src")
    settings = Settings(root=str(tmp_path), select=("HEM", "HEM004"))  # HEM004 is a preview rule
    views = [paths["views.py"]]
    first = run_files(views, settings, jobs=1)
    assert hem004_lines(first) == [12]  # only Plain(str(e)): ReadError has words
    assert first[0].uses, "the result records what it took from the index"
    parsed = len(libcst_parses)
    assert run_files(views, settings, jobs=1) == first
    assert len(libcst_parses) == parsed, "an unchanged module keeps the cached result"
    # AppError loses its template: ReadError(str(e)) is now only the caught value.
    stat = os.stat(paths["errors.py"])
    Path(paths["errors.py"]).write_text(ERRORS.replace('fmt = "The job {name} failed"', "pass"), encoding="utf-8")
    os.utime(paths["errors.py"], ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert hem004_lines(run_files(views, settings, jobs=1)) == [10, 12]



@pytest.mark.parametrize("bases, internal", [("AssertionError", True), ("Closed", True), ("RuntimeError", False)])
def test_a_class_derived_from_assertion_error_is_internal_in_other_modules(tmp_path: Path, bases: str, internal: bool) -> None:
    errors = "class Closed(AssertionError):\n    pass\n\n" f"class StaleCursor({bases}):\n    pass\n"
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "errors.py").write_text(errors, encoding="utf-8")
    (package / "read.py").write_text(
        "from .errors import StaleCursor\n\ndef fetch(cursor):\n    if cursor.closed:\n        raise StaleCursor('cannot read from a closed cursor')\n",
        encoding="utf-8",
    )
    (site,) = sites(str(package / "read.py"), ProjectIndex())
    assert site.internal_class is internal


@pytest.mark.parametrize("doc, internal", [
    ("Internal error raised by the rewind, caught where it is tried.", True),
    ("An internal signal to stop the scan early.", True),
    ("Raised internally when the deadline passes.", True),
    ("Stops the walk. Internal use only.", True),
    ("Raised when the database reports an internal error.", False),
    ("Internal server error: the service failed.", False),
    ("Raised when a file cannot be read.\n\nInternal callers catch it.", False),  # not the first paragraph
])
def test_a_class_documented_as_internal_is_known_as_internal_in_other_modules(tmp_path: Path, doc: str, internal: bool) -> None:
    errors = f'class Stop(Exception):\n    """{doc}"""\n'
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "errors.py").write_text(errors, encoding="utf-8")
    (package / "scan.py").write_text(
        "from .errors import Stop\n\ndef scan(rows):\n    if not rows:\n        raise Stop('nothing left to read')\n", encoding="utf-8"
    )
    (site,) = sites(str(package / "scan.py"), ProjectIndex())
    assert site.internal_class is internal
    findings = analyze_path(str(package / "scan.py"), Settings(root=str(tmp_path), select=("HEM001",))).findings
    assert bool(findings) is not internal
