"""A big site renders on two cores with exactly the files one process gives; a failure in the
worker fails the build with the message one process gives, and leaves no worker behind."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from trainops.loading import load_project
from trainops.render import pool
from trainops.sites import COORDINATORS, SITES
from trainops.render.site import render_site
from trainops.settings_file import read_settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    monkeypatch.setattr(pool, "MIN_SESSIONS", 100)  # the mechanism, on a site quick to render
    monkeypatch.setattr(pool.threading, "active_count", lambda: 1)  # (threads other tests left idle)


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("pool") / "org"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate_org.py"), str(root), "--programs", "12",
                    "--sops", "20", "--sessions", "300", "--people", "10"], check=True, capture_output=True)
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, date(2026, 11, 23))
    assert not [d for d in diagnostics if d.severity == "error"]
    return project


@pytest.mark.parametrize("site", SITES)
def test_two_processes_give_the_files_one_gives(big_project, site):
    assert pool.worth_a_worker(big_project)
    one = render_site(big_project, site=site)
    two = pool.render_site_on_cores(big_project, workers=2, site=site)
    assert [f.docs_path for f in two] == [f.docs_path for f in one]
    assert two == one
    assert not multiprocessing.active_children()


def test_a_template_failing_in_the_worker_names_the_template(big_project, tmp_path, monkeypatch):
    theme = big_project.root / "theme" / "trainops"
    theme.mkdir(parents=True, exist_ok=True)
    (theme / "reminders.html").write_text("{{ 1 / 0 }}\n")
    try:
        with pytest.raises(pool.RenderFailed, match="reminders.html"):
            pool.render_site_on_cores(big_project, workers=2, site=COORDINATORS)
    finally:
        (theme / "reminders.html").unlink()
    assert not multiprocessing.active_children()
