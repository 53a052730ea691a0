"""One theme folder: with ``theme: {custom_dir: overrides}``, ``build`` renders the overrides in
``overrides/`` (not a ``theme/`` beside it), ``check`` compiles the same folder, and a template
there that links out of the repository stops both, unread."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main

SECRET = "not-for-the-site-7f3a"


@pytest.fixture
def org(tmp_path: Path) -> Path:
    """The example organisation with its theme folder renamed 'overrides', and a stray theme/
    whose templates must never be used."""
    root = copy_example(tmp_path / "org")
    shutil.move(root / "theme", root / "overrides")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text.replace("custom_dir: theme", "custom_dir: overrides"), encoding="utf-8")
    (root / "theme" / "trainops").mkdir(parents=True)
    (root / "theme" / "trainops" / "schedule.html").write_text("# From the stray theme folder\n")
    (root / "theme" / "trainops" / "sop.html").write_text("{% if %}\n")  # not compiled: not the theme folder
    (root / "overrides" / "trainops").mkdir()
    return root


def _run(*args: str) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def test_build_renders_the_overrides_of_custom_dir(org, tmp_path, capsys):
    (org / "overrides" / "trainops" / "schedule.html").write_text("# Our own schedule\n\n{{ days|length }} days\n")
    assert _run("build", "--project", str(org), "--no-pdf", "--site-dir", str(tmp_path / "site")) == 0
    page = (tmp_path / "site" / "schedule" / "index.html").read_text(encoding="utf-8")
    assert "Our own schedule" in page and "From the stray theme folder" not in page


def test_check_compiles_the_templates_of_custom_dir(org, capsys):
    (org / "overrides" / "trainops" / "guide.html").write_text("<h1>{{ title }}</h1>\n{% if %}\n")
    assert _run("check", "--project", str(org)) == 1
    out = capsys.readouterr().out
    assert "overrides/trainops/guide.html:2:1: error: template does not compile:" in out
    assert "theme/trainops/sop.html" not in out


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_template_linked_from_outside_stops_check_and_build_unread(command, org, tmp_path, capsys):
    (tmp_path / "outside.html").write_text(f"{SECRET}\n")
    (org / "overrides" / "trainops" / "schedule.html").symlink_to(tmp_path / "outside.html")
    args = ["--site-dir", str(tmp_path / "site")] if command == "build" else []
    assert _run(command, "--project", str(org), *args) == 1
    out = capsys.readouterr()
    assert "overrides/trainops/schedule.html:1:1: error: this symbolic link leads outside the repository" in out.out
    assert "[outside-repository]" in out.out and SECRET not in out.out + out.err
    assert not (tmp_path / "site").exists()
