"""``trainops serve``: a live preview that rebuilds when a program file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from tests.helpers import TODAY, copy_example


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_after_a_program_edit(tmp_path):
    project = copy_example(tmp_path / "org")
    port = free_port()
    url = f"http://127.0.0.1:{port}/programs/onboarding/"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "trainops",
            "serve",
            "--project",
            str(project),
            "--today",
            TODAY.isoformat(),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(url, "New Hire Onboarding"), "the preview never came up"
        program = project / "programs" / "onboarding.yaml"
        program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome Program"))
        assert wait_for(url, "New Hire Welcome Program"), "the edit was not picked up"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
