"""``trainops serve`` run as a user runs it, on a free port of this machine, for the tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import TODAY

__all__ = ["serving", "wait_for", "wait_for_line"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 40) -> bool:
    """Whether the page at ``url`` shows ``text`` within ``seconds`` (asked every 0.3 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.3)
    return False


def wait_for_line(path: Path, text: str, seconds: float = 40) -> bool:
    """Whether the file at ``path`` has ``text`` within ``seconds`` (read every 0.3 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.is_file() and text in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.3)
    return False


@contextmanager
def serving(project: Path, log: Path | None = None) -> Iterator[str]:
    """``trainops serve`` of ``project`` on a free port; yields its address, and ends it after.
    ``log``: a file that gets what it writes to its standard error."""
    port = _free_port()
    command = [sys.executable, "-m", "trainops", "serve", "--project", str(project), "--today", TODAY.isoformat()]
    with open(log or os.devnull, "w", encoding="utf-8") as stderr:
        server = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=stderr, text=True
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
