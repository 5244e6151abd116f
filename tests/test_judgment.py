"""The fitted judgment: the linear model's arithmetic, and that the shipped weights are what
``tools/fit_judgment.py`` fits from the corpora (when the corpora are on this machine)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from helpful_errors.judgment import linear

ROOT = Path(__file__).resolve().parents[1]


def _fit_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fit_judgment", ROOT / "tools" / "fit_judgment.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_judgment"] = module
    spec.loader.exec_module(module)
    return module


def test_probability_is_the_logistic_of_the_summed_weights() -> None:
    model = linear.LinearModel({"a": 1.5, "b": -0.5}, -0.25, 0.6)
    assert model.probability(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(-0.75)))
    assert model.holds(["a"]) and not model.holds(["b"])


def test_the_shipped_weights_load_and_round_trip() -> None:
    model = linear.load("state_only")
    assert len(model.weights) > 100 and 0 < model.threshold < 1
    assert linear.LinearModel.from_json(json.loads(json.dumps(model.to_json()))) == model


@pytest.mark.slow
def test_shipped_weights_are_what_the_fitting_script_produces(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="the fit extra is not installed: pip install -e '.[fit]'")
    fit = _fit_script()
    if not fit.corpora_present():
        pytest.skip("the labeled corpora and their unpacked projects are not on this machine (see README, 'Fitted judgment')")
    examples = fit.load_examples(fit.DEFAULT_LABELED, fit.DEFAULT_SETS)
    assert fit.matches_shipped(examples), "rebuild the weights with `python tools/fit_judgment.py --write`"
    altered = json.loads(fit.WEIGHTS.read_text(encoding="utf-8"))
    altered["bias"] += 0.001
    changed = tmp_path / "state_only.json"
    changed.write_text(json.dumps(altered, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    assert not fit.matches_shipped(examples, changed)


def test_a_training_share_keeps_whole_projects_and_is_reproducible() -> None:
    fit = _fit_script()
    examples = [
        fit.Example(f"p{i % 10}", i % 2 == 0, False, False, f"text {i}", frozenset({"w:x"}), False, False) for i in range(50)
    ]
    half = fit.training_share(examples, 0.5, 3)
    projects = {e.project for e in half}
    assert len(projects) == 5
    assert half == [e for e in examples if e.project in projects]  # every record of a kept project
    assert half == fit.training_share(examples, 0.5, 3)
    assert fit.training_share(examples, 1.0, 3) == examples
