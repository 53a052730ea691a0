"""The key that signs entries is trusted only when it and its folder are the user's own and closed
to others (as Jinja's bytecode cache does for its folder); else nothing is cached, and check says so."""

from __future__ import annotations

import os
import stat

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.store.cache import DataCache
from trainops.store.signing_key import key_file, signing_key


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_a_new_key_is_the_users_alone():
    key, problem = signing_key()
    assert key and len(key) == 32 and problem == ""
    assert _mode(key_file()) == 0o600 and _mode(key_file().parent) == 0o700
    assert signing_key() == (key, "")  # made once


def test_a_folder_an_older_trainops_made_with_the_umask_is_closed():
    key_file().parent.mkdir(parents=True, mode=0o755)
    os.chmod(key_file().parent, 0o755)
    assert signing_key()[0] is not None and _mode(key_file().parent) == 0o700


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620, 0o602])
def test_a_key_open_to_others_is_not_trusted(mode, tmp_path):
    signing_key()
    os.chmod(key_file(), mode)
    key, problem = signing_key()
    assert key is None and str(key_file()) in problem and "others" in problem
    cache = DataCache(tmp_path / "c")
    assert not cache.enabled and cache.problem == problem
    cache.put("k", "p", b"x", 1)
    assert cache.get("k", "p", b"x") is None and not (tmp_path / "c").exists()


def test_a_key_or_folder_of_another_user_is_not_trusted(monkeypatch):
    signing_key()
    mine = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: mine + 1)
    key, problem = signing_key()
    assert key is None and "belongs to someone else" in problem


def test_a_key_that_is_a_symbolic_link_is_not_followed(tmp_path):
    signing_key()
    elsewhere = tmp_path / "planted-key"
    elsewhere.write_bytes(b"k" * 32)
    os.chmod(elsewhere, 0o600)
    key_file().unlink()
    key_file().symlink_to(elsewhere)
    key, problem = signing_key()
    assert key is None and "remove it" in problem


def test_a_folder_that_is_a_symbolic_link_is_not_trusted(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    key_file().parent.parent.mkdir(parents=True)
    key_file().parent.symlink_to(real)
    key, problem = signing_key()
    assert key is None and "not a folder" in problem


def test_a_check_without_a_trusted_key_works_and_says_why(tmp_path, capsys):
    root = copy_example(tmp_path / "org")
    signing_key()
    os.chmod(key_file(), 0o644)
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    err = capsys.readouterr().err
    assert f"trainops: warning: nothing is cached: the cache key {key_file()}" in err and "[cache-untrusted]" in err
    assert not (root / ".trainops-cache" / "data").exists()
