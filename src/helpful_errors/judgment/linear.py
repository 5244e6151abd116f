"""Apply a fitted linear model (logistic regression) with the standard library.

The weights are data (``state_only.json`` in this package), written by
``tools/fit_judgment.py`` from the labeled corpora; a test checks the shipped file is what
that script produces. Reading them costs one JSON load, on first use.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, Mapping, Tuple

WEIGHTS_DIR = Path(__file__).parent


@dataclass(frozen=True)
class LinearModel:
    """Weights by feature name, a bias and the probability above which the label holds."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    vetoes: Tuple[str, ...] = ()  # features whose presence alone decides against the label

    def probability(self, present: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) for name in present)
        return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0

    def holds(self, present: FrozenSet[str]) -> bool:
        if any(name in present for name in self.vetoes):
            return False
        return self.probability(present) >= self.threshold

    def to_json(self) -> Dict[str, object]:
        return {"bias": self.bias, "threshold": self.threshold, "vetoes": list(self.vetoes), "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> "LinearModel":
        weights = data["weights"]
        assert isinstance(weights, dict)
        vetoes = data.get("vetoes", [])
        assert isinstance(vetoes, list)
        return cls(
            {str(k): float(v) for k, v in weights.items()}, float(data["bias"]), float(data["threshold"]),  # type: ignore[arg-type]
            tuple(str(v) for v in vetoes),
        )


@lru_cache(maxsize=None)
def load(name: str) -> LinearModel:
    """The shipped model ``name`` (``state_only``)."""
    path = WEIGHTS_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LookupError(
            f"the fitted model {name!r} cannot be read ({path}: {exc}); reinstall helpful-errors, "
            "or rebuild it with `python tools/fit_judgment.py --write`"
        ) from None
    return LinearModel.from_json(data)


__all__ = ["LinearModel", "load"]
