"""Linear models shipped as JSON: classes, feature names, coefficients and intercepts.

scikit-learn trains them (``analyzer.tooling.train``); at run time they are read with ``json`` and
applied with a sparse dot product, so loading one never executes code from a file and the
analyser does not import scikit-learn.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


def model_path(name: str, lang: str) -> Path:
    return Path(str(resources.files("analyzer") / "models" / f"{name}.{lang}.json"))


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[str, ...]
    index: dict[str, int]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]

    @classmethod
    def load(cls, name: str, lang: str) -> LinearModel | None:
        """The model ``models/<name>.<lang>.json``, or None when none ships."""
        path = model_path(name, lang)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            tuple(data["classes"]),
            {f: i for i, f in enumerate(data["features"])},
            tuple(tuple(row) for row in data["coef"]),
            tuple(data["intercept"]),
        )

    def scores(self, features: dict[str, float]) -> list[float]:
        known = [(self.index[f], v) for f, v in features.items() if f in self.index]
        return [
            b + sum(row[i] * v for i, v in known)
            for row, b in zip(self.coef, self.intercept, strict=True)
        ]

    def predict(self, features: dict[str, float]) -> str:
        scores = self.scores(features)
        if len(self.classes) == 2 and len(scores) == 1:  # binary: one row for classes[1]
            return self.classes[1] if scores[0] > 0 else self.classes[0]
        return self.classes[max(range(len(scores)), key=scores.__getitem__)]

    def probability(self, features: dict[str, float], label: str) -> float:
        """P(label) for a binary model."""
        (score,) = self.scores(features)
        p = 1.0 / (1.0 + math.exp(-score))
        return p if label == self.classes[1] else 1.0 - p
