"""Work counted, not timed: how many times a function ran is the same on a busy two-core CI
machine as on an idle laptop, so a test can bound it exactly where a time limit would flake."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

__all__ = ["Calls", "count_calls"]


@dataclass
class Calls:
    """How many times the counted function has been called so far."""

    count: int = 0


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Calls:
    """Count the calls of ``owner.name`` (a module's function, a class's method) until the test
    ends, when ``monkeypatch`` puts the original back. Callers inside ``owner``'s module are
    counted too, as they look the name up at call time."""
    real = getattr(owner, name)
    calls = Calls()

    def counting(*args, **kwargs):
        calls.count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls
