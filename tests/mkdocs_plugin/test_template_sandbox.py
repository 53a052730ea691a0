"""A template override is text from the repository: it runs in Jinja's sandbox, so reaching Python's
internals from it fails the build, naming the template, and never runs a command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from trainops.cli import main

ESCAPES = [
    "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ namespace.__init__.__globals__['os'].system('touch MARKER') }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(lipsum) }}{{ lipsum.__globals__.os.system('touch MARKER') }}",
]


@pytest.fixture(scope="module")
def organisation(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sandbox") / "org"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "generate_org.py"),
            str(root),
            "--programs",
            "3",
            "--sops",
            "5",
            "--sessions",
            "20",
            "--people",
            "5",
        ],
        check=True,
        capture_output=True,
    )
    return root


@pytest.mark.parametrize("template", ["sop.html", "guide.html", "reminders/invite.txt"])
@pytest.mark.parametrize("escape", ESCAPES)
def test_an_override_reaching_for_python_fails_the_build_and_runs_nothing(
    template, escape, organisation, tmp_path, capsys
):
    marker = tmp_path / "command-ran"
    override = organisation / "theme" / "trainops" / template
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("# A page\n\n" + escape.replace("MARKER", str(marker)) + "\n")
    try:
        code = main(
            [
                "build",
                "--project",
                str(organisation),
                "--no-pdf",
                "--today",
                "2026-11-23",
                "--site-dir",
                str(tmp_path / "site"),
            ]
        )
    finally:
        override.unlink()
    out = capsys.readouterr()
    output = out.out + out.err
    assert code == 1, output
    assert template in output and "Traceback" not in output
    assert "unsafe" in output  # Jinja's SecurityError: "access to attribute '__globals__' ... is unsafe"
    assert not marker.exists()
    assert not (tmp_path / "site").exists()


def test_the_same_override_outside_the_sandbox_would_have_run_it(tmp_path):
    """The payload is real: plain Jinja runs the command (so the test above proves the sandbox)."""
    from jinja2 import Environment

    marker = tmp_path / "command-ran"
    Environment().from_string(ESCAPES[0].replace("MARKER", str(marker))).render()
    assert marker.exists()
