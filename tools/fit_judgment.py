"""Fit the HEM001 judgment (state only or guiding) to the labeled corpora, and measure it.

Usage (from the repository, with the development extra ``pip install -e '.[fit]'``):

    python tools/fit_judgment.py                 # project-grouped 5-fold cross-validation
    python tools/fit_judgment.py --write         # also refit on everything and write the weights
    python tools/fit_judgment.py --check         # exit 1 unless the shipped weights are what it fits
    python tools/fit_judgment.py --inner-seed 2  # the same CV with other inner folds (the procedure's noise)
    python tools/fit_judgment.py --train-share 0.5  # each fold fitted on half its training projects

The labeled sets are ``dev.jsonl`` and ``dev2.jsonl`` of the shared corpus (``--labeled``,
default ``../shared/corpus`` beside the repository) and their unpacked projects
(``--projects``, default ``~/.cache/hem-corpus`` and ``~/.cache/hem-corpus2``). Features are
computed by the linter's own code: every file holding a labeled record is analysed by the
engine, each record is matched to the message site whose line lies in the record's
statement, as the corpus's ``score.py`` does, and ``judgment.features`` reads the analysed
message. A record with no site, or that the rule does not judge, counts as not flagged.

Cross-validation: projects (never records) are dealt into five folds after a shuffle with a
fixed seed; the regularization strength and the decision threshold are chosen by an inner
grouped cross-validation on the four training folds only, and the fitted model is scored on
the fifth. A thirty-word keyword regex is scored on the same folds for comparison.
"""

from __future__ import annotations

import argparse
import ast
import json
import pickle
import random
import re
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from helpful_errors.checks import hem001_state_only as hem001  # noqa: E402
from helpful_errors.checks import hem002_vague as hem002  # noqa: E402
from helpful_errors.checks.judge import judge_messages, taking_part  # noqa: E402
from helpful_errors.checks.message import Message, analyse  # noqa: E402
from helpful_errors.checks.registry import rules  # noqa: E402
from helpful_errors.config import Settings  # noqa: E402
from helpful_errors.engine import analyze_source  # noqa: E402
from helpful_errors.judgment.features import features  # noqa: E402
from helpful_errors.judgment.linear import WEIGHTS_DIR, LinearModel  # noqa: E402

SEED = 20261201
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
# Cues of the hand grammar that guide in at least 93% of the labeled records where they occur
# (counts in docs/judgment-experiments.md): their presence alone says "guides", whatever the
# word weights add up to.
VETOES = ("cue:action", "cue:alternative", "cue:cause", "cue:condition", "cue:example", "cue:expectation", "cue:placeholder", "cue:reference", "cue:suggestion")
THRESHOLDS = tuple(round(0.30 + 0.02 * i, 2) for i in range(21))
DEFAULT_LABELED = REPO.parent / "shared" / "corpus"
DEFAULT_SETS = (("dev.jsonl", Path.home() / ".cache" / "hem-corpus"), ("dev2.jsonl", Path.home() / ".cache" / "hem-corpus2"))
WEIGHTS = WEIGHTS_DIR / f"{hem001.MODEL}.json"

# The comparison baseline: thirty guidance words, no grammar, no fitting.
KEYWORDS = re.compile(
    r"\b(use|must|should|expected|expect|try|see|please|instead|did you mean|required|requires|only|valid|"
    r"allowed|supported|one of|set|pass|install|run|check|make sure|consider|need|needs|either|between|"
    r"specify|provide)\b|https?://",
    re.IGNORECASE,
)


@dataclass
class Example:
    project: str
    state_only: bool  # the label: guides == false
    vague: bool
    internal: bool
    text: str
    present: Optional[FrozenSet[str]]  # features, None when the rule does not judge the record
    superseded: bool  # a more specific rule fires on the message, so no HEM001 finding
    vague_flagged: bool  # HEM002 fires on the message when it is selected


def _spans(path: Path) -> Dict[int, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: Dict[int, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Raise, ast.Call, ast.Expr)) and hasattr(node, "end_lineno"):
            out[node.lineno] = max(out.get(node.lineno, 0), node.end_lineno or node.lineno)
    return out


def _other_codes(message: Message, settings: Settings) -> FrozenSet[str]:
    """The codes the other rules of a default run find on the message (preview rules are off
    by default, so they supersede nothing there)."""
    active = [r for r in taking_part(settings) if r.code != hem001.CODE]
    return frozenset(f.code for f in judge_messages([message], active, settings))


def _vague(message: Message, settings: Settings) -> bool:
    """HEM002's verdict on the message, as when it is selected (it is a preview rule)."""
    vague = [r for r in rules() if r.code == hem002.CODE]
    return any(f.code == hem002.CODE for f in judge_messages([message], vague, settings))


