"""The content-addressed cache: an unchanged file is never parsed again, a cold and a warm run
give the same output, and nothing in the cache folder can be trusted unless this machine made it."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from tests.load.test_schedule_entries import view_session
from trainops.cli import main
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.store import cache as cache_module
from trainops.store.cache import DataCache, SharedResults, data_cache


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    """A signing key of the test's own (never the machine user's)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def _check(root: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["check", "--project", str(root), "--today", TODAY.isoformat(), *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cold_and_warm_checks_report_exactly_the_same(tmp_path, capsys):
    root = copy_example(tmp_path / "org")
    cold = _check(root, capsys)
    assert (root / ".trainops-cache" / "data").is_dir()
    warm = _check(root, capsys)
    assert warm == cold
    # Only the file-level entries (the whole-check entries gone): the files come from the cache.
    for entry in (root / ".trainops-cache" / "data").iterdir():
        entry.unlink() if _kind(entry) == "check" else None
    assert _check(root, capsys) == cold


def _kind(entry: Path) -> str:
    """ "check" for a whole check's entries (its diagnostics; its output in a format), else "file"."""
    if entry.stat().st_size < 200_000 and b"Diagnostic" in entry.read_bytes()[:4096]:
        return "check"
    value = pickle.loads(entry.read_bytes()[32:])  # (after the signature)
    output = isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], str)
    return "check" if output and isinstance(value[1], int) and isinstance(value[2], int) else "file"


def test_a_warm_check_in_each_format_writes_what_a_cold_one_does(tmp_path, capsys):
    root = copy_example(tmp_path / "org")
    cold = {}
    for fmt in ("json", "github", "text"):
        shutil.rmtree(root / ".trainops-cache", ignore_errors=True)
        cold[fmt] = _check(root, capsys, "--format", fmt)
    assert cold["text"][1].count("\n") > 3 and "warnings" in cold["text"][2]  # (the example has warnings)
    # After the text check, the others from its diagnostics, then each from its own output.
    for fmt in ("text", "json", "github", "json", "github"):
        assert _check(root, capsys, "--format", fmt) == cold[fmt]
    strict = _check(root, capsys, "--strict")
    assert strict[0] == 1 and strict[1] == cold["text"][1]  # (--strict: the warnings fail it)


def test_a_warm_load_equals_a_cold_one(tmp_path):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    cold_project, cold = load_project(root, settings, TODAY, data_cache(root))
    cache = data_cache(root)
    warm_project, warm = load_project(root, settings, TODAY, cache)
    assert cache.hits > 0 and cache.misses == 0
    assert warm == cold
    assert warm_project.sessions == cold_project.sessions and warm_project.programs == cold_project.programs
    assert warm_project.sops == cold_project.sops and warm_project.people == cold_project.people


def test_an_edited_file_is_read_again_and_only_it(tmp_path):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    load_project(root, settings, TODAY, data_cache(root))
    program = root / "programs" / "onboarding.yaml"
    program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome"))
    cache = data_cache(root)
    project, _ = load_project(root, settings, TODAY, cache)
    assert cache.misses == 1 and project.programs["onboarding"].name == "New Hire Welcome"


