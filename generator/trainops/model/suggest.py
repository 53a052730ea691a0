"""Did-you-mean suggestions for misspelt field names, ids and time zones."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


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
