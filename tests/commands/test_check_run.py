"""``check``'s whole-run key: a first run with many records files takes their digests in a worker
while it loads the project, and that key is the one a later run takes."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import TODAY, copy_example
from trainops import cli
from trainops.commands import check, check_run, record_checks
from trainops.render import workers


@pytest.fixture
def example(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))  # (a signing key of the test's own)
    return copy_example(tmp_path / "org", records=True)


def _check(root, capsys) -> str:
    assert cli.main(["check", "--project", str(root), "--today", str(TODAY)]) == 0
    return capsys.readouterr().out


def test_a_first_check_takes_the_records_digests_beside_the_load(example, monkeypatch, capsys):
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)  # (threads other tests left idle)
    beside: list[bool] = []
    real = check_run._fingerprint_beside

    def noting(*args):
        found = real(*args)
        beside.append(found[1] is not None)  # (the project was loaded while the worker read)
        return found

    monkeypatch.setattr(check_run, "_fingerprint_beside", noting)
    monkeypatch.setattr(record_checks, "MIN_FILES_FOR_A_WORKER", 0)  # (a large organisation's case)
    first = _check(example, capsys)
    assert beside == [True] and "[missed-part]" in first

    # The key it kept is the next run's: answered from the cache, nothing loaded, not even a worker.
    def not_loaded(*args, **kwargs):
        raise AssertionError("loaded again")

    monkeypatch.setattr(check, "load_checked", not_loaded)
    assert _check(example, capsys) == first and beside == [True]

    # And a first run that takes the digests itself says the same.
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(example.parent / "xdg"))
    shutil.rmtree(example / ".trainops-cache")
    assert _check(example, capsys) == first


def test_a_first_check_with_few_records_files_takes_their_digests_itself(example, monkeypatch, capsys):
    monkeypatch.setattr(check_run, "_fingerprint_beside", lambda *args: pytest.fail("a worker for a few files"))
    assert "[missed-part]" in _check(example, capsys)
