"""A logistic regression shipped as a small JSON weights file, and its reading: what the learned refusal signal
(assistant/refusal_model.py) and the personal clinical signal (assistant/personal_clinical.py) share.

Each model's input is a question's embedding followed by a few named features of its own; the file lists those names,
so a file written for other features is refused rather than misread. The file is read on the first question that
needs it and kept; a missing or damaged file, or one fitted over another embedding model's vectors (a row of another
width), is logged once and the caller's rules decide alone.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Generic, Self, TypeVar

import numpy as np


@dataclass(frozen=True)
class LogisticModel:
    """Standardise, weigh, squash: the fitted classifier and the probability above which it acts."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    FEATURES: ClassVar[tuple[str, str, tuple[str, ...]]] = ("features", "features", ())
    """(the file's key for the features after the embedding, how an error names them, their names in order)."""

    def probability(self, row: np.ndarray) -> float:
        z = float(((row - self.mean) / self.scale) @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def to_json(self, about: dict) -> str:
        key, _, names = self.FEATURES
        return json.dumps({"about": about, key: list(names), "threshold": self.threshold, "bias": self.bias,
                           "mean": _rounded(self.mean), "scale": _rounded(self.scale),
                           "weights": _rounded(self.weights)}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Self:
        """The model a weights file holds; ValueError when it is not one this code can use."""
        key, called, names = cls.FEATURES
        data = json.loads(text)
        if data.get(key) != list(names):
            raise ValueError(f"its {called} are not the ones this code computes")
        mean, scale, weights = (np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "weights"))
        if not (mean.shape == scale.shape == weights.shape and mean.ndim == 1 and len(mean) > len(names)) or \
                not np.all(np.isfinite(np.concatenate([mean, scale, weights]))) or np.any(scale <= 0):
            raise ValueError("its arrays are not one finite row each of the same length")
        threshold, bias = float(data["threshold"]), float(data["bias"])
        if not 0 < threshold < 1 or not math.isfinite(bias):
            raise ValueError("its threshold or bias is out of range")
        return cls(mean, scale, weights, bias, threshold, **cls.recorded(data["about"]))

    @classmethod
    def recorded(cls, about: dict) -> dict:
        """Fields a subclass keeps from the file's "about" record (none here)."""
        return {}


Model = TypeVar("Model", bound=LogisticModel)


class WeightsFile(Generic[Model]):
    """One assistant's copy of a weights file, read on first use and kept. `off` and `instead` name the switch and
    who decides without it in the one warning logged (to `log`) when the file cannot be used."""

    def __init__(self, path: Path, kind: type[Model], log: logging.Logger, off: str, instead: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        """Guards the model; a caller may take it for its own state about the same file."""
        self._kind, self._log, self._off, self._instead = kind, log, off, instead
        self._model: Model | None = None
        self._read = False

    def model(self) -> Model | None:
        """The fitted model, read once; None when the file cannot be used."""
        with self.lock:
            if not self._read:
                self._read = True
                try:
                    self._model = self._kind.from_json(self.path.read_text(encoding="utf-8"))
                except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                    self._log.warning("%s: cannot use %s (%s: %s); %s", self._off, self.path, type(exc).__name__, exc,
                                      self._instead)
            return self._model

    def fitting(self, row: np.ndarray) -> Model | None:
        """The model, when it reads rows as wide as `row`; a model fitted over another embedding model's vectors is
        dropped (logged once) and None returned from then on."""
        model = self.model()
        if model is None or len(row) == len(model.weights):
            return model
        with self.lock:
            if self._model is not None:
                self._log.warning("%s: %s has %d weights for %d features; %s", self._off, self.path,
                                  len(model.weights), len(row), self._instead)
            self._model = None
        return None


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]
