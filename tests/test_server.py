"""The language server, driven by pygls' own client over stdio as an editor drives it.

Every test starts ``python -m helpful_errors server`` as a subprocess and speaks LSP to it:
nothing here calls a handler directly.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable, List

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is part of the test extra; install with pip install -e '.[test]'")

from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from helpful_errors.server.actions import noqa_edit  # noqa: E402

STATE_ONLY = 'def connect(port):\n    raise ValueError(f"Port {port} is invalid")\n'
GUIDING = 'def connect(port):\n    raise ValueError(f"Port {port} is invalid; pass --port with a number from 1 to 65535")\n'
WAIT = 30  # seconds for one answer; the server answers in well under one on a quiet machine


class Editor:
    """A client session: open, change and ask, and wait for the diagnostics the server publishes."""

    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client, self.root = client, root
        self.published: "asyncio.Queue[types.PublishDiagnosticsParams]" = asyncio.Queue()
        self.versions: dict[str, int] = {}

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    async def diagnostics(self, uri: str) -> List[types.Diagnostic]:
        """The next diagnostics published for ``uri`` at its current version."""
        while True:
            params = await asyncio.wait_for(self.published.get(), WAIT)
            if params.uri == uri and params.version == self.versions.get(uri):
                return list(params.diagnostics)

    async def open(self, name: str, text: str) -> List[types.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
        return await self.diagnostics(uri)

    async def replace(self, name: str, text: str) -> List[types.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri] += 1
        change = types.TextDocumentContentChangeWholeDocument(text=text)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri), [change])
        )
        return await self.diagnostics(uri)


def session(root: Path, body: Callable[[Editor], Awaitable[Any]]) -> Any:
    """Start the server in ``root``, run ``body`` against it, shut it down cleanly."""

    async def run() -> Any:
        client = LanguageClient("helpful-errors-tests", "1")
        editor = Editor(client, root)

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            editor.published.put_nowait(params)

        await client.start_io(sys.executable, "-m", "helpful_errors", "server", cwd=str(root))
        try:
            await asyncio.wait_for(
                client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())),
                WAIT,
            )
            client.initialized(types.InitializedParams())
            result = await body(editor)
            await asyncio.wait_for(client.shutdown_async(None), WAIT)
            client.exit(None)
            return result
        finally:
            await client.stop()

    return asyncio.run(run())


def test_diagnostics_carry_code_link_range_and_separate_help(tmp_path: Path) -> None:
    async def body(editor: Editor) -> List[types.Diagnostic]:
        return await editor.open("app.py", STATE_ONLY)

    (found,) = session(tmp_path, body)
    assert found.code == "HEM001"
    assert found.source == "helpful-errors"
    # The same documentation link as the SARIF report's helpUri for this rule.
    sarif = subprocess.run(
        [sys.executable, "-m", "helpful_errors", "check", "--format", "sarif", "-"],
        input=STATE_ONLY, capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    rules = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert found.code_description is not None
    assert found.code_description.href == next(r["helpUri"] for r in rules if r["id"] == "HEM001")
    # The whole f-string is the range, 0-based, on line 2 of the file.
    line = STATE_ONLY.splitlines()[1]
    assert (found.range.start.line, found.range.start.character) == (1, line.index('f"'))
    assert (found.range.end.line, found.range.end.character) == (1, line.rindex('"') + 1)
    assert "help" not in found.message and found.data["help"]
    assert found.related_information is not None
    assert found.related_information[0].message == f"help: {found.data['help']}"


def test_changes_are_judged_from_the_buffer_not_the_disk(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(GUIDING, encoding="utf-8")  # the saved file is clean

    async def body(editor: Editor) -> List[List[types.Diagnostic]]:
        opened = await editor.open("app.py", GUIDING)
        edited = await editor.replace("app.py", STATE_ONLY)
        fixed = await editor.replace("app.py", GUIDING)
        return [opened, edited, fixed]

    opened, edited, fixed = session(tmp_path, body)
    assert opened == [] and fixed == []
    assert [d.code for d in edited] == ["HEM001"]


def test_rapid_changes_publish_only_the_newest_text(tmp_path: Path) -> None:
    async def body(editor: Editor) -> List[types.Diagnostic]:
        await editor.open("app.py", GUIDING)
        uri = editor.uri("app.py")
        for version in range(2, 12):  # ten keystrokes in a row, the last one leaves a bad message
            editor.versions[uri] = version
            text = STATE_ONLY if version == 11 else GUIDING + "#" * version + "\n"
            editor.client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri), [types.TextDocumentContentChangeWholeDocument(text=text)]
            ))
        return await editor.diagnostics(uri)

    assert [d.code for d in session(tmp_path, body)] == ["HEM001"]


def test_settings_come_from_pyproject_as_for_check(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.helpful-errors]\nper-file-ignores = { "quiet_*.py" = ["HEM001"] }\nextend-exclude = ["legacy"]\n',
        encoding="utf-8",
    )
    (tmp_path / "legacy").mkdir()

    async def body(editor: Editor) -> List[List[types.Diagnostic]]:
        return [
            await editor.open("loud.py", STATE_ONLY),
            await editor.open("quiet_one.py", STATE_ONLY),
            await editor.open("legacy/old.py", STATE_ONLY),
        ]

    loud, quiet, legacy = session(tmp_path, body)
    assert [d.code for d in loud] == ["HEM001"]
    assert quiet == [] and legacy == []


def test_noqa_code_action_silences_the_finding(tmp_path: Path) -> None:
    async def body(editor: Editor) -> Any:
        (found,) = await editor.open("app.py", STATE_ONLY)
        uri = editor.uri("app.py")
        actions = await asyncio.wait_for(editor.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found]),
        )), WAIT)
        (action,) = [a for a in actions if isinstance(a, types.CodeAction)]
        (edit,) = action.edit.changes[uri]
        lines = STATE_ONLY.splitlines(keepends=True)
        target = lines[edit.range.start.line]
        lines[edit.range.start.line] = target[: edit.range.start.character] + edit.new_text + target[edit.range.end.character :]
        after = await editor.replace("app.py", "".join(lines))
        return action, "".join(lines), after

    action, edited, after = session(tmp_path, body)
    assert action.title.startswith("Add `# noqa: HEM001`") and action.kind == types.CodeActionKind.QuickFix
    assert edited.splitlines()[1].endswith('  # noqa: HEM001')
    assert after == []


def test_hover_on_a_finding_explains_its_rule(tmp_path: Path) -> None:
    from helpful_errors import rulebook

    async def body(editor: Editor) -> Any:
        (found,) = await editor.open("app.py", STATE_ONLY)
        uri = editor.uri("app.py")
        inside = await editor.client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), found.range.start))
        outside = await editor.client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0)))
        return inside, outside

    inside, outside = session(tmp_path, body)
    assert outside is None
    record = rulebook.get("HEM001")
    assert record.what.splitlines()[0] in inside.contents.value
    assert record.url in inside.contents.value


@pytest.mark.parametrize(
    "text, line, expected",
    [
        ('raise ValueError("Bad")\n', 1, 'raise ValueError("Bad")  # noqa: HEM001\n'),
        ('raise ValueError("Bad")  # noqa: HEM002\n', 1, 'raise ValueError("Bad")  # noqa: HEM002,HEM001\n'),
        ('raise ValueError("""Bad\nthing""")\nx = 1\n', 1, 'raise ValueError("""Bad\nthing""")  # noqa: HEM001\nx = 1\n'),
    ],
)
def test_noqa_edit_goes_where_flake8_reads_it(text: str, line: int, expected: str) -> None:
    from helpful_errors.model import Finding
    from helpful_errors.noqa import apply_noqa

    finding = Finding("x.py", line, 17, line, 22, "HEM001", "Message only describes the state", "")
    edit = noqa_edit(text, finding)
    assert edit is not None
    lines = text.splitlines(keepends=True)
    row = lines[edit.range.start.line]
    lines[edit.range.start.line] = row[: edit.range.start.character] + edit.new_text + row[edit.range.end.character :]
    assert "".join(lines) == expected
    assert apply_noqa([finding], "".join(lines)) == []
    assert noqa_edit('raise ValueError("Bad")  # noqa\n', finding) is None  # a bare noqa silences it already
