"""Shared fixtures: the repository's example organisation, loaded once and built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import REPO, TODAY, copy_example
from tests.helpers.once import once_per_run
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.store.cache import CACHE_DIR


@pytest.fixture(scope="session", autouse=True)
def own_signing_key(tmp_path_factory):
    """The cache's signing key of this test run (never the machine user's ~/.cache/trainops),
    for every test and the trainops processes they start (set before any session fixture)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(scope="session", autouse=True)
def working_copy_cache_untouched():
    """No test reads or writes the working copy's cache (a hit touches its entry): a test that
    checks or builds the example works on a ``copy_example``, so the suite neither leaves a
    ``.trainops-cache`` behind nor takes results from one an earlier run or version left."""
    before = _entries(REPO / CACHE_DIR)
    yield
    assert _entries(REPO / CACHE_DIR) == before, f"a test used {REPO / CACHE_DIR}; let it check a copy_example()"


def _entries(folder: Path) -> dict[str, int]:
    """Every entry's modification time: a hit touches it, a write makes or replaces it."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.fixture(scope="session")
def example_project():
    settings, problems = read_settings(REPO)
    project, diagnostics = load_project(REPO, settings, TODAY)
    assert not [d for d in problems + diagnostics if d.severity == "error"]
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The example sites (with their manuals) built once, through the CLI, for every integration
    test: the learner site (returned) and the coordinator site (``ops_site``). Once per run, not
    once per xdist worker: the build takes 16 s, most of the time of the tests that use it."""
    from trainops.cli import main

    def build(project: Path) -> None:
        copy_example(project)
        assert main(["build", "--project", str(project), "--today", TODAY.isoformat()]) == 0

    return once_per_run(tmp_path_factory, "example", build) / "site"


@pytest.fixture(scope="session")
def ops_site(built_site):
    """The coordinator site of the same build (``ops/`` beside ``site/``)."""
    return built_site.parent / "ops"
