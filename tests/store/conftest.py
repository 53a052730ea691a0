"""Fixtures of the cache's tests: a signing key of the test's own, and a salt worked out afresh."""

from __future__ import annotations

import pytest

from trainops.store import salt


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    """A signing key of the test's own (never the machine user's)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


# (kept: a test may replace them in the module, and its fixtures are undone after this one's)
_REMEMBERED = (salt.cache_salt, salt.code_digest)


@pytest.fixture
def fresh_salt():
    """The salt is worked out once per process: forget it before and after a test that changes
    what it is made of."""
    for function in _REMEMBERED:
        function.cache_clear()
    yield
    for function in _REMEMBERED:
        function.cache_clear()
