"""Benchmark helpful-errors on Django's source against the LibCST parse floor and flake8.

Usage (from a checkout, with helpful-errors installed in the running Python)::

    python benchmarks/bench.py                 # 5 rounds, all cores
    python benchmarks/bench.py --rounds 7 --jobs 2
    python benchmarks/bench.py --baseline main # also time main's code in the same rounds
    python benchmarks/bench.py --tree stdlib   # the running Python's Lib/, test data included
    python benchmarks/bench.py --slowest 10    # per-file stages in one process, slowest first

It downloads a pinned Django wheel from PyPI (once, into the work folder), unpacks it and
times, in each round and in the same order, these whole commands on ``django/``:

- floor: ``libcst.parse_module`` on every file, with a process pool of the same size;
- cold: ``helpful-errors check --no-cache``;
- cold cache: ``helpful-errors check`` with an empty cache folder (pays for writing it);
- warm: the same command again, reading that cache;
- flake8: ``flake8 --isolated`` with its default plugins and the same number of jobs, run
  from a separate virtual environment that holds only flake8, because flake8 loads every
  installed plugin (ours included) whatever ``--select`` says;
- flake8 + plugin: the same flake8 with our plugin (the running Python's flake8, which
  has it installed), the plugin's code taken from this checkout;
- with ``--baseline PATH_OR_REF``: "before cold" and "before warm", the same commands
  with another checkout's code (a folder, or a git ref of this repository unpacked with
  ``git archive``), so that before/after ratios are paired within each round.

Each checkout's modules are compiled to bytecode first, as an installed package's are.
The machine may be busy, so it reports medians over rounds of *paired* ratios (both sides
timed in the same round) next to the median times, and the peak memory of the largest
process of each command (``ru_maxrss`` of the waited-for children).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence

DJANGO_VERSION = "5.2.8"
DEFAULT_WORK = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "helpful-errors-bench"
TARGETS = (
    ("cold / floor", 0.5, "at most"),
    ("warm / cold", 0.05, "at most"),
    ("flake8 + plugin / flake8", 1.3, "at most"),
)
HERE = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds (default 5), after one warm-up round")
    parser.add_argument("--jobs", type=int, default=0, help="processes for every tool; 0 = all cores (default)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"folder for the wheel, the tree and flake8's venv (default {DEFAULT_WORK})")
    parser.add_argument("--django", default=DJANGO_VERSION, help=f"Django version to fetch (default {DJANGO_VERSION})")
    parser.add_argument("--tree", default="django", help="django (default), stdlib (the running Python's Lib/), or a folder")
    parser.add_argument("--baseline", default="", help="another checkout's folder or a git ref, timed in the same rounds")
    parser.add_argument("--slowest", type=int, default=0, help="instead of rounds: time every file's stages in one process, print the N slowest")
    args = parser.parse_args(argv)
    jobs = args.jobs or _cores()
    tree = pick_tree(args.tree, args.work, args.django)
    if args.slowest:
        return slowest(tree, args.slowest)
    baseline = None
    if args.baseline:
        try:
            baseline = checkout(args.baseline, args.work)
        except (subprocess.CalledProcessError, OSError):
            parser.error(
                f"--baseline {args.baseline!r} is neither a folder holding src/helpful_errors nor a git ref of "
                f"{HERE}; pass a commit this checkout's git knows, or unpack one with `git archive REF | tar -x -C DIR` "
                "and pass DIR"
            )
    flake8 = flake8_venv(args.work)
    for checked_out in (HERE, baseline):
        if checked_out is not None:
            bytecode(checked_out / "src")
    files = sum(1 for _ in tree.rglob("*.py"))
    lines = sum(p.read_bytes().count(b"\n") for p in tree.rglob("*.py"))
    print(f"{tree}: {files} files, {lines} lines; {jobs} processes per tool; {_versions(flake8)}")
    samples: Dict[str, List[Sample]] = {}
    for round_number in range(args.rounds + 1):
        measured = one_round(tree, jobs, flake8, baseline)
        label = "warm-up" if round_number == 0 else f"round {round_number}"
        print(f"{label}: " + ", ".join(f"{name} {s.wall:.2f}s ({s.cpu:.2f}s CPU, {s.rss // 1024} MiB)" for name, s in measured.items()), flush=True)
        if round_number:
            for name, value in measured.items():
                samples.setdefault(name, []).append(value)
    report(samples, args.rounds)
    return 0


def one_round(tree: Path, jobs: int, flake8: Path, baseline: Optional[Path]) -> Dict[str, "Sample"]:
    """Time each command once; the cache runs share a fresh, empty cache folder per checkout."""
    tool = [sys.executable, "-m", "helpful_errors", "check", str(tree), "--jobs", str(jobs)]
    ours = {**os.environ, "PYTHONPATH": str(HERE / "src")}
    plugin = [str(Path(sys.executable).with_name("flake8")), "--isolated", "--jobs", str(jobs), "--extend-select", "HEM", str(tree)]
    measured: Dict[str, Sample] = {}
    with tempfile.TemporaryDirectory(prefix="hem-bench-cache-") as cache:
        env = {**ours, "HELPFUL_ERRORS_CACHE_DIR": cache}
        measured["floor"] = timed([sys.executable, __file__, "--floor", str(tree), str(jobs)])
        measured["cold"] = timed([*tool, "--no-cache"], ours)
        measured["flake8"] = timed([str(flake8), "--isolated", "--jobs", str(jobs), str(tree)])
        measured["flake8 + plugin"] = timed(plugin, ours)
        measured["cold cache"] = timed(tool, env)
        measured["warm"] = timed(tool, env)
    if baseline is not None:
        with tempfile.TemporaryDirectory(prefix="hem-bench-cache-") as cache:
            before = {**os.environ, "PYTHONPATH": str(baseline / "src"), "HELPFUL_ERRORS_CACHE_DIR": cache}
            measured["before cold"] = timed([*tool, "--no-cache"], before)
            timed(tool, before)  # fills the baseline's cache
            measured["before warm"] = timed(tool, before)
    return measured


class Sample(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of all its processes
    rss: int  # KiB, the largest single process


def timed(command: Sequence[str], env: Dict[str, str] | None = None) -> Sample:
    """Wall and CPU time of a command and the peak RSS (KiB) of its largest process.

    A small wrapper process runs the command, so that ``RUSAGE_CHILDREN`` covers only it.
    """
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - t, use.ru_utime + use.ru_stime, use.ru_maxrss, code)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *command], env=env, check=True, capture_output=True, text=True)
    secs, cpu, rss, code = out.stdout.split()
    if int(code) > 1:  # 1 means findings for both tools
        raise SystemExit(f"{' '.join(command)} exited with {code}: {out.stderr.strip()}\nfix the command or the install, then run the benchmark again")
    return Sample(float(secs), float(cpu), int(rss))


def report(samples: Dict[str, List[Sample]], rounds: int) -> None:
    def ratio(a: str, b: str, field: str) -> float:
        return statistics.median(getattr(x, field) / getattr(y, field) for x, y in zip(samples[a], samples[b]))

    print(f"\nmedians over {rounds} rounds")
    print(f"{'command':<16} {'wall s':>8} {'CPU s':>8} {'peak MiB per process':>21}")
    for name, values in samples.items():
        wall, cpu = statistics.median(v.wall for v in values), statistics.median(v.cpu for v in values)
        print(f"{name:<16} {wall:>8.2f} {cpu:>8.2f} {max(v.rss for v in values) / 1024:>21.0f}")
    print("\nmedian of paired ratios      wall    CPU")
    targets = {name: (limit, word) for name, limit, word in TARGETS}
    pairs = [("cold", "floor"), ("cold", "flake8"), ("warm", "cold"), ("cold cache", "cold"), ("flake8 + plugin", "flake8")]
    if "before cold" in samples:
        pairs += [("cold", "before cold"), ("warm", "before warm"), ("before cold", "floor")]
    for a, b in pairs:
        name = f"{a} / {b}"
        wall, cpu = ratio(a, b, "wall"), ratio(a, b, "cpu")
        target = ""
        if name in targets:
            limit, word = targets[name]
            met = cpu <= limit if word == "at most" else cpu < limit
            target = f"  (target {word} {limit:g}: {'met' if met else 'MISSED'} on CPU time)"
        print(f"{name:<24} {wall:>8.2f} {cpu:>6.2f}{target}")


def pick_tree(name: str, work: Path, django: str) -> Path:
    """The tree to measure: Django's source, the running Python's standard library, or a folder."""
    if name == "django":
        return fetch_django(work, django)
    if name == "stdlib":
        return stdlib_copy(work)
    return Path(name)


def stdlib_copy(work: Path) -> Path:
    """The running Python's ``Lib/`` (its tests and their data included) without the third-party
    packages installed inside it, copied once: its ``.py`` files only, in their folders."""
    import shutil
    import sysconfig

    source = Path(sysconfig.get_paths()["stdlib"])
    folder = work / f"stdlib-{sys.version_info[0]}.{sys.version_info[1]}"
    if not folder.is_dir():
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        for path in source.rglob("*.py"):
            relative = path.relative_to(source)
            if relative.parts[0] in ("site-packages", "dist-packages"):
                continue
            (partial / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, partial / relative)
        partial.rename(folder)
    return folder


def bytecode(src: Path) -> None:
    """Write the bytecode of a checkout's modules, as installing a package does.

    Without it, a machine with ``PYTHONDONTWRITEBYTECODE`` set (or a fresh ``git archive``)
    compiles every module of ours from source in every timed run, while the floor and
    flake8 run from installed packages that have their bytecode: a tenth of a warm run.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True, stdout=subprocess.DEVNULL)


