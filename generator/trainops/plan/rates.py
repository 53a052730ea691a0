"""Counts, rates, means and spreads as the coordinator site shows them, each with its n.

The one rule for small groups lives here: a group of fewer than :data:`MIN_GROUP` is shown as
"fewer than 5", never as a rate, a mean or a spread (a rate of 2 learners says nothing about the
program and much about the 2). The pages, the charts and the tables all ask :attr:`shown`."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MIN_GROUP", "FEWER", "Rate", "Mean", "Spread", "spread_of"]

MIN_GROUP = 5
FEWER = f"fewer than {MIN_GROUP}"


@dataclass(frozen=True)
class Rate:
    """``count`` of ``n``."""

    count: int
    n: int

    @property
    def shown(self) -> bool:
        return self.n >= MIN_GROUP

    @property
    def percent(self) -> float | None:
        return 100 * self.count / self.n if self.shown else None

    @property
    def fraction(self) -> float | None:
        """The bar's length in a chart, 0 to 1; None when the group is too small to show."""
        return self.count / self.n if self.shown else None

    @property
    def text(self) -> str:
        return f"{self.percent:.0f}%" if self.shown else FEWER


@dataclass(frozen=True)
class Mean:
    """The mean of ``n`` numeric answers, on a scale up to ``scale`` (the largest answer given)."""

    total: float
    n: int
    scale: float

    @property
    def shown(self) -> bool:
        return self.n >= MIN_GROUP

    @property
    def value(self) -> float | None:
        return self.total / self.n if self.shown else None

    @property
    def fraction(self) -> float | None:
        return self.total / self.n / self.scale if self.shown and self.scale > 0 else None

    @property
    def text(self) -> str:
        return f"{self.total / self.n:.2f}" if self.shown else FEWER


@dataclass(frozen=True)
class Spread:
    """Scores' minimum, quartiles and maximum (inclusive quartiles), of ``n`` learners."""

    n: int
    low: float = 0
    q1: float = 0
    median: float = 0
    q3: float = 0
    high: float = 0

    @property
    def shown(self) -> bool:
        return self.n >= MIN_GROUP

    @property
    def text(self) -> str:
        return f"median {self.median:g}" if self.shown else FEWER


def spread_of(values: Sequence[float]) -> Spread:
    if len(values) < MIN_GROUP:
        return Spread(len(values))  # (the figures of a small group are never computed for a page)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), min(values), q1, median, q3, max(values))
