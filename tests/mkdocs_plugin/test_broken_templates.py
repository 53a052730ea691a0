"""A broken page template fails the build naming the template: never a hang (the worker's time
limit ends one), never a traceback (once: a forked renderer blocked forever on a broken override)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.sites import generate_org
from trainops.cli import main

PAGE_TEMPLATES = [
    "catalogue.html",
    "guide.html",
    "handoff.html",
    "launch-checklist.html",
    "reminders.html",
    "schedule.html",
    "sop-library.html",
    "sop.html",
]


@pytest.fixture(scope="module")
def organisation(tmp_path_factory) -> Path:
    """An organisation of twelve programs this repository has never seen."""
    return generate_org(tmp_path_factory.mktemp("broken") / "org", programs=12, sops=20, sessions=120, people=10)


def _build(root: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    code = main(
        ["build", "--project", str(root), "--no-pdf", "--today", "2026-11-23", "--site-dir", str(tmp_path / "site")]
    )
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture(params=["one process", "two processes"])
def processes(request, monkeypatch):
    """The build in one process, or with the worker of trainops.render.pool (used from a size on)."""
    from trainops.render import pool, workers

    if request.param == "two processes":
        monkeypatch.setattr(pool, "MIN_SESSIONS", 10)
        monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
        # A worker that hung would be ended by the pool's time limit, and the build would fail
        # with "took longer than", not naming the template: shortened from half an hour, so that
        # a hang fails this test within minutes instead of holding the suite.
        monkeypatch.setattr(pool, "TIME_LIMIT", 120)
    else:
        monkeypatch.setattr(pool, "MIN_SESSIONS", 10**9)
    return request.param


@pytest.mark.parametrize("template", PAGE_TEMPLATES)
@pytest.mark.parametrize("broken", ["{% if %}\n", "{{ 1 / 0 }}\n", "{{ no_such_name.attribute }}\n"])
def test_a_broken_page_template_fails_the_build_naming_it(template, broken, organisation, tmp_path, capsys, processes):
    override = organisation / "theme" / "trainops" / template
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(broken)
    try:
        code, output = _build(organisation, tmp_path, capsys)
    finally:
        override.unlink()
    assert code == 1, output
    assert template in output and "Traceback" not in output
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.glob(".site-building-*"))


@pytest.mark.parametrize("broken", ["{{ 1 / 0 }}\n", "{{ no_such_name.attribute }}\n"])
def test_a_broken_manual_template_fails_the_build_naming_it(broken, organisation, tmp_path, capsys):
    override = organisation / "theme" / "trainops" / "manual.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(broken)
    try:
        code = main(
            ["build", "--project", str(organisation), "--today", "2026-11-23", "--site-dir", str(tmp_path / "site")]
        )
    finally:
        override.unlink()
    out = capsys.readouterr()
    assert code == 1 and "manual.html" in out.err and "Traceback" not in out.out + out.err
    assert not (tmp_path / "site").exists()