def checkout(where: str, work: Path) -> Path:
    """A folder with another version's ``src/``: the folder itself, or a git ref unpacked once."""
    if Path(where, "src", "helpful_errors").is_dir():
        return Path(where).resolve()
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{where}^{{commit}}"], cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
    folder = work / f"checkout-{commit[:12]}"
    if not (folder / "src" / "helpful_errors").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=HERE, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def slowest(tree: Path, count: int) -> int:
    """Every file's stages timed in this process (CPU time); the slowest files and their slowest stage."""
    sys.path.insert(0, str(HERE / "src"))
    from helpful_errors import source as source_io
    from helpful_errors.checks import judge_sites
    from helpful_errors.config import Settings
    from helpful_errors.extract import StatementSyntaxError, extract_sites

    settings = Settings()
    rows = []
    totals: Dict[str, float] = {}
    gc.disable()  # as the runner does while it analyses a file: the trees are acyclic
    for path in sorted(tree.rglob("*.py")):
        data = path.read_bytes()
        stages: Dict[str, float] = {}
        clock = time.process_time()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.process_time()
            stages[stage] = now - clock
            totals[stage] = totals.get(stage, 0.0) + now - clock
            clock = now

        text = source_io.decode(data).text
        lap("decode")
        if text is None:
            continue
        syntax_tree, _ = source_io.python_tree(data, str(path))
        lap("python parse")
        if syntax_tree is None:
            continue
        try:
            sites = extract_sites(syntax_tree, text, str(path))
        except (StatementSyntaxError, RecursionError):
            sites = []
        lap("extract (ast walk + LibCST statements)")
        judge_sites(sites, settings, str(path))
        lap("judge")
        rows.append((sum(stages.values()), len(data), str(path.relative_to(tree)), max(stages, key=stages.__getitem__)))
    gc.enable()
    total = sum(totals.values())
    print(f"{tree}: {len(rows)} files, {total:.2f} s CPU in one process")
    for stage, seconds in totals.items():
        print(f"  {stage:<40} {seconds:7.2f} s  {seconds / total:6.1%}")
    print(f"\nslowest {count} files:")
    for seconds, size, name, stage in sorted(rows, reverse=True)[:count]:
        print(f"  {seconds:7.3f} s  {size / 1024:8.0f} KB  {name}  (slowest stage: {stage})")
    return 0


