"""Byte-compare what two checkouts of helpful-errors report on every project of a corpus.

A rebuilt extractor must find what the old one found; the only differences allowed are
fixes made on purpose, and each of those must be explained. For every project folder
under each ``--corpus`` directory this runs, once per checkout, ``check --format json
--no-cache`` (the findings) and ``messages --format json`` (the sites), with ``PYTHONPATH``
pointing at that checkout's ``src``, and compares the outputs byte for byte. Outputs are
kept under ``--work`` so that a baseline is computed once (``--reuse`` skips projects
whose output is already there).

    python benchmarks/compare_findings.py --baseline ../main --corpus CORPUS_DIR [--corpus ...]

It prints one line per project that differs and, with ``--show N``, the first N differing
records of each, then the count of identical projects; it exits with 1 when any differs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

HERE = Path(__file__).resolve().parent.parent
COMMANDS = {
    "check": ["check", "--format", "json", "--no-cache", "--exit-zero", "--quiet", "--jobs", "1"],
    "messages": ["messages", "--format", "json"],
}


def run_tool(checkout: Path, command: str, project: Path, out: Path, reuse: bool) -> None:
    """Run one command of one checkout on one project, saving standard output to ``out``."""
    if reuse and out.exists():
        return
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "helpful_errors", *COMMANDS[command], "."],
        cwd=project, env=env, capture_output=True, check=False,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(proc.stdout if proc.stdout else b"error: " + proc.stderr)


def projects(corpora: Sequence[Path]) -> List[Path]:
    return sorted(p for corpus in corpora for p in corpus.iterdir() if p.is_dir())


def records(data: bytes) -> List[str]:
    """One line per finding or site, for a readable difference."""
    try:
        loaded = json.loads(data)
    except ValueError:
        return data.decode("utf-8", "replace").splitlines()
    if isinstance(loaded, dict):  # the check report: {"findings": [...], ...} or similar
        loaded = loaded.get("findings", loaded)
    items = loaded if isinstance(loaded, list) else [loaded]
    return [json.dumps(item, sort_keys=True, ensure_ascii=False) for item in items]


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, type=Path, help="the other checkout (its src/ is used)")
    parser.add_argument("--candidate", type=Path, default=HERE, help="this checkout by default")
    parser.add_argument("--corpus", action="append", type=Path, required=True, help="a folder of project folders")
    parser.add_argument("--work", type=Path, default=Path.home() / ".cache" / "helpful-errors-compare")
    parser.add_argument("--commands", default="check,messages", help="which outputs to compare")
    parser.add_argument("--reuse", action="store_true", help="keep the baseline's saved outputs")
    parser.add_argument("--show", type=int, default=0, help="print the first N differing records of each project")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline-only", action="store_true", help="only compute the baseline's outputs")
    parser.add_argument("--candidate-outputs", type=Path, help="compare with outputs saved there by an earlier --baseline-only run")
    args = parser.parse_args(list(argv) or None)
    commands = [c for c in args.commands.split(",") if c]
    found = projects(args.corpus)
    jobs: List[Tuple[Path, str, Path, Path, bool]] = []
    for project in found:
        name = f"{project.parent.name}/{project.name}"
        for command in commands:
            jobs.append((args.baseline.resolve(), command, project, args.work / "baseline" / command / f"{name}.json", args.reuse))
            if not args.baseline_only and args.candidate_outputs is None:
                jobs.append((args.candidate.resolve(), command, project, args.work / "candidate" / command / f"{name}.json", False))
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda job: run_tool(*job), jobs))
    if args.baseline_only:
        return 0
    candidate_dir = args.candidate_outputs or args.work / "candidate"
    same: Dict[str, int] = {c: 0 for c in commands}
    differing = 0
    for project in found:
        name = f"{project.parent.name}/{project.name}"
        for command in commands:
            old = (args.work / "baseline" / command / f"{name}.json").read_bytes()
            new = (candidate_dir / command / f"{name}.json").read_bytes()
            if old == new:
                same[command] += 1
                continue
            differing += 1
            diff = [line for line in difflib.unified_diff(records(old), records(new), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            print(f"{command} {name}: {sum(1 for d in diff if d[0] == '-')} records only before, {sum(1 for d in diff if d[0] == '+')} only after")
            for line in diff[: args.show]:
                print("   ", line[:400])
    for command in commands:
        print(f"{command}: {same[command]} of {len(found)} projects identical")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
