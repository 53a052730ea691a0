"""A big project renders on two cores with exactly the files one process gives; a failure in the
worker fails the build with the message one process gives, and leaves no worker behind."""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.sites import build_command, generate_org
from trainops.cli import main
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.plan.sites import COORDINATORS, LEARNERS, SITES
from trainops.render import pool, workers
from trainops.render.files import GeneratedFile
from trainops.render.site import render_site
from trainops.store.staged_folder import staging_for


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch):
    monkeypatch.setattr(pool, "MIN_SESSIONS", 100)  # the mechanism, on a site quick to render
    # (the events in many tasks: some done by the worker, the ones it has not begun taken back)
    monkeypatch.setattr(pool, "EVENTS_TASK", 20)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    root = generate_org(tmp_path_factory.mktemp("pool") / "org", programs=12, sops=20, sessions=300, people=10)
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, date(2026, 11, 23))
    assert not [d for d in diagnostics if d.severity == "error"]
    return project


@pytest.mark.parametrize("sites", [SITES, (LEARNERS,), (COORDINATORS,)])
def test_two_processes_give_the_files_one_gives(big_project, sites):
    assert pool.worth_a_worker(big_project)
    with pool.SiteRender(big_project, sites, workers=2) as render:
        # The worker is at work before anyone asks; the coordinator site alone gets none.
        assert bool(multiprocessing.active_children()) == (LEARNERS in sites)
        for site in sites:
            one = render_site(big_project, site=site)
            two = render.files(site)
            assert [f.docs_path for f in two] == [f.docs_path for f in one]
            assert [read_back(f) for f in two] == [read_back(f) for f in one]
            # The worker wrote the coordinator site out, each file as it came (the learner site's
            # pages are rendered here and kept, as MkDocs holds them anyway).
            assert {f.source is not None for f in two} == {site == COORDINATORS and LEARNERS in sites}
    assert not multiprocessing.active_children()
    assert not any(f.source and os.path.exists(f.source) for f in two)  # (closed: its copies are gone)


def read_back(file: GeneratedFile) -> GeneratedFile:
    """``file`` as bytes, its content read back from its copy on disk where it has one."""
    if file.source is None:
        content = file.content.encode() if isinstance(file.content, str) else file.content
        return replace(file, content=content)
    assert file.content == ""
    return replace(file, content=Path(file.source).read_bytes(), source=None)


def _slow_events(worker, start, stop):
    time.sleep(0.5)  # (a worker slower than this process: the tasks it has not begun are taken back)
    return _events(worker, start, stop)


_events = pool._worker_calendar_events


def test_events_the_worker_has_not_begun_are_done_here_with_the_same_files(big_project, monkeypatch):
    monkeypatch.setattr(pool, "_worker_calendar_events", _slow_events)  # (the fork copies it)
    answers: list[bool] = []
    withdraw = workers.Worker.withdraw

    def noted(self, task):
        answers.append(withdraw(self, task))
        return answers[-1]

    monkeypatch.setattr(workers.Worker, "withdraw", noted)
    with pool.SiteRender(big_project, (LEARNERS,), workers=2) as render:
        assert render.files(LEARNERS) == render_site(big_project, site=LEARNERS)
    assert True in answers and False in answers  # (some taken back, some the worker's)


def test_a_builds_worker_writes_beside_its_sites_folder_and_close_removes_it(big_project, tmp_path):
    """``trainops build``'s: a build that is killed leaves the folder for the next to sweep."""
    with pool.SiteRender(big_project, workers=2, scratch=tmp_path / "ops") as render:
        render.files(LEARNERS)
        files = render.files(COORDINATORS)
        written = {Path(f.source).parent for f in files if f.source}
        assert [folder.name.startswith(f".ops-building-{os.getpid()}-pages-") for folder in written] == [True]
        assert written == set(tmp_path.iterdir())
    assert not list(tmp_path.iterdir())
    killed = tmp_path / ".ops-building-999999999-pages-x"  # (a build killed before it could remove it)
    killed.mkdir()
    staging_for(tmp_path / "ops")  # (the next build's)
    assert not killed.exists()


def test_settled_the_worker_is_gone_and_the_coordinator_site_kept(big_project):
    with pool.SiteRender(big_project, workers=2) as render:
        render.files(LEARNERS)
        render.settle()
        assert not multiprocessing.active_children()
        # (its copies on disk stay until the render is closed: MkDocs reads them as it builds)
        one = render_site(big_project, site=COORDINATORS)
        assert [read_back(f) for f in render.files(COORDINATORS)] == [read_back(f) for f in one]


@pytest.mark.parametrize("workers", [2, 1])
def test_the_records_are_read_once_where_the_coordinator_site_is_rendered(big_project, tmp_path, workers):
    """With a worker, by the worker: this process never holds the records."""
    readers = tmp_path / "readers"

    def share():
        with open(readers, "a") as stream:
            stream.write(f"{os.getpid()}\n")
        return None, None

    with pool.SiteRender(big_project, workers=workers, share=share) as render:
        render.files(LEARNERS)
        render.files(COORDINATORS)
    pids = [int(pid) for pid in readers.read_text().split()]
    assert len(pids) == 1 and (pids[0] == os.getpid()) == (workers == 1)