def fetch_django(work: Path, version: str) -> Path:
    """Download the pinned wheel with pip and unpack it, once."""
    tree = work / f"django-{version}"
    if (tree / "django" / "__init__.py").is_file():
        return tree / "django"
    wheels = work / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"django=={version}", "--no-deps", "--only-binary=:all:", "--dest", str(wheels), "--quiet"],
        check=True,
    )
    wheel = next(wheels.glob(f"[Dd]jango-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
    return tree / "django"


def flake8_venv(work: Path) -> Path:
    """A virtual environment with flake8 and its default plugins only, same flake8 version."""
    try:
        from importlib.metadata import version

        pin = f"flake8=={version('flake8')}"
    except Exception:  # noqa: BLE001 - flake8 absent here: take the latest
        pin = "flake8"
    folder = work / "flake8-venv"
    script = folder / ("Scripts" if os.name == "nt" else "bin") / "flake8"
    if not script.exists():
        venv.create(folder, with_pip=True)
        python = script.with_name("python")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", pin], check=True)
    return script


def _versions(flake8: Path) -> str:
    from importlib.metadata import version

    from helpful_errors import __version__

    libcst_version = version("libcst")

    flake8_version = subprocess.run([str(flake8), "--version"], capture_output=True, text=True).stdout.split()[0]
    return f"helpful-errors {__version__}, libcst {libcst_version}, flake8 {flake8_version}, Python {sys.version.split()[0]}"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except AttributeError:
        return os.cpu_count() or 1


# -- the floor: parse every file, nothing else ------------------------------------------
def _parse(path: str) -> int:
    import io
    import tokenize

    import libcst

    data = Path(path).read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    libcst.parse_module(data.decode(encoding))
    return 1


def floor(tree: str, jobs: int) -> None:
    """What any LibCST-based linter pays at least: one parse per file, same pool size."""
    import multiprocessing

    import libcst  # noqa: F401 - imported before forking, as helpful-errors does

    paths = sorted((str(p) for p in Path(tree).rglob("*.py")), key=lambda p: -os.path.getsize(p))
    if jobs <= 1:
        parsed = sum(map(_parse, paths))
    else:
        method = "fork" if sys.platform.startswith("linux") else None
        with multiprocessing.get_context(method).Pool(jobs) as pool:
            parsed = sum(pool.imap_unordered(_parse, paths, chunksize=1))
    assert parsed == len(paths)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--floor"]:
        floor(sys.argv[2], int(sys.argv[3]))
        sys.exit(0)
    start = time.perf_counter()
    code = main(sys.argv[1:])
    print(f"\nbenchmark took {time.perf_counter() - start:.0f}s")
    sys.exit(code)
