"""A cache only makes a build faster: a cache folder that cannot be used or written means a
slower build with one note on stderr, never a failed one."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.model.project import Settings
from trainops.store.cache import DataCache, data_cache
from trainops.store.cache_folder import CACHE_DIR, UNUSABLE, cache_folder
from trainops.store.paths import output_dir_problem


def test_a_file_where_the_cache_folder_goes_means_no_cache(tmp_path: Path):
    (tmp_path / CACHE_DIR).write_text("not a folder")
    folder, problem = cache_folder(tmp_path)
    assert folder is None and "cannot be written" in problem
    cache = data_cache(tmp_path)
    assert not cache.enabled and cache.problem_id == UNUSABLE
    assert cache.get("kind", "a.yaml", b"x") is None
    cache.put("kind", "a.yaml", b"x", {"parsed": True})  # nothing written, nothing raised
    assert (tmp_path / CACHE_DIR).read_text() == "not a folder"


def test_an_unwritable_cache_folder_means_no_cache(tmp_path: Path, monkeypatch):
    """Tests run as root, where a read-only mode stops nothing: the write itself fails instead."""
    real_write = Path.write_bytes

    def read_only(self: Path, data: bytes) -> int:
        if CACHE_DIR in self.parts:
            raise PermissionError(30, "Read-only file system", str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", read_only)
    folder, problem = cache_folder(tmp_path)
    assert folder is None and "Read-only file system" in problem


def test_an_entry_that_cannot_be_written_is_skipped_without_a_trace(tmp_path: Path):
    cache = DataCache(tmp_path / "data")
    assert cache.enabled  # (the test's own key: conftest)
    name = cache.digest("kind", "a.yaml", b"x")
    (tmp_path / "data" / f"{name}.pickle").mkdir(parents=True)  # a folder where the entry goes
    cache.put("kind", "a.yaml", b"x", {"parsed": True})
    assert cache.get("kind", "a.yaml", b"x") is None
    assert sorted(os.listdir(tmp_path / "data")) == [f"{name}.pickle"]  # no temporary file left


def test_check_and_build_with_an_unusable_cache_succeed_with_one_note(tmp_path: Path, capsys):
    root = copy_example(tmp_path / "org")
    (root / CACHE_DIR).write_text("a file where the cache folder goes")
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().err.count(f"[{UNUSABLE}]") == 1
    site, ops = tmp_path / "site", tmp_path / "ops"
    command = ["build", "--project", str(root), "--no-pdf", "--today", TODAY.isoformat()]
    assert main([*command, "--site-dir", str(site), "--ops-dir", str(ops)]) == 0
    assert capsys.readouterr().err.count(f"[{UNUSABLE}]") == 1
    assert (site / "index.html").is_file() and (root / CACHE_DIR).is_file()


def test_a_linked_cache_folder_is_not_used(tmp_path: Path, capsys):
    """A committed `.trainops-cache -> content/files` would publish the pickles with the site."""
    root = copy_example(tmp_path / "org")
    files = root / "content" / "files"
    files.mkdir(parents=True, exist_ok=True)
    before = sorted(p.name for p in files.iterdir())
    (root / CACHE_DIR).symlink_to(files)
    folder, problem = cache_folder(root)
    assert folder is None and "symbolic link" in problem
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().err.count(f"[{UNUSABLE}]") == 1
    assert sorted(p.name for p in files.iterdir()) == before


def test_a_linked_entry_folder_is_not_used(tmp_path: Path):
    (tmp_path / CACHE_DIR).mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / CACHE_DIR / "data").symlink_to(tmp_path / "elsewhere")
    assert cache_folder(tmp_path)[0] is None and not data_cache(tmp_path).enabled


def test_a_cache_in_or_around_a_source_or_site_is_not_used(tmp_path: Path):
    for protected in (".", f"{CACHE_DIR}/pages"):  # (docs_dir: . ; a folder of sources inside the cache)
        folder, problem = cache_folder(tmp_path, [protected])
        assert folder is None and "lies in or around" in problem
    assert cache_folder(tmp_path, ["content", "site", "ops"])[0] == tmp_path / CACHE_DIR


def test_a_site_may_not_be_the_cache_folder(tmp_path: Path):
    root = copy_example(tmp_path / "org")
    assert "would overwrite the cache" in (output_dir_problem(root, Settings(), root / CACHE_DIR) or "")


def test_the_cache_folder_ignores_itself_in_git(tmp_path: Path):
    import subprocess

    root = copy_example(tmp_path / "org")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    data_cache(root).put("kind", "a.yaml", b"x", {"parsed": True})
    assert (root / CACHE_DIR / ".gitignore").read_text() == "*\n"
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--", CACHE_DIR], capture_output=True, text=True
    )
    assert status.returncode == 0 and status.stdout == ""


def test_check_and_build_on_a_read_only_cache_succeed_with_one_note(tmp_path: Path, monkeypatch, capsys):
    """(issue 25: 'Read-only file system (…/.trainops-cache/manifest.json)' failed the build.) Tests
    run as root, where a read-only mode stops nothing: every write into the cache fails instead."""
    root = copy_example(tmp_path / "org")
    real_write = Path.write_bytes

    def read_only(self: Path, data: bytes) -> int:
        if CACHE_DIR in self.parts:
            raise PermissionError(30, "Read-only file system", str(self))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", read_only)
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().err.count(f"[{UNUSABLE}]") == 1
    command = ["build", "--project", str(root), "--no-pdf", "--today", TODAY.isoformat()]
    assert main([*command, "--site-dir", str(tmp_path / "site"), "--ops-dir", str(tmp_path / "ops")]) == 0
    err = capsys.readouterr().err
    assert err.count(f"[{UNUSABLE}]") == 1 and "Read-only file system" in err
    assert (tmp_path / "site" / "index.html").is_file()
