"""The pygls server: judge buffers on open and change (debounced), answer code actions and hover.

Each buffer is judged from the editor's in-memory text, never from the file on disk. A
change restarts a short timer, so typing does not start one analysis per keystroke; the
analysis runs on a thread, and its result is published only if the buffer has not changed
meanwhile, so the editor never shows findings of an older text.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..model import Finding
from .actions import actions_for
from .diagnostics import SOURCE, to_diagnostics
from .documents import judge_text
from .incremental import Memory
from .hover import hover as hover_for

DEBOUNCE_SECONDS = 0.05  # below the pause between keystrokes of a fast typist


@dataclass
class Buffer:
    """The latest judged version of one document and what it produced."""

    version: Optional[int] = None
    text: str = ""
    findings: Tuple[Finding, ...] = ()
    diagnostics: List[types.Diagnostic] = field(default_factory=list)


class HelpfulErrorsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.buffers: Dict[str, Buffer] = {}
        self.pending: Dict[str, "asyncio.Task[None]"] = {}
        self.memories: Dict[str, Memory] = {}
        self.problems_shown: Set[str] = set()
        # One thread judges, so that two judgments of one buffer never share its memory at once.
        self.judges = ThreadPoolExecutor(max_workers=1, thread_name_prefix="helpful-errors-judge")

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the timer of ``uri``; the newest change wins."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._judge_later(uri, delay))

    async def _judge_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        path = to_fs_path(uri) or os.path.join(os.getcwd(), os.path.basename(uri))
        memory = self.memories.setdefault(uri, Memory())
        judgment = await asyncio.get_running_loop().run_in_executor(self.judges, judge_text, text, path, None, memory)
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # a newer change has its own timer
        if judgment.problem and judgment.problem not in self.problems_shown:
            self.problems_shown.add(judgment.problem)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"helpful-errors: {judgment.problem}"))
        diagnostics = to_diagnostics(judgment.findings, uri, text)
        self.buffers[uri] = Buffer(version, text, judgment.findings, diagnostics)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.buffers.pop(uri, None)
        self.memories.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def build() -> HelpfulErrorsServer:
    server = HelpfulErrorsServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HelpfulErrorsServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HelpfulErrorsServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HelpfulErrorsServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)  # the pyproject.toml beside it may have changed

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HelpfulErrorsServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: HelpfulErrorsServer, params: types.CodeActionParams) -> List[types.CodeAction]:
        buffer = ls.buffers.get(params.text_document.uri)
        if buffer is None:
            return []
        wanted = params.range
        actions: List[types.CodeAction] = []
        for finding, diagnostic in zip(buffer.findings, buffer.diagnostics):
            if diagnostic.range.end.line < wanted.start.line or diagnostic.range.start.line > wanted.end.line:
                continue
            actions.extend(actions_for(finding, diagnostic, buffer.text, params.text_document.uri))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HelpfulErrorsServer, params: types.HoverParams) -> Optional[types.Hover]:
        buffer = ls.buffers.get(params.text_document.uri)
        if buffer is None:
            return None
        return hover_for(buffer.diagnostics, buffer.findings, params.position)

    return server


def serve() -> None:
    """Speak LSP on standard input and output until the client says exit."""
    build().start_io()
