"""Benchmark helpful-errors on Django's source against the LibCST parse floor and flake8.

Usage (from a checkout, with helpful-errors installed in the running Python)::

    python benchmarks/bench.py                 # 5 rounds, all cores
    python benchmarks/bench.py --rounds 7 --jobs 2

It downloads a pinned Django wheel from PyPI (once, into the work folder), unpacks it and
times, in each round and in the same order, these whole commands on ``django/``:

- floor: ``libcst.parse_module`` on every file, with a process pool of the same size;
- cold: ``helpful-errors check --no-cache``;
- cold cache: ``helpful-errors check`` with an empty cache folder (pays for writing it);
- warm: the same command again, reading that cache;
- flake8: ``flake8 --isolated`` with its default plugins and the same number of jobs, run
  from a separate virtual environment that holds only flake8, because flake8 loads every
  installed plugin (ours included) whatever ``--select`` says.

The machine may be busy, so it reports medians over rounds of *paired* ratios (both sides
timed in the same round) next to the median times, and the peak memory of the largest
process of each command (``ru_maxrss`` of the waited-for children).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path
from typing import Dict, List, NamedTuple, Sequence

DJANGO_VERSION = "5.2.8"
DEFAULT_WORK = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "helpful-errors-bench"
TARGETS = (
    ("cold / floor", 1.25, "at most"),
    ("cold / flake8", 1.0, "below"),
    ("warm / cold", 0.10, "below"),
)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="measured rounds (default 5), after one warm-up round")
    parser.add_argument("--jobs", type=int, default=0, help="processes for every tool; 0 = all cores (default)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"folder for the wheel, the tree and flake8's venv (default {DEFAULT_WORK})")
    parser.add_argument("--django", default=DJANGO_VERSION, help=f"Django version to fetch (default {DJANGO_VERSION})")
    args = parser.parse_args(argv)
    jobs = args.jobs or _cores()
    tree = fetch_django(args.work, args.django)
    flake8 = flake8_venv(args.work)
    files = sum(1 for _ in tree.rglob("*.py"))
    lines = sum(p.read_bytes().count(b"\n") for p in tree.rglob("*.py"))
    print(f"Django {args.django}: {files} files, {lines} lines; {jobs} processes per tool; {_versions(flake8)}")
    samples: Dict[str, List[Sample]] = {}
    for round_number in range(args.rounds + 1):
        measured = one_round(tree, jobs, flake8)
        label = "warm-up" if round_number == 0 else f"round {round_number}"
        print(f"{label}: " + ", ".join(f"{name} {s.wall:.2f}s" for name, s in measured.items()), flush=True)
        if round_number:
            for name, value in measured.items():
                samples.setdefault(name, []).append(value)
    report(samples, args.rounds)
    return 0


def one_round(tree: Path, jobs: int, flake8: Path) -> Dict[str, "Sample"]:
    """Time each command once; the cache runs share a fresh, empty cache folder."""
    tool = [sys.executable, "-m", "helpful_errors", "check", str(tree), "--jobs", str(jobs)]
    with tempfile.TemporaryDirectory(prefix="hem-bench-cache-") as cache:
        env = {**os.environ, "HELPFUL_ERRORS_CACHE_DIR": cache}
        return {
            "floor": timed([sys.executable, __file__, "--floor", str(tree), str(jobs)]),
            "cold": timed([*tool, "--no-cache"], env),
            "flake8": timed([str(flake8), "--isolated", "--jobs", str(jobs), str(tree)]),
            "cold cache": timed(tool, env),
            "warm": timed(tool, env),
        }


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
    print(f"{'command':<12} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}")
    for name, values in samples.items():
        wall, cpu = statistics.median(v.wall for v in values), statistics.median(v.cpu for v in values)
        print(f"{name:<12} {wall:>8.2f} {cpu:>8.2f} {max(v.rss for v in values) / 1024:>9.0f}")
    print("\nmedian of paired ratios      wall    CPU")
    targets = {name: (limit, word) for name, limit, word in TARGETS}
    for a, b in (("cold", "floor"), ("cold", "flake8"), ("warm", "cold"), ("cold cache", "cold")):
        name = f"{a} / {b}"
        wall, cpu = ratio(a, b, "wall"), ratio(a, b, "cpu")
        target = ""
        if name in targets:
            limit, word = targets[name]
            met = wall <= limit if word == "at most" else wall < limit
            target = f"  (target {word} {limit:g}: {'met' if met else 'MISSED'} on wall time)"
        print(f"{name:<24} {wall:>8.2f} {cpu:>6.2f}{target}")


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