def load_examples(labeled: Path, sets: Sequence[Tuple[str, Path]]) -> List[Example]:
    settings = Settings()
    extraction = Settings(ignore=(hem001.CODE,))  # sites only: the model being fitted is not needed
    superseders = {r.code for r in rules() if hem001.CODE in r.record.supersedes}
    examples: List[Example] = []
    for name, projects in sets:
        records = [json.loads(line) for line in (labeled / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        by_file: Dict[Tuple[str, str], List[dict]] = defaultdict(list)
        for record in records:
            by_file[(record["project"], record["file"])].append(record)
        for (project, file), group in sorted(by_file.items()):
            path = projects / project / file
            result = analyze_source(path.read_text(encoding="utf-8"), file, extraction)
            spans = _spans(path)
            messages = [analyse(site, settings) for site in result.sites]
            for record in group:
                lo = record["line"]
                hi = spans.get(lo, lo)
                message = next((m for m in messages if lo <= m.site.span.line <= hi), None)
                judged = message is not None and not message.internal and hem001.judged(message)
                others = _other_codes(message, settings) if message is not None else frozenset()
                examples.append(Example(
                    project=f"{name}:{project}",
                    state_only=not record["guides"],
                    vague=bool(record["vague"]),
                    internal=bool(record.get("internal")),
                    text=record["text"],
                    present=features(message) if judged and message is not None else None,
                    superseded=bool(others & superseders),
                    vague_flagged=message is not None and _vague(message, settings),
                ))
    return examples


def folds_of(examples: Sequence[Example], folds: int, seed: int) -> List[List[int]]:
    """Indices of the examples in each fold; every project lies in exactly one fold."""
    projects = sorted({e.project for e in examples})
    random.Random(seed).shuffle(projects)
    fold_of = {p: i % folds for i, p in enumerate(projects)}
    out: List[List[int]] = [[] for _ in range(folds)]
    for index, example in enumerate(examples):
        out[fold_of[example.project]].append(index)
    return out


def _fit(examples: Sequence[Example], c: float) -> Tuple[Dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [e for e in examples if e.present is not None and not e.internal]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{name: 1.0 for name in sorted(e.present or ())} for e in train])
    y = [int(e.state_only) for e in train]
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000)  # deterministic: no random start
    model.fit(x, y)
    weights = {name: round(float(w), 6) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-6}
    return weights, round(float(model.intercept_[0]), 6)


def _flags(model: LinearModel, examples: Sequence[Example]) -> List[bool]:
    return [e.present is not None and not e.superseded and model.holds(e.present) for e in examples]


def _probabilities(model: LinearModel, examples: Sequence[Example]) -> List[float]:
    return [
        (0.0 if any(v in e.present for v in model.vetoes) else model.probability(e.present))
        if e.present is not None and not e.superseded else -1.0
        for e in examples
    ]


def prf(flags: Sequence[bool], truth: Sequence[bool]) -> Tuple[float, float, float]:
    tp = sum(1 for f, t in zip(flags, truth) if f and t)
    fp = sum(1 for f, t in zip(flags, truth) if f and not t)
    fn = sum(1 for f, t in zip(flags, truth) if not f and t)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fit_model(examples: Sequence[Example], inner_seed: int = SEED + 1) -> LinearModel:
    """Choose C and the threshold by inner grouped CV on ``examples``, then fit on all of them."""
    inner = folds_of(examples, FOLDS, inner_seed)
    judged = [e for e in examples if not e.internal]
    scored: List[Tuple[float, float, float]] = []  # (inner-CV F1 around the threshold, C, threshold)
    for c in C_GRID:
        probabilities: Dict[int, float] = {}
        for k, held in enumerate(inner):
            held_set = set(held)
            weights, bias = _fit([e for i, e in enumerate(examples) if i not in held_set], c)
            model = LinearModel(weights, bias, 0.5, VETOES)
            for i, p in zip(held, _probabilities(model, [examples[i] for i in held])):
                probabilities[i] = p
        f1s = []
        for threshold in THRESHOLDS:
            flags = [probabilities[i] >= threshold for i, e in enumerate(examples) if not e.internal]
            f1s.append(prf(flags, [e.state_only for e in judged])[2])
        # Each threshold scored with its neighbours: a peak one step wide is a handful of records.
        for i, threshold in enumerate(THRESHOLDS):
            window = f1s[max(0, i - 1) : i + 2]
            scored.append((sum(window) / len(window), c, threshold))
    _, c, threshold = max(scored)
    weights, bias = _fit(examples, c)
    return LinearModel(weights, bias, threshold, VETOES)


def training_share(examples: Sequence[Example], share: float, seed: int) -> List[Example]:
    """The examples of a ``share`` of their projects, drawn with ``seed`` (all of them at 1)."""
    if share >= 1.0:
        return list(examples)
    projects = sorted({e.project for e in examples})
    random.Random(seed).shuffle(projects)
    kept = set(projects[: max(1, round(len(projects) * share))])
    return [e for e in examples if e.project in kept]


