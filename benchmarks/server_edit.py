"""How long the language server takes to publish one file's diagnostics after an edit.

Starts ``helpful-errors server`` as an editor would (pygls' client over stdio), opens a
generated 2,000-line module full of messages, then changes one message per edit and times
each edit from the ``didChange`` notification to the ``publishDiagnostics`` for that
version, debounce included. Target: median under 300 ms.

    python benchmarks/server_edit.py --edits 30
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Sequence

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TARGET_MS = 300.0


def module(lines: int) -> str:
    """A module of small functions, a third of them raising a message (good or bad)."""
    out: List[str] = ['"""Generated for the benchmark."""', ""]
    number = 0
    while len(out) < lines - 5:
        out += [
            f"def check_{number}(value, limit={number}):",
            "    if value > limit:",
            '        raise ValueError(f"value {value!r} is above {limit}; pass a value up to {limit}")' if number % 2 else
            '        raise ValueError("Invalid value")',
            f"    return value + {number}",
            "",
        ]
        number += 1
    return "\n".join(out[:lines]) + "\n"


async def measure(edits: int, lines: int) -> List[float]:
    client = LanguageClient("helpful-errors-bench", "1")
    published: "asyncio.Queue[types.PublishDiagnosticsParams]" = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    folder = Path(tempfile.mkdtemp(prefix="hem-server-bench-"))
    uri = (folder / "big.py").as_uri()
    text = module(lines)
    await client.start_io(sys.executable, "-m", "helpful_errors", "server", cwd=str(folder))
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri()))
    client.initialized(types.InitializedParams())

    async def wait_for(version: int) -> types.PublishDiagnosticsParams:
        while True:
            params = await published.get()
            if params.version == version:
                return params

    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
    first = await wait_for(1)
    print(f"{lines} lines, {len(first.diagnostics)} diagnostics after opening", file=sys.stderr)
    target = text.splitlines().index('        raise ValueError("Invalid value")')
    times: List[float] = []
    for version in range(2, edits + 2):
        # Type one character into the first bad message, as a keystroke would.
        change = types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(target, 33), types.Position(target, 33)), text="x"
        )
        started = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change])
        )
        await wait_for(version)
        times.append((time.perf_counter() - started) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30, help="edits to time (default 30)")
    parser.add_argument("--lines", type=int, default=2000, help="lines in the edited module (default 2000)")
    args = parser.parse_args(argv)
    times = asyncio.run(measure(args.edits, args.lines))
    median = statistics.median(times)
    print(
        f"diagnostics after an edit of a {args.lines}-line file: median {median:.0f} ms, "
        f"min {min(times):.0f} ms, max {max(times):.0f} ms over {len(times)} edits (target: median under {TARGET_MS:.0f} ms)"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
