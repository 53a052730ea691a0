"""``trainops serve`` run as a user runs it, on a free port of this machine, for the tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import TODAY

__all__ = ["serving", "wait_for"]


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


@contextmanager
def serving(project: Path) -> Iterator[str]:
    """``trainops serve`` of ``project`` on a free port; yields its address, and ends it after."""
    port = _free_port()
    command = [sys.executable, "-m", "trainops", "serve", "--project", str(project), "--today", TODAY.isoformat()]
    server = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
