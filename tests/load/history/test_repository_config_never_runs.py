"""A repository is untrusted: nothing its git configuration or .gitattributes names is ever run,
by ``check`` or ``build``, in the project's own repository or in one that encloses it; and the
uncommitted edits are still found, without ``git status`` (which runs clean filters)."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo, example_repo
from tests.helpers.serve import serving, wait_for
from trainops.cli import main
from trainops.load.history import git, work_tree

# Every place git's configuration names a program that a read could run.
HOSTILE = {
    "core.fsmonitor": "{script}",
    "core.pager": "{script}",
    "pager.log": "{script}",
    "pager.status": "{script}",
    "diff.external": "{script}",
    "diff.evil.textconv": "{script}",
    "filter.evil.clean": "{script}",
    "filter.evil.smudge": "{script}",
    "filter.evil.process": "{script}",
    "core.hooksPath": "{hooks}",
    "gpg.program": "{script}",
    "log.showSignature": "true",
    "core.sshCommand": "{script}",
    "credential.helper": "!{script}",
}


def _arm(repo: GitRepo, proof: Path) -> None:
    """Every hook and configured program writes ``proof`` when run."""
    script = repo.root.parent / "pwn.sh"
    script.write_text(f"#!/bin/sh\necho ran >> {proof}\ncat\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    hooks = repo.root.parent / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in ("post-index-change", "pre-commit", "post-checkout", "reference-transaction", "fsmonitor-watchman"):
        (hooks / hook).write_text(script.read_text())
        (hooks / hook).chmod(0o755)
    for key, value in HOSTILE.items():
        repo.git("config", key, value.format(script=script, hooks=hooks))
    (repo.root / ".gitattributes").write_text("* filter=evil diff=evil\n")


def _edit(root: Path) -> None:
    sop = next((root / "sops").glob("*.md"))
    sop.write_text(sop.read_text() + "\nOne more line.\n")


@pytest.fixture
def armed(tmp_path) -> tuple[Path, Path]:
    """The example in a repository whose config runs a script at every turn, with an edit."""
    repo = example_repo(tmp_path / "repo")
    proof = tmp_path / "proof"
    _arm(repo, proof)
    _edit(repo.root)
    return repo.root, proof


def test_check_and_build_run_nothing_the_repository_names(armed, tmp_path, capsys):
    root, proof = armed
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    out = ["--site-dir", str(tmp_path / "site"), "--ops-dir", str(tmp_path / "ops")]
    assert main(["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf", *out]) == 0
    assert not proof.exists(), proof.read_text()
    # The history was read all the same: the manuals' version says the edit is uncommitted.
    assert "history-unavailable" not in capsys.readouterr().err


def test_a_project_inside_an_armed_enclosing_repository_runs_nothing(tmp_path, capsys):
    outer = GitRepo(tmp_path / "outer")
    outer.root.mkdir()
    outer.git("init", "-q", "-b", "main")
    example_repo(tmp_path / "scratch")  # (the example's files, copied below without their .git)
    subprocess.run(["cp", "-r", str(tmp_path / "scratch"), str(outer.root / "training")], check=True)
    subprocess.run(["rm", "-rf", str(outer.root / "training" / ".git")], check=True)
    outer.commit("The training folder", "2026-10-01T09:00:00+00:00")
    proof = tmp_path / "proof"
    _arm(outer, proof)
    _edit(outer.root / "training")
    assert main(["check", "--project", str(outer.root / "training"), "--today", TODAY.isoformat()]) == 0
    assert not proof.exists(), proof.read_text()
    # Never read silently: the note says whose history it is, from a kept result too.
    note = f"the history is that of the repository at {outer.root.resolve()} (the project is its folder training/)"
    assert note in capsys.readouterr().err
    assert main(["check", "--project", str(outer.root / "training"), "--today", TODAY.isoformat()]) == 0
    assert "[history-enclosing]" in capsys.readouterr().err


def test_a_project_with_a_repository_of_its_own_gets_no_note(armed, capsys):
    root, _ = armed
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
    assert "history-enclosing" not in capsys.readouterr().err


def test_serve_runs_nothing_the_repository_names(armed):
    """``trainops serve`` loads the project (and its history) before it serves the first page."""
    root, proof = armed
    with serving(root) as address:
        assert wait_for(address, "New Hire Onboarding"), "the preview never came up"
    assert not proof.exists(), proof.read_text()


def test_uncommitted_edits_are_found_without_git_status(armed, monkeypatch):
    root, proof = armed
    (root / "content" / "new-page.md").write_text("# New\n")
    (root / "content" / "help.md").unlink()
    (root / "content" / "ignored.tmp").write_text("x")
    (root / ".gitignore").write_text("*.tmp\n")
    calls: list[list[str]] = []
    real = subprocess.run

    def recorded(command, *args, **kwargs):
        calls.append(list(command))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(git.subprocess, "run", recorded)
    edited = work_tree.dirty(root, ["sops", "content", "mkdocs.yml"])
    sop = next((root / "sops").glob("*.md")).relative_to(root).as_posix()
    assert edited == sorted([sop, "content/help.md", "content/new-page.md"])
    assert not any("status" in command or "diff" in command for command in calls)
    assert all("core.fsmonitor=false" in command for command in calls)
    assert work_tree.dirty(root, ["programs"]) == []
    assert not proof.exists()


def test_git_never_sees_the_callers_git_variables(armed, monkeypatch, tmp_path):
    """GIT_DIR and the like would point git at another repository, index or configuration."""
    root, proof = armed
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='/bin/false'")
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", "/bin/false")
    assert git.repo_state(root).head
    assert not proof.exists()
