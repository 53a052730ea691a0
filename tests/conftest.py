"""Shared fixtures: the repository's example organisation, loaded once and built once."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.store.cache import CACHE_DIR

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
UPDATE_GOLDENS = os.environ.get("TRAINOPS_UPDATE_GOLDENS") == "1"


def copy_example(dest: Path) -> Path:
    """A copy of the example organisation (data, content, theme, mkdocs.yml) in ``dest``."""
    for name in ("programs", "sops", "content", "theme"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


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
    test: the learner site (returned) and the coordinator site (``ops_site``)."""
    from trainops.cli import main

    project = copy_example(tmp_path_factory.mktemp("example"))
    site = project / "site"
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat()]) == 0
    return site


@pytest.fixture(scope="session")
def ops_site(built_site):
    """The coordinator site of the same build (``ops/`` beside ``site/``)."""
    return built_site.parent / "ops"


def assert_golden(actual: str, golden: Path) -> None:
    """Compare with a golden file; ``TRAINOPS_UPDATE_GOLDENS=1`` rewrites it instead."""
    if UPDATE_GOLDENS or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))  # bytes: CRLF in CSV and .ics must survive
        if not UPDATE_GOLDENS:
            pytest.fail(f"golden file {golden} was missing and has been written; check it and commit it")
        return
    assert actual == golden.read_bytes().decode("utf-8"), f"{golden} differs (TRAINOPS_UPDATE_GOLDENS=1 to accept)"
