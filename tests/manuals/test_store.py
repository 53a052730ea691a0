"""The manuals' store beside another build: a PDF without a record yet is left alone (the build
that rendered it is about to record it), and one gone before it is recorded is a miss, not a crash."""

from __future__ import annotations

from trainops.manuals.store import ManualStore, pages_file
from trainops.store.cache import DataCache


def test_a_pdf_not_yet_recorded_is_left_for_the_build_that_made_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    store = ManualStore(tmp_path / "manuals", DataCache(tmp_path / "data"))
    store.folder.mkdir()
    store.pdf("d").write_bytes(b"%PDF-1.7 rendered by the other build")
    pages_file(store.pdf("d")).write_text("3")
    assert store.kept("d") is None
    assert store.pdf("d").exists()  # not removed: the other build adopts it next
    assert store.adopt("d") == (b"%PDF-1.7 rendered by the other build", 3)
    assert store.kept("d") == (b"%PDF-1.7 rendered by the other build", 3)


def test_a_pdf_gone_before_it_is_recorded_is_no_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    store = ManualStore(tmp_path / "manuals", DataCache(tmp_path / "data"))
    store.folder.mkdir()
    assert store.adopt("gone") is None


def test_a_recorded_pdf_changed_since_is_removed_and_rendered_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    store = ManualStore(tmp_path / "manuals", DataCache(tmp_path / "data"))
    store.folder.mkdir()
    store.pdf("d").write_bytes(b"%PDF-1.7 good")
    store.adopt("d")
    store.pdf("d").write_bytes(b"planted")
    assert store.kept("d") is None and not store.pdf("d").exists()