def test_shared_results_hand_the_last_loads_objects_to_the_next_and_keep_one_load(tmp_path):
    """A preview's loads: an unchanged file's result is the very object the last load got (not
    unpickled again), an edited file is read again, and what no load uses any more is let go."""
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    shared = SharedResults()
    first_cache = data_cache(root)
    first_cache.shared = shared
    first, _ = load_project(root, settings, TODAY, first_cache, history=True)
    shared.turn()
    kept = len(shared)
    program = root / "programs" / "onboarding.yaml"
    program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome"))
    cache = data_cache(root)
    cache.shared = shared
    second, diagnostics = load_project(root, settings, TODAY, cache, history=True)
    shared.turn()
    assert cache.misses == 1 and second.programs["onboarding"].name == "New Hire Welcome"
    assert second.programs["support-training"] is first.programs["support-training"]
    assert second.sessions[0] is first.sessions[0]
    assert len(shared) == kept  # (the program's old result let go, its new one kept)
    cold, cold_diagnostics = load_project(root, settings, TODAY, data_cache(root), history=True)
    # (a preview reads the schedule entry by entry: each session's source map holds its own entry's
    # positions rather than the whole file's, so the sessions are compared as callers see them)
    assert diagnostics == cold_diagnostics
    assert [view_session(s) for s in second.sessions] == [view_session(s) for s in cold.sessions]
    assert second.history.changes == cold.history.changes


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign"])
def test_corrupt_or_foreign_entries_are_ignored_and_rebuilt(damage, tmp_path, monkeypatch):
    root = copy_example(tmp_path / "org")
    settings, _ = read_settings(root)
    _, expected = load_project(root, settings, TODAY, data_cache(root))
    for entry in (root / ".trainops-cache" / "data").iterdir():
        blob = entry.read_bytes()
        if damage == "truncate":
            entry.write_bytes(blob[: len(blob) // 2])
        elif damage == "garbage":
            entry.write_bytes(os.urandom(len(blob)))
        else:  # a pickle planted by someone else: unsigned for this machine, so never unpickled
            entry.write_bytes(b"\0" * 32 + pickle.dumps(("planted", 1)))
    loads = []
    monkeypatch.setattr(cache_module.pickle, "loads", lambda data: loads.append(data) or pickle.loads(data))
    cache = data_cache(root)
    _, diagnostics = load_project(root, settings, TODAY, cache)
    assert diagnostics == expected and cache.hits == 0 and loads == []


def test_no_writable_home_means_no_cache_not_a_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/no-such-place")
    cache = DataCache(tmp_path / "c")
    assert not cache.enabled
    cache.put("k", "p", b"x", 1)
    assert cache.get("k", "p", b"x") is None


def test_pruning_keeps_the_folder_small_and_the_recent_entries(tmp_path):
    cache = DataCache(tmp_path / "c")
    for i in range(20):
        cache.put("k", f"f{i}", b"x" * 1000, b"y" * 10_000)
        os.utime(cache.folder / (cache.digest("k", f"f{i}", b"x" * 1000) + ".pickle"), (i, i))
    cache.prune(max_bytes=50_000)
    left = sum(p.stat().st_size for p in cache.folder.iterdir())
    assert left <= 50_000
    assert cache.get("k", "f19", b"x" * 1000) == b"y" * 10_000 and cache.get("k", "f0", b"x" * 1000) is None


def test_pruning_never_removes_what_the_run_used_however_big(tmp_path):
    """A run whose entries alone are over the bound keeps them all: its next run needs them (five
    years of records once worked a part of them out again at every build); older ones go first."""
    cache = DataCache(tmp_path / "c")
    for i in range(20):
        cache.put("k", f"f{i}", b"x", b"y" * 10_000)
        when = 1_000 if i < 5 else 1_000_000 + i  # (five from an earlier run; the run began at 1,000,000)
        os.utime(cache.folder / (cache.digest("k", f"f{i}", b"x") + ".pickle"), (when, when))
    cache.prune(max_bytes=50_000, used_since=1_000_000)
    assert [cache.get("k", f"f{i}", b"x") is not None for i in range(20)] == [False] * 5 + [True] * 15


@pytest.mark.parametrize("edit", ["sop", "session", "program", "records"])
def test_after_an_edit_a_check_reports_what_a_cold_check_does(edit, tmp_path, capsys):
    """Whatever is reused (files, the sessions' findings, the project's diagnostics, nothing), the
    report is a cold one's."""
    root = copy_example(tmp_path / "org", records=edit == "records")
    _check(root, capsys)
    if edit == "sop":
        sop = root / "sops" / "new-hire-cohort-setup.md"
        sop.write_text(sop.read_text() + "\nTBD: a new step.\n")
    elif edit == "session":
        schedule = root / "programs" / "schedule.yaml"
        schedule.write_text(schedule.read_text().replace("room: HQ 4B", "room: HQ 4C", 1))
    elif edit == "program":
        program = root / "programs" / "onboarding.yaml"
        program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome"))
    else:  # (the project loaded again without its checks across files: their findings are kept)
        sheet = sorted((root / "records" / "attendance").rglob("*.csv"))[0]
        sheet.write_text(sheet.read_text().replace("present", "presnet", 1))
    edited = _check(root, capsys)
    assert edit != "records" or ("presnet" in edited[1] and "warning" in edited[1])
    shutil.rmtree(root / ".trainops-cache")
    assert _check(root, capsys) == edited
