"""Fixtures of the cache's tests: a signing key of the test's own."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    """A signing key of the test's own (never the machine user's)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