def cross_validate(examples: Sequence[Example], inner_seed: int = SEED + 1, share: float = 1.0) -> List[Dict[str, float]]:
    """Per outer fold, the model fitted on the other folds (on ``share`` of their projects,
    for a learning curve) scored on this one."""
    rows = []
    for k, held in enumerate(folds_of(examples, FOLDS, SEED)):
        held_set = set(held)
        training = training_share([e for i, e in enumerate(examples) if i not in held_set], share, SEED + k)
        model = fit_model(training, inner_seed)
        test = [examples[i] for i in held if not examples[i].internal]
        truth = [e.state_only for e in test]
        p, r, f = prf(_flags(model, test), truth)
        kp, kr, kf = prf([not KEYWORDS.search(e.text) for e in test], truth)
        non_vague = [e for e in test if not e.vague]
        vague = [e for e in test if e.vague]
        rows.append({
            "fold": k, "projects": len({e.project for e in test}), "messages": len(test),
            "P": p, "R": r, "F1": f, "kw_P": kp, "kw_R": kr, "kw_F1": kf,
            "threshold": model.threshold,
            "hem002_fp": sum(e.vague_flagged for e in non_vague), "non_vague": len(non_vague),
            "hem002_tp": sum(e.vague_flagged for e in vague), "vague": len(vague),
        })
    return rows


def report(rows: Sequence[Dict[str, float]]) -> str:
    lines = ["fold projects messages |  HEM001 P     R    F1 | keywords P    R    F1 | HEM002 FP/non-vague  TP/vague"]
    for row in rows:
        lines.append(
            f"{row['fold']:>4} {row['projects']:>8} {row['messages']:>8} | {row['P']:.3f} {row['R']:.3f} {row['F1']:.3f} |"
            f"   {row['kw_P']:.3f} {row['kw_R']:.3f} {row['kw_F1']:.3f} | {row['hem002_fp']:>5}/{row['non_vague']:<5} {row['hem002_tp']:>8}/{row['vague']}"
        )
    for key in ("P", "R", "F1", "kw_P", "kw_R", "kw_F1"):
        values = [row[key] for row in rows]
        lines.append(f"{key:>6}: mean {statistics.mean(values):.3f}  sd {statistics.stdev(values):.3f}  min {min(values):.3f}  max {max(values):.3f}")
    fp = sum(row["hem002_fp"] for row in rows)
    nv = sum(row["non_vague"] for row in rows)
    lines.append(f"HEM002: {fp}/{nv} non-vague messages flagged ({fp / nv:.2%}); {sum(r['hem002_tp'] for r in rows)}/{sum(r['vague'] for r in rows)} vague found")
    return "\n".join(lines)


def shipped_json(model: LinearModel) -> str:
    return json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n"


def matches_shipped(examples: Sequence[Example], path: Path = WEIGHTS) -> bool:
    """The weights file at ``path`` is exactly what a fresh fit on ``examples`` writes."""
    return path.read_text(encoding="utf-8") == shipped_json(fit_model(examples))


def corpora_present(labeled: Path = DEFAULT_LABELED, sets: Sequence[Tuple[str, Path]] = DEFAULT_SETS) -> bool:
    return all((labeled / name).is_file() and projects.is_dir() for name, projects in sets)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labeled", type=Path, default=DEFAULT_LABELED, help="folder of dev.jsonl and dev2.jsonl")
    parser.add_argument("--projects", type=Path, nargs=2, default=[p for _, p in DEFAULT_SETS], help="unpacked projects of dev and dev2")
    parser.add_argument("--write", action="store_true", help="refit on all records and write the shipped weights")
    parser.add_argument("--check", action="store_true", help="fail unless the shipped weights equal a fresh fit")
    parser.add_argument("--cache", type=Path, help="keep the analysed records in this file between runs (delete it after changing the features)")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument(
        "--inner-seed", type=int, default=1, metavar="K",
        help="shuffle the inner folds with seed+K (the outer folds stay): how much a figure moves by the fitting alone",
    )
    parser.add_argument(
        "--train-share", type=float, default=1.0, metavar="F",
        help="fit each fold on this share of its training projects (a learning curve: does more labeled data help?)",
    )
    args = parser.parse_args(argv)
    if not 0.0 < args.train_share <= 1.0:
        parser.error(f"--train-share must lie in (0, 1], got {args.train_share}; pass 0.5 to fit on half the projects")
    sets = [(name, projects) for (name, _), projects in zip(DEFAULT_SETS, args.projects)]
    if args.cache and args.cache.exists():
        examples = pickle.loads(args.cache.read_bytes())
    else:
        examples = load_examples(args.labeled, sets)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(examples))
    print(f"{len(examples)} records, {len({e.project for e in examples})} projects, "
          f"{sum(e.present is not None for e in examples)} judged by the rule", file=sys.stderr)
    if not args.no_cv:
        print(report(cross_validate(examples, SEED + args.inner_seed, args.train_share)))
    if args.check and not matches_shipped(examples):
        print(f"{WEIGHTS.name} differs from a fresh fit; rebuild it with `python tools/fit_judgment.py --write`", file=sys.stderr)
        return 1
    if args.write:
        WEIGHTS.write_text(shipped_json(fit_model(examples)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
