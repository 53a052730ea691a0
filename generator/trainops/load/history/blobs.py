"""Blobs read from git's objects through one ``git cat-file --batch``, run as every call of
:mod:`.git` runs git (nothing a repository's configuration names is executed)."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from .git import TIMEOUT, GitUnavailable, git_command, git_environment

__all__ = ["ASKED_AT_ONCE", "BlobReader"]

# How many ids :meth:`BlobReader.read_many` asks git for at once: no more than one page of a pipe
# holds (4,096 bytes: a pipe has at least that, however short of pages the system is, and 64 of
# sha256's ids with their line feeds need 4,160), so that the asking never waits for git, whose
# answers in turn wait for this process to read them.
ASKED_AT_ONCE = 4096 // 65
_STOPPED = f"git cat-file stopped (it gave nothing for {TIMEOUT} s, or it failed)"


class BlobReader:
    """Blobs one at a time from one ``git cat-file --batch`` (a year of a 5 MB schedule would not
    fit in memory at once). The process is ended when git has given nothing for :data:`TIMEOUT`
    seconds while an answer is awaited: not while the reader waits between reads (``report
    --as-of`` parses every records file between its reads, minutes on a slow machine)."""

    def __init__(self, root: Path):
        self.root = root
        self._process: subprocess.Popen | None = None
        self._waiting = 0  # answers asked for and not read yet
        self._until: float | None = None  # when git is ended, unless an answer comes first
        self._closed = threading.Event()
        self._watcher: threading.Thread | None = None

    def read(self, blob: str) -> bytes:
        self._ask([blob])
        return self._answer(blob)

    def read_many(self, blobs: Sequence[str]) -> Iterator[bytes]:
        """The blobs' bytes in turn, their ids asked for :data:`ASKED_AT_ONCE` at a time: one round
        trip to git for each batch rather than for each blob (a hundred thousand records files
        at five years), and git finds the next while this process reads the one before. Finish
        (or close) the iteration before another read."""
        for start in range(0, len(blobs), ASKED_AT_ONCE):
            batch = blobs[start : start + ASKED_AT_ONCE]
            self._ask(batch)
            answered = 0
            try:
                for blob in batch:
                    data = self._answer(blob)
                    answered += 1
                    yield data
            except GeneratorExit:  # (left early: the rest of the batch's answers are read and dropped)
                for blob in batch[answered:]:
                    self._answer(blob)
                raise

    def _ask(self, blobs: Sequence[str]) -> None:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    git_command("cat-file", "--batch"),
                    cwd=self.root,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=git_environment(),
                )
            except OSError as exc:
                raise GitUnavailable(f"git could not be run ({exc.strerror or exc})") from None
            self._closed = threading.Event()
            self._watcher = threading.Thread(target=self._watch, args=(self._process, self._closed), daemon=True)
            self._watcher.start()
        assert self._process.stdin is not None
        self._waiting += len(blobs)
        self._until = time.monotonic() + TIMEOUT
        try:
            self._process.stdin.write(b"".join(blob.encode() + b"\n" for blob in blobs))
            self._process.stdin.flush()
        except (OSError, ValueError):
            self._end()
            raise GitUnavailable(_STOPPED) from None

    def _answer(self, blob: str) -> bytes:
        assert self._process is not None and self._process.stdout is not None
        try:
            header = self._process.stdout.readline()
            fields = header.split()
            problem = _STOPPED  # (no answer line, a line cut short, or a blob cut short: git was ended, or failed)
            if header.endswith(b"\n") and len(fields) == 3 and fields[1] == b"blob":
                size = int(fields[2])
                data = self._process.stdout.read(size + 1)
                if len(data) == size + 1:
                    self._waiting -= 1
                    self._until = time.monotonic() + TIMEOUT if self._waiting else None
                    return data[:-1]
            elif header.endswith(b"\n"):
                problem = f"git has no blob {blob[:12]} (a partial or damaged clone)"
        except (OSError, ValueError):
            problem = _STOPPED
        self._end()  # (the answers to the other ids asked are not read: a later read starts afresh)
        raise GitUnavailable(problem)

    def _watch(self, process: subprocess.Popen, closed: threading.Event) -> None:
        """Ends ``process`` once :attr:`_until` has passed (see the class's docstring)."""
        while True:
            until = self._until
            if closed.wait(TIMEOUT if until is None else max(until - time.monotonic(), 0.0)):
                return
            until = self._until
            if until is not None and time.monotonic() >= until and not closed.is_set():
                process.kill()
                return

    def _end(self) -> None:
        if self._process is not None:
            self._process.kill()
        self.close()

    def close(self) -> None:
        """End git, and the thread that watches it: once closed, no thread of the reader's runs (a
        report forks its workers after reading a commit, and a fork beside a thread is refused)."""
        self._closed.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join()  # (it returns as soon as it sees the event)
            self._watcher = None
        self._waiting, self._until = 0, None
        if self._process is not None:
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()
            self._process.wait(timeout=TIMEOUT)
            self._process = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
