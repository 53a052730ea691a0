"""Did-you-mean suggestions for misspelt field names, ids and time zones."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable

__all__ = ["NearestId", "closest", "did_you_mean"]


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate nearest to ``word``, or None when nothing is close enough."""
    pool = sorted(set(candidates))
    if not pool:
        return None
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """`` — did you mean 'x'?`` or an empty string."""
    match = closest(word, candidates, cutoff)
    return f" — did you mean '{match}'?" if match else ""


class NearestId:
    """:func:`did_you_mean` over a pool of thousands of ids (sessions, learners), asked many times.

    difflib compares a word with every candidate: 0.85 s for one session id among 20,000 that all
    look alike. A typo keeps most of the word's pairs of letters, so only the ``SHORTLIST`` ids that
    share the most pairs with it (set intersections, a few milliseconds) go to difflib. Each word is
    worked out once, and at most ``LIMIT`` words get a suggestion: past that the ids are wrong in
    bulk (another roster, another system's numbers), and a suggestion for each would cost seconds
    and help nobody."""

    SHORTLIST = 40
    LIMIT = 50

    def __init__(self, candidates: Iterable[str]) -> None:
        lowered: dict[str, str] = {}
        for candidate in sorted(set(candidates)):
            lowered.setdefault(candidate.lower(), candidate)
        self._original = lowered
        self._pairs: list[tuple[str, frozenset[str]]] | None = None  # made on the first miss
        self._said: dict[str, str] = {}

    def did_you_mean(self, word: str) -> str:
        """`` — did you mean 'x'?`` or an empty string."""
        if word not in self._said:
            self._said[word] = self._suggest(word) if len(self._said) < self.LIMIT else ""
        return self._said[word]

    def _suggest(self, word: str) -> str:
        key = word.lower()
        if key in self._original:
            return f" — did you mean '{self._original[key]}'?"
        if self._pairs is None:
            self._pairs = [(candidate, _pairs(candidate)) for candidate in self._original]
        mine = _pairs(key)
        # Ties keep the pool's sorted order, so the shortlist is the same on every run.
        shortlist = heapq.nlargest(self.SHORTLIST, self._pairs, key=lambda item: len(mine & item[1]))
        match = difflib.get_close_matches(key, sorted(c for c, _ in shortlist), n=1, cutoff=0.6)
        return f" — did you mean '{self._original[match[0]]}'?" if match else ""


def _pairs(word: str) -> frozenset[str]:
    return frozenset(word[i : i + 2] for i in range(len(word) - 1)) or frozenset({word})
