"""The preview's loop takes each save in inside ``during_save`` and calls ``when_idle`` once the
preview has been quiet after a save (the command line collects a save's garbage then)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from tests.helpers import TODAY, copy_example
from trainops.mkdocs_plugin.preview.run import serve_preview


def _started(project, during_save, when_idle) -> threading.Thread:
    """The preview of ``project`` on a free port, running in a thread (it stops when ``when_idle``
    raises KeyboardInterrupt, as at Ctrl+C)."""
    preview = threading.Thread(
        target=serve_preview,
        args=(project, ("127.0.0.1", 0)),
        kwargs={"today": TODAY, "during_save": during_save, "when_idle": when_idle},
    )
    preview.start()
    return preview


def test_each_save_is_taken_in_inside_during_save_and_followed_by_one_idle_call(tmp_path, capsys):
    project = copy_example(tmp_path / "org")
    page = project / "content" / "help.md"
    events: list[str] = []

    @contextmanager
    def during_save():
        events.append("save")
        yield
        events.append("saved")

    def when_idle() -> None:
        events.append("idle")
        if events.count("save") == 1:
            page.write_text(page.read_text() + "\nA line added while serving.\n")  # (a save after the start)
        else:
            raise KeyboardInterrupt  # (as Ctrl+C: the preview stops)

    preview = _started(project, during_save, when_idle)
    preview.join(180)
    assert not preview.is_alive(), f"the preview did not stop: {events}"
    assert events == ["save", "saved", "idle", "save", "saved", "idle"]  # (no idle call without a save before it)
    assert "a file was saved: the preview is updated" in capsys.readouterr().err


def test_saves_without_an_idle_moment_are_followed_by_an_idle_call_every_few_saves(tmp_path, capsys, monkeypatch):
    """An editor that saves as one types never leaves the preview idle: ``when_idle`` (the
    command line's collection) still comes before every ``SAVES_BEFORE_IDLE + 1``-th save."""
    from trainops.mkdocs_plugin.preview import run

    monkeypatch.setattr(run, "IDLE", 60.0)  # (never idle within the test)
    project = copy_example(tmp_path / "org")
    page = project / "content" / "help.md"
    events: list[str] = []
    wanted = 2 * run.SAVES_BEFORE_IDLE + 2  # (saves: two idle calls between them)

    @contextmanager
    def during_save():
        events.append("save")
        yield

    def when_idle() -> None:
        events.append("idle")
        if events.count("save") >= wanted:
            raise KeyboardInterrupt  # (as Ctrl+C: the preview stops)

    preview = _started(project, during_save, when_idle)
    saved = 1  # (the start counts as one)
    deadline = time.monotonic() + 120
    while preview.is_alive() and time.monotonic() < deadline:  # a save as soon as the last is taken in
        if events.count("save") == saved:
            page.write_text(page.read_text() + f"\nLine {saved}.\n")
            saved += 1
        time.sleep(0.05)
    preview.join(10)
    assert not preview.is_alive(), f"the preview did not stop: {events}"
    n = run.SAVES_BEFORE_IDLE
    assert events == (["save"] * n + ["idle"]) * 3  # (the third idle call stops it, before a save)
