"""``trainops new`` writes the organisation's ``.gitignore`` when it has none: what trainops builds
and keeps beside mkdocs.yml stays out of git; a ``.gitignore`` of their own is never touched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import copy_example
from trainops import cli
from trainops.commands.gitignore import gitignore_text, write_gitignore

OUTPUTS = ["site/index.html", "ops/index.html", ".trainops-cache/data/x", "reports/managers/a.html"]


def test_the_default_folders_are_ignored_beside_mkdocs_yml_only():
    text = gitignore_text("site", "ops")
    patterns = [line for line in text.splitlines() if not line.startswith("#")]
    assert patterns == ["/site/", "/ops/", "/.trainops-cache/", "/reports/"]
    assert text.endswith("\n")


@pytest.mark.parametrize(
    ("site_dir", "ops_dir", "expected"),
    [
        ("public/", "build/ops", ["/public/", "/build/ops/"]),
        ("../public", "/srv/ops", []),  # outside the organisation: not its .gitignore's business
        ("out", "out", ["/out/"]),
        (".", "ops", ["/ops/"]),
    ],
)
def test_the_site_folders_of_mkdocs_yml_and_the_plugin(site_dir, ops_dir, expected):
    patterns = [line for line in gitignore_text(site_dir, ops_dir).splitlines() if not line.startswith("#")]
    assert patterns == [*expected, "/.trainops-cache/", "/reports/"]


def test_written_when_absent_and_never_over_one_that_exists(tmp_path):
    assert write_gitignore(tmp_path, "site", "ops") == tmp_path / ".gitignore"
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == gitignore_text("site", "ops")
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    assert write_gitignore(tmp_path, "site", "ops") is None
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.pyc\n"
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / ".gitignore").symlink_to(tmp_path / "nowhere")
    assert write_gitignore(folder, "site", "ops") is None and not (tmp_path / "nowhere").exists()


def test_trainops_new_keeps_the_outputs_out_of_git(tmp_path, capsys):
    org = copy_example(tmp_path / "org")
    subprocess.run(["git", "init", "-q"], cwd=org, check=True)
    assert cli.main(["new", "program", "forklift-safety", "--project", str(org)]) == 0
    out = capsys.readouterr().out
    assert "wrote programs/forklift-safety.yaml" in out and "wrote .gitignore" in out
    for rel in OUTPUTS:
        (org / rel).parent.mkdir(parents=True, exist_ok=True)
        (org / rel).write_text("x", encoding="utf-8")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=org, check=True, capture_output=True, text=True
    ).stdout
    assert "programs/forklift-safety.yaml" in status and ".gitignore" in status
    assert not [rel for rel in OUTPUTS if rel in status], status
    # The second new file finds the organisation's .gitignore and leaves it as it is.
    (org / ".gitignore").write_text("/site/\n", encoding="utf-8")
    assert cli.main(["new", "sop", "run-the-practical", "--project", str(org)]) == 0
    assert "gitignore" not in capsys.readouterr().out
    assert (org / ".gitignore").read_text(encoding="utf-8") == "/site/\n"


def test_a_gitignore_that_cannot_be_written_is_a_note_not_a_failure(tmp_path, capsys, monkeypatch):
    org = copy_example(tmp_path / "org")

    def refuse(root: Path, site_dir: str, ops_dir: str):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("trainops.commands.gitignore.write_gitignore", refuse)
    assert cli.main(["new", "sop", "run-the-practical", "--project", str(org)]) == 0
    captured = capsys.readouterr()
    assert "wrote sops/run-the-practical.md" in captured.out
    assert "could not write .gitignore (Permission denied)" in captured.err
