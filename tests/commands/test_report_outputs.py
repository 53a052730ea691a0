"""The out folder of ``trainops report`` written whole: the pieces written and hashed by a thread
of their own, in order, and a folder left as it was when a write fails; a file made beside, in a
worker forked for it, written as any other, and its failures those of one process."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import threading
import time

import pytest

from tests.helpers.threads import count_only_new_threads
from trainops.commands import report_outputs
from trainops.commands.report_outputs import MANIFEST, MadeBeside, write_reports
from trainops.model.errors import RenderFailed
from trainops.render import workers


def test_many_pieces_are_written_in_order_with_their_size_and_digest(tmp_path):
    pieces = [f"row {n}, é\n" for n in range(20_000)]
    files = [("big.csv", iter(pieces)), ("managers/M1.html", ["<p>one piece</p>"]), ("empty.csv", [])]
    assert write_reports(tmp_path / "reports", iter(files), "k", []) == 3
    text = "".join(pieces).encode("utf-8")
    assert (tmp_path / "reports" / "big.csv").read_bytes() == text
    manifest = json.loads((tmp_path / "reports" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"]["big.csv"] == [len(text), hashlib.sha256(text).hexdigest()]
    assert manifest["files"]["empty.csv"] == [0, hashlib.sha256(b"").hexdigest()]
    assert (tmp_path / "reports" / "managers" / "M1.html").read_text(encoding="utf-8") == "<p>one piece</p>"


_SHA256 = hashlib.sha256


class _FailingHash:
    """A SHA-256 whose thousandth piece fails as a full disk would."""

    def __init__(self):
        self._real, self._pieces = _SHA256(), 0

    def update(self, data: bytes) -> None:
        self._pieces += 1
        if self._pieces == 1000:
            raise OSError(28, "No space left on device")
        self._real.update(data)

    def hexdigest(self) -> str:
        return self._real.hexdigest()


@pytest.mark.parametrize("where", ["thread", "pieces"])
def test_a_failure_in_the_writing_thread_or_the_making_leaves_the_previous_folder(where, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    write_reports(folder, iter([("a.csv", ["before\n"])]), "k", [])
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    made: list[int] = []

    def pieces():
        for n in range(5000):
            made.append(n)
            if where == "pieces" and n == 3000:
                raise ValueError("a template mistake")
            yield f"{n}\n"

    if where == "thread":
        monkeypatch.setattr(report_outputs.hashlib, "sha256", _FailingHash)
    with pytest.raises(OSError if where == "thread" else ValueError):
        write_reports(folder, iter([("a.csv", pieces())]), "k2", [])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]  # (nothing half-written left beside it)
    if where == "thread":  # (the making stopped a few pieces after the failure, not at the end)
        assert 1000 <= len(made) <= 1000 + 2 * report_outputs._Disk._AHEAD


@pytest.mark.parametrize(
    "files",
    [
        [("a.csv", ["x", "y", "FULL"])],  # (the last piece of all)
        [("a.csv", ["x", "FULL"]), ("b.csv", ["b"])],  # (the last piece of a file before another)
        [("a.csv", ["FULL", "x", "x", "x"])],  # (a failure seen when the file's end is given)
    ],
)
def test_a_write_that_fails_late_fails_the_run_and_closes_its_file(files, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    write_reports(folder, iter([("a.csv", ["before\n"])]), "k", [])
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    opened: list = []
    real_open = report_outputs.Path.open

    class Full:
        """A file whose write of the piece FULL fails as a full disk would."""

        def __init__(self, file):
            self.file = file
            opened.append(file)

        def write(self, data: bytes) -> int:
            if data == b"FULL":
                raise OSError(28, "No space left on device")
            return self.file.write(data)

        def close(self) -> None:
            self.file.close()

        def __getattr__(self, name: str):
            return getattr(self.file, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.file.close()

    monkeypatch.setattr(report_outputs.Path, "open", lambda self, *a, **k: Full(real_open(self, *a, **k)))
    with pytest.raises(OSError, match="No space left"):
        write_reports(folder, iter(files), "k2", [])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]
    assert opened and all(file.closed for file in opened)


@pytest.fixture
def two_cores(monkeypatch):
    """A worker can be forked: two cores (the threads of the test process not counted)."""
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    count_only_new_threads(monkeypatch)


def _made_by() -> list[str]:
    return [f"made by {os.getpid()}\n", *(f"row {n}\n" for n in range(5000))]


@pytest.mark.parametrize(("cores", "thread", "forked"), [(2, False, True), (1, False, False), (2, True, False)])
def test_a_file_made_beside_is_made_in_a_worker_where_one_can_be_forked(cores, thread, forked, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "usable_cores", lambda: cores)
    count_only_new_threads(monkeypatch)
    running = threading.Event()
    if thread:  # (another thread of the command's running: a fork would copy its locks held)
        threading.Thread(target=running.wait, daemon=True).start()
    files = [("transcripts.csv", MadeBeside(_made_by)), ("managers/M1.csv", ["m\n"])]
    try:
        assert write_reports(tmp_path / "reports", iter(files), "k", []) == 2
    finally:
        running.set()
    text = (tmp_path / "reports" / "transcripts.csv").read_bytes()
    assert text.endswith(b"row 4999\n") and text.count(b"\n") == 5001
    # (on one core, or beside another thread, it is made here, as any other file)
    assert (text.splitlines()[0] != f"made by {os.getpid()}".encode()) == forked
    manifest = json.loads((tmp_path / "reports" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"]["transcripts.csv"] == [len(text), hashlib.sha256(text).hexdigest()]
    assert set(manifest["files"]) == {"transcripts.csv", "managers/M1.csv", ".gitignore"}
    assert not multiprocessing.active_children()


def _a_bug() -> list[str]:
    raise KeyError("a bug in the making")


def _a_user_mistake() -> list[str]:
    raise RenderFailed("theme/manager-report.html:3: a mistake in the template")


def _for_ever() -> list[str]:
    time.sleep(60)
    return []


def _killed() -> list[str]:
    os.kill(os.getpid(), signal.SIGKILL)  # (what the out-of-memory killer does)
    return []


@pytest.mark.parametrize(
    ("make", "raised", "says"),
    [
        (_a_bug, workers.WorkerBug, "KeyError in a worker process"),
        (_a_user_mistake, RenderFailed, "a mistake in the template"),
        (None, RenderFailed, "^No space left on device$"),
    ],
)
def test_a_failure_in_the_worker_is_the_one_process_failure(make, raised, says, tmp_path, two_cores, monkeypatch):
    folder = tmp_path / "reports"
    write_reports(folder, iter([("a.csv", ["before\n"])]), "k", [])
    if make is None:  # (a full disk in the worker: the one line one process gives, exit 1)
        monkeypatch.setattr(report_outputs.hashlib, "sha256", _FailingHash)
        make = _made_by
    with pytest.raises(raised, match=says) as failure:
        write_reports(folder, iter([("a.csv", MadeBeside(make)), ("b.csv", ["b\n"])]), "k2", [])
    if raised is workers.WorkerBug:  # (exit 3 prints the worker's traceback, which names the bug's line)
        assert "_a_bug" in str(failure.value.__cause__)
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "a.csv", MANIFEST]
    assert (folder / "a.csv").read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]
    assert not multiprocessing.active_children()


def test_a_failure_here_ends_the_worker_and_leaves_the_previous_folder(tmp_path, two_cores):
    folder = tmp_path / "reports"
    write_reports(folder, iter([("a.csv", ["before\n"])]), "k", [])

    def files():
        yield "slow.csv", MadeBeside(_for_ever)
        raise ValueError("a template mistake in the next file")

    start = time.monotonic()
    with pytest.raises(ValueError, match="next file"):
        write_reports(folder, files(), "k2", [])
    assert time.monotonic() - start < 30  # (the worker killed, not waited for)
    assert (folder / "a.csv").read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]
    assert not multiprocessing.active_children()


@pytest.mark.parametrize(
    ("make", "raised", "says"),
    [
        (_for_ever, workers.TookTooLong, "making a.csv took longer than 0.5 s"),
        (_killed, workers.WorkerDied, "making a.csv failed: its worker process died"),
    ],
)
def test_a_worker_over_its_limit_or_killed_fails_the_run_saying_so(
    make, raised, says, tmp_path, two_cores, monkeypatch
):
    monkeypatch.setattr(report_outputs, "BESIDE_LIMIT", 0.5)
    folder = tmp_path / "reports"
    write_reports(folder, iter([("a.csv", ["before\n"])]), "k", [])
    with pytest.raises(raised, match=says):
        write_reports(folder, iter([("a.csv", MadeBeside(make)), ("b.csv", ["b\n"])]), "k2", [])
    assert (folder / "a.csv").read_text(encoding="utf-8") == "before\n"
    assert not multiprocessing.active_children()


def test_a_worker_that_failed_first_gives_the_runs_failure(tmp_path, two_cores):
    # (in one process its file, given first, would have failed before the next one's mistake)
    def files():
        yield "a.csv", MadeBeside(_a_bug)
        time.sleep(2)  # (the worker has failed by now)
        raise ValueError("a template mistake in the next file")

    with pytest.raises(workers.WorkerBug, match="KeyError"):
        write_reports(tmp_path / "reports", files(), "k", [])
    assert not multiprocessing.active_children()


def test_a_worker_that_died_fails_the_run_before_the_other_files_are_all_made(tmp_path, two_cores):
    made = []

    def files():
        yield "a.csv", MadeBeside(_killed)
        for n in range(400):  # (20 s of files, were they all made)
            time.sleep(0.05)
            made.append(n)
            yield f"m{n}.csv", ["m\n"]

    with pytest.raises(workers.WorkerDied):
        write_reports(tmp_path / "reports", files(), "k", [])
    assert len(made) < 100
    assert [p.name for p in tmp_path.iterdir()] == []