def test_one_worker_asked_renders_in_this_process(big_project):
    with pool.SiteRender(big_project, workers=1) as render:
        assert not multiprocessing.active_children()
        assert render.files(COORDINATORS) == render_site(big_project, site=COORDINATORS)


@contextmanager
def broken(project, template: str):
    """An override of ``template`` that fails as it renders, for the time of the block."""
    override = project.root / "theme" / "trainops" / template
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("{{ 1 / 0 }}\n")
    try:
        yield
    finally:
        override.unlink()


def test_a_template_failing_in_the_worker_names_the_template(big_project):
    with broken(big_project, "reminders.html"), pool.SiteRender(big_project, workers=2) as render:
        deadline = time.monotonic() + 60
        with pytest.raises(pool.RenderFailed, match="reminders.html"):
            while time.monotonic() < deadline:
                render.raise_failure()  # the learner site's build asks this between pages
                time.sleep(0.05)
        with pytest.raises(pool.RenderFailed, match="reminders.html"):
            render.files(COORDINATORS)
    assert not multiprocessing.active_children()


def test_a_template_failing_here_names_the_template(big_project):
    with (
        broken(big_project, "guide.html"),
        pool.SiteRender(big_project, workers=2) as render,
        pytest.raises(pool.RenderFailed, match="guide.html"),
    ):
        render.files(LEARNERS)
    assert not multiprocessing.active_children()


def _build(root: Path, tmp_path: Path, capsys) -> tuple[int, str, float]:
    started = time.monotonic()
    code = main(build_command(root, tmp_path / "site", tmp_path / "ops"))
    return code, capsys.readouterr().err, time.monotonic() - started


def test_a_bug_in_the_worker_is_a_bug_of_the_build_with_its_traceback(big_project, tmp_path, capsys, monkeypatch):
    def planted(*args, **kwargs):  # the worker renders the coordinator site with this (it came by fork)
        raise ZeroDivisionError("a bug planted in the worker")

    monkeypatch.setattr(pool, "site_files", planted)
    code, err, _ = _build(big_project.root, tmp_path, capsys)
    assert code == 3, err
    assert "internal error — this is a bug in trainops" in err
    assert "in _worker_render_coordinator_site" in err  # the worker's own frames
    assert "ZeroDivisionError: a bug planted in the worker" in err  # (the worker's traceback ends so)
    assert not (tmp_path / "site").exists() and not multiprocessing.active_children()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # (nor its coordinator pages beside the sites)


def test_a_killed_worker_fails_the_build_in_seconds_saying_so(big_project, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pool, "site_files", lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL))
    code, err, seconds = _build(big_project.root, tmp_path, capsys)
    assert code == 1, err
    assert "trainops: build failed, the previous sites are unchanged: " in err
    assert "rendering the coordinator site failed: its worker process died" in err and "Traceback" not in err
    assert seconds < 60  # a lost worker once held the build for pool.TIME_LIMIT, 30 minutes
    assert not (tmp_path / "site").exists() and not multiprocessing.active_children()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_full_disk_in_the_worker_is_one_line_not_a_bug(big_project, tmp_path, capsys, monkeypatch):
    def full(*args, **kwargs):  # (a page written, then the disk full: as the worker writes them)
        yield GeneratedFile("ops.md", "# Ops\n")
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "ops-pages"))

    monkeypatch.setattr(pool, "site_files", full)
    code, err, _ = _build(big_project.root, tmp_path, capsys)
    assert code == 1, err
    assert err.strip().splitlines()[-1] == f"trainops: No space left on device ({tmp_path / 'ops-pages'})"
    assert "Traceback" not in err and "bug" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [] and not multiprocessing.active_children()


def test_two_processes_build_the_same_sites_one_builds(big_project, tmp_path, capsys, monkeypatch):
    """The whole build, MkDocs reading the coordinator pages from the worker's copies."""
    assert main(build_command(big_project.root, tmp_path / "two" / "site", tmp_path / "two" / "ops")) == 0
    monkeypatch.setattr(pool, "MIN_SESSIONS", 10**9)
    assert main(build_command(big_project.root, tmp_path / "one" / "site", tmp_path / "one" / "ops")) == 0
    for site in ("site", "ops"):
        one, two = (tree(tmp_path / way / site) for way in ("one", "two"))
        assert sorted(two) == sorted(one) and [path for path in one if one[path] != two[path]] == []
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == ["ops", "site"]  # (its copies gone)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_bug_in_the_worker_stays_a_bug_under_mkdocs_build(big_project, tmp_path, monkeypatch):
    """``mkdocs build`` with the plugin: the learner site's worker serialises the events; a bug
    there reaches MkDocs as the bug it is, not as a PluginError (a user's mistake)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from trainops.render.workers import WorkerBug

    here, real = os.getpid(), pool.calendar_writer

    def planted(*args, **kwargs):
        if os.getpid() != here:
            raise ZeroDivisionError("a bug planted in the worker")
        return real(*args, **kwargs)

    monkeypatch.setattr(pool, "calendar_writer", planted)
    monkeypatch.setenv("TRAINOPS_TODAY", "2026-11-23")
    config = load_config(config_file=str(big_project.root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(WorkerBug, match="ZeroDivisionError in a worker process: a bug planted in the worker"):
        mkdocs_build(config)
    assert not multiprocessing.active_children()
