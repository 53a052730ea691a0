"""Digests remembered with stat data: a warm run reads no file, and no change of a file's bytes
goes unseen, even one that keeps its size and modification time."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.store import file_digests
from trainops.store.cache import DataCache
from trainops.store.file_digests import RACY_MARGIN_NS, FileDigests, file_bytes


def later() -> int:
    """The time of a run long after the files were written."""
    return time.time_ns() + 10 * RACY_MARGIN_NS


def _digest(cache: DataCache, path: Path, now_ns: int | None = None) -> tuple[bytes, int]:
    """(the file's digest, how many files were read) in one run that then keeps its memo."""
    digests = FileDigests(cache, now_ns=now_ns or later())
    found = digests.digest(str(path), path.name, os.stat(path, follow_symlinks=False))
    digests.save()
    return found, digests.files_read


def test_an_unchanged_file_is_not_read_again(tmp_path):
    cache, sheet = DataCache(tmp_path / "cache"), tmp_path / "sheet.csv"
    sheet.write_text("learner,status\nE-1,present\n")
    expected = hashlib.sha256(sheet.read_bytes()).digest()
    assert _digest(cache, sheet) == (expected, 1)
    assert _digest(cache, sheet) == (expected, 0)


def test_new_bytes_of_the_same_size_and_modification_time_are_read(tmp_path):
    """``touch -d`` or ``cp -p`` sets the modification time back; the change time says the truth."""
    cache, sheet = DataCache(tmp_path / "cache"), tmp_path / "sheet.csv"
    sheet.write_text("learner,status\nE-1,present\n")
    before = os.stat(sheet)
    _digest(cache, sheet)
    time.sleep(0.01)
    sheet.write_text("learner,status\nE-1,excused\n")  # (as long as "present")
    os.utime(sheet, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(sheet).st_size == before.st_size and os.stat(sheet).st_mtime_ns == before.st_mtime_ns
    assert _digest(cache, sheet) == (hashlib.sha256(sheet.read_bytes()).digest(), 1)


def test_a_file_changed_just_before_the_run_is_read_on_every_run(tmp_path):
    """A second write within the same clock tick would keep every stat field: such a file is
    not remembered until it is older than the margin (git's racily clean entries)."""
    cache, sheet = DataCache(tmp_path / "cache"), tmp_path / "sheet.csv"
    sheet.write_text("learner,status\n")
    now = time.time_ns()
    assert _digest(cache, sheet, now)[1] == 1
    assert _digest(cache, sheet, now)[1] == 1
    assert _digest(cache, sheet)[1] == 1  # (old enough now: remembered)
    assert _digest(cache, sheet)[1] == 0


def test_without_a_cache_every_file_is_read(tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("x\n")
    assert _digest(DataCache(None), sheet)[1] == 1
    assert _digest(DataCache(None), sheet)[1] == 1


def test_a_warm_check_reads_no_file_and_an_edit_is_seen(tmp_path, capsys, monkeypatch):
    root = copy_example(tmp_path / "org", records=True)
    read: list[str] = []
    original = FileDigests._digest  # (what digest() and folder() ask for each file)
    run_time = later()
    monkeypatch.setattr("trainops.store.file_digests.time.time_ns", lambda: run_time)

    def counting(self, path, rel, stat, key):
        before = self.files_read
        found = original(self, path, rel, stat, key)
        if self.files_read > before:
            read.append(rel)
        return found

    monkeypatch.setattr(FileDigests, "_digest", counting)
    check = ["check", "--project", str(root), "--today", TODAY.isoformat()]
    assert main(check) == 0
    first = capsys.readouterr().out
    assert read  # (cold: every file)
    read.clear()
    assert main(check) == 0 and capsys.readouterr().out == first and read == []
    sheet = sorted((root / "records" / "attendance").rglob("*.csv"))[0]
    sheet.write_text(sheet.read_text().replace("present", "presnet", 1))
    assert main(check) == 1
    assert "presnet" in capsys.readouterr().out and read == [sheet.relative_to(root).as_posix()]


def _folder(cache: DataCache, folder: Path) -> tuple[bytes, int]:
    """(the folder's digest, how many files were read) in one run that then keeps its memo."""
    digests = FileDigests(cache, now_ns=later())
    with os.scandir(folder) as scan:
        found = digests.folder(folder.name, sorted(scan, key=lambda entry: entry.name))
    digests.save()
    return found, digests.files_read


def test_a_folders_files_are_vouched_for_together_and_a_change_in_one_is_seen(tmp_path):
    cache, folder = DataCache(tmp_path / "cache"), tmp_path / "2027"
    folder.mkdir()
    for n in range(3):
        (folder / f"s{n}.csv").write_text(f"learner,status\nE-{n},present\n")
    first, read = _folder(cache, folder)
    assert read == 3 and _folder(cache, folder) == (first, 0)
    sheet, before = folder / "s1.csv", os.stat(folder / "s1.csv")
    time.sleep(0.01)
    sheet.write_text("learner,status\nE-1,excused\n")  # (the same size and modification time)
    os.utime(sheet, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed, read = _folder(cache, folder)
    assert changed != first and read == 1  # (the others from the memo, kept by the warm run)
    assert _folder(cache, folder) == (changed, 0)
    (folder / "s3.csv").write_text("learner,status\n")  # (a new file: the folder's listing changed)
    assert _folder(cache, folder)[1] == 1


def test_the_bytes_read_below_a_folder_are_kept_once_when_all_fit_the_bound(tmp_path):
    """A cold check reads the records files for its key, then for their rows: the second read is
    the first's bytes, while the file's stat data are the ones they were read with."""
    (tmp_path / "records").mkdir()
    sheet, other, big = tmp_path / "records" / "a.csv", tmp_path / "b.csv", tmp_path / "records" / "c.csv"
    sheet.write_text("learner,status\nE-1,present\n")
    other.write_text("x\n")
    big.write_text("y" * 100)
    digests = FileDigests(DataCache(tmp_path / "cache"), now_ns=later())
    digests.keep_bytes_below("records/", 60)
    for path, rel in ((sheet, "records/a.csv"), (other, "b.csv"), (big, "records/c.csv")):
        digests.digest(str(path), rel, os.stat(path, follow_symlinks=False))
    stat = os.stat(sheet, follow_symlinks=False)
    assert digests.kept_bytes("b.csv", os.stat(other)) is None  # (not below the folder)
    # (past the bound: none is kept, and no more are)
    assert digests.kept_bytes("records/c.csv", os.stat(big)) is None
    assert digests.kept_bytes("records/a.csv", stat) is None
    digests.digest(str(sheet), "records/a.csv", stat)
    assert digests.kept_bytes("records/a.csv", stat) is None
    digests = FileDigests(DataCache(None), now_ns=later())
    digests.keep_bytes_below("records/", 60)
    digests.digest(str(sheet), "records/a.csv", stat)
    assert digests.kept_bytes("records/a.csv", stat) == sheet.read_bytes()
    assert digests.kept_bytes("records/a.csv", stat) is None  # (given once: then let go of)


def test_kept_bytes_are_not_given_for_a_file_changed_since_or_after_forgetting(tmp_path):
    sheet = tmp_path / "a.csv"
    sheet.write_text("learner,status\nE-1,present\n")
    digests = FileDigests(DataCache(tmp_path / "cache"), now_ns=later())
    digests.keep_bytes_below("", 1000)
    digests.digest(str(sheet), "a.csv", os.stat(sheet, follow_symlinks=False))
    time.sleep(0.01)
    sheet.write_text("learner,status\nE-1,excused\n")
    assert digests.kept_bytes("a.csv", os.stat(sheet, follow_symlinks=False)) is None
    digests.digest(str(sheet), "a.csv", os.stat(sheet, follow_symlinks=False))
    digests.forget_bytes()
    assert digests.kept_bytes("a.csv", os.stat(sheet, follow_symlinks=False)) is None


def test_a_digest_is_given_as_the_listing_of_its_folder_saw_the_file(tmp_path):
    """check's records keys take each file's digest as its key did, without a second look."""
    folder = tmp_path / "attendance"
    folder.mkdir()
    (folder / "a.csv").write_text("learner,status\nE-1,present\n")
    digests = FileDigests(DataCache(tmp_path / "cache"), now_ns=later())
    with os.scandir(folder) as scan:
        digests.folder("attendance", sorted(scan, key=lambda e: e.name))
    expected = hashlib.sha256((folder / "a.csv").read_bytes()).digest()
    assert digests.digest_as_listed("attendance/a.csv") == expected
    assert digests.digest_as_listed("attendance/b.csv") is None  # (not in the listing)
    assert digests.digest_as_listed("other/a.csv") is None  # (its folder not listed)
    (folder / "a.csv").write_text("learner,status\nE-1,excused\n")  # (changed since: as listed still)
    assert digests.digest_as_listed("attendance/a.csv") == expected


def test_a_first_run_is_told_without_loading_the_memo_and_leaves_one_even_empty(tmp_path):
    cache, sheet = DataCache(tmp_path / "cache"), tmp_path / "sheet.csv"
    sheet.write_text("learner,status\nE-1,present\n")
    first = FileDigests(cache)  # (the file is younger than the margin: not remembered)
    assert first.remembers_nothing
    first.digest(str(sheet), "sheet.csv", os.stat(sheet, follow_symlinks=False))
    first.save()
    assert not FileDigests(cache).remembers_nothing


def test_digests_taken_in_a_worker_come_back_without_the_cache_and_are_attached_again(tmp_path):
    import pickle

    cache, sheet = DataCache(tmp_path / "cache"), tmp_path / "sheet.csv"
    sheet.write_text("learner,status\nE-1,present\n")
    digests = FileDigests(cache, now_ns=later())
    digest = digests.digest(str(sheet), "sheet.csv", os.stat(sheet, follow_symlinks=False))
    back = pickle.loads(pickle.dumps(digests))
    back.save()  # (no cache: nothing written)
    assert FileDigests(cache).remembers_nothing
    back.attach(cache)
    back.save()
    assert _digest(cache, sheet) == (digest, 0)


def _taken(tmp_path: Path) -> tuple[FileDigests, Path, Path]:
    """A run's digests of a lone file (read), of a folder's files (listed, the folder noted
    first: as the fingerprint lists them) and of a file that is not there, and the two paths."""
    sheet, folder = tmp_path / "roster.csv", tmp_path / "2027"
    folder.mkdir(parents=True)
    sheet.write_text("learner\nE-1\n")
    for n in range(3):
        (folder / f"s{n}.csv").write_text(f"learner,status\nE-{n},present\n")
    digests = FileDigests(DataCache(tmp_path / "cache"), now_ns=later())
    digests.digest(str(sheet), "roster.csv", os.stat(sheet, follow_symlinks=False))
    digests.note_folder(str(folder))
    with os.scandir(folder) as scan:
        digests.folder("2027", sorted(scan, key=lambda entry: entry.name))
    digests.note_absent(str(tmp_path / "exceptions.yaml"))
    return digests, sheet, folder


def test_nothing_changed_since_the_keys_were_taken(tmp_path):
    digests, _sheet, folder = _taken(tmp_path)
    (folder / "s1.csv").read_bytes()  # (reading changes nothing the kernel keeps)
    assert digests.unchanged_since_taken()


def test_a_file_saved_since_its_digest_was_taken_is_a_change(tmp_path):
    """Rewritten with the very bytes it had: its change time is another."""
    digests, sheet, folder = _taken(tmp_path)
    time.sleep(0.05)  # (past the file system clock's tick)
    (folder / "s1.csv").write_text((folder / "s1.csv").read_text())
    assert not digests.unchanged_since_taken()
    digests, sheet, folder = _taken(tmp_path / "again")
    time.sleep(0.05)
    sheet.write_text(sheet.read_text())
    assert not digests.unchanged_since_taken()


def test_a_file_removed_or_added_since_is_a_change(tmp_path):
    digests, sheet, folder = _taken(tmp_path)
    sheet.unlink()
    assert not digests.unchanged_since_taken()
    digests, sheet, folder = _taken(tmp_path / "removed")
    (folder / "s2.csv").unlink()
    assert not digests.unchanged_since_taken()
    digests, sheet, folder = _taken(tmp_path / "added")
    (folder / "s3.csv").write_text("learner,status\n")  # (in a listed folder: its times change)
    assert not digests.unchanged_since_taken()
    digests, sheet, folder = _taken(tmp_path / "appeared")
    (sheet.parent / "exceptions.yaml").write_text("[]\n")  # (its absence went into the key)
    assert not digests.unchanged_since_taken()


def test_digests_from_the_memo_are_looked_at_again_too(tmp_path):
    """A warm run's digests cost no read, but a result worked out after them is still kept only
    when the files are as the memo's stat data say."""
    digests, sheet, folder = _taken(tmp_path)
    digests.save()
    again = FileDigests(DataCache(tmp_path / "cache"), now_ns=later())
    again.digest(str(sheet), "roster.csv", os.stat(sheet, follow_symlinks=False))
    again.note_folder(str(folder))
    with os.scandir(folder) as scan:
        again.folder("2027", sorted(scan, key=lambda entry: entry.name))
    assert again.files_read == 0 and again.unchanged_since_taken()
    time.sleep(0.05)
    (folder / "s0.csv").write_text("learner,status\nE-0,absent\n")
    assert not again.unchanged_since_taken()


def test_a_walk_notes_each_folder_before_listing_it(tmp_path):
    top = tmp_path / "feedback"
    (top / "2027").mkdir(parents=True)
    (top / "2027" / "b.csv").write_text("x\n")
    (top / "a.csv").write_text("x\n")
    digests = FileDigests(DataCache(None))
    walked = list(digests.walk(str(top)))
    assert walked == [(str(top), ["2027"], ["a.csv"]), (str(top / "2027"), [], ["b.csv"])]
    assert digests.unchanged_since_taken()
    (top / "2027" / "c.csv").write_text("x\n")  # (a file in a folder below: that folder's times)
    assert not digests.unchanged_since_taken()
    missing = FileDigests(DataCache(None))
    assert list(missing.walk(str(tmp_path / "none"))) == [] and missing.unchanged_since_taken()
    (tmp_path / "none").mkdir()
    assert not missing.unchanged_since_taken()


def test_what_was_taken_survives_a_worker_process(tmp_path):
    """check's first run takes the digests in a worker and sends them back (pickled)."""
    import pickle

    digests, _sheet, folder = _taken(tmp_path)
    back = pickle.loads(pickle.dumps(digests))
    back.attach(DataCache(tmp_path / "cache"))
    assert back.unchanged_since_taken()
    (folder / "s3.csv").write_text("learner,status\n")
    assert not back.unchanged_since_taken()


def test_files_read_before_their_stat_data_were_taken_count_as_changed_when_changed_since(tmp_path):
    """check's first run loads the project while a worker takes the key: a file saved after the
    load began may have been read with other bytes than the key's, whatever its stat data say."""
    digests, sheet, _folder = _taken(tmp_path)
    began = time.time_ns()
    digests.read_before_taken(began)
    assert digests.unchanged_since_taken()  # (every file written before the load began)
    time.sleep(0.05)
    sheet.write_text("learner\nE-2\n")
    digests = FileDigests(DataCache(None))
    digests.digest(str(sheet), "roster.csv", os.stat(sheet, follow_symlinks=False))  # (taken after the save)
    assert digests.unchanged_since_taken()
    digests.read_before_taken(began)
    assert not digests.unchanged_since_taken()


def test_a_file_whose_modification_time_is_ahead_of_the_clock_is_not_taken_as_changed_since_a_load(tmp_path):
    """A file unpacked from an archive made on a fast clock has a modification time in the future;
    its change time is the kernel's, so a first check that loaded the project while its key was
    taken still keeps what it worked out."""
    _taken_first, _sheet, folder = _taken(tmp_path)
    ahead = time.time_ns() + 3600 * 10**9
    os.utime(folder / "s1.csv", ns=(ahead, ahead))  # (as tar restores it)
    digests = FileDigests(DataCache(None))
    with os.scandir(folder) as scan:
        digests.folder("2027", sorted(scan, key=lambda entry: entry.name))
    time.sleep(0.05)  # (past the file system clock's tick since the file was unpacked)
    digests.read_before_taken(time.time_ns())
    assert digests.unchanged_since_taken()


def test_a_listed_file_saved_after_the_load_began_counts_as_changed(tmp_path):
    """A folder's files are held as one digest of their stat data and their latest change time:
    a file of the listing saved after the load began, and listed after that, is still seen."""
    _first, _sheet, folder = _taken(tmp_path)
    began = time.time_ns()
    time.sleep(0.05)
    (folder / "s1.csv").write_text("learner,status\nE-1,absent\n")
    digests = FileDigests(DataCache(None))
    with os.scandir(folder) as scan:
        digests.folder("2027", sorted(scan, key=lambda entry: entry.name))  # (listed after the save)
    assert digests.unchanged_since_taken()
    digests.read_before_taken(began)
    assert not digests.unchanged_since_taken()


@pytest.mark.parametrize("given", [None, 5000, 4000, 6000])  # (the size as a stat said: the same, since grown, shrunk)
def test_a_file_is_read_to_its_end_whatever_one_read_gives(tmp_path, monkeypatch, given):
    """One read of a file larger than a read may give (Linux: 2 GiB) gives less than asked: that
    is not the end."""
    data = bytes(range(256)) * 20  # 5,120 bytes
    path = tmp_path / "large.bin"
    path.write_bytes(data)
    real_read = file_digests.os.read
    monkeypatch.setattr(file_digests.os, "read", lambda fd, n: real_read(fd, min(n, 1000)))
    assert file_bytes(str(path), given) == data
