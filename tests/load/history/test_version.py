"""The version printed on the manuals comes from the history read with the project: the commit,
and whether the working tree differs from it. Nothing in the manuals runs git."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import TODAY, copy_example
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.manuals.paper import print_version
from trainops.manuals.plan import print_run


def load(root: Path):
    project, _ = load_project(root, read_settings(root)[0], TODAY, history=True)
    return project


def test_a_clean_working_tree_prints_the_commit(tmp_path):
    repo = example_repo(tmp_path / "org")
    head = repo.git("rev-parse", "HEAD").strip()
    project = load(repo.root)
    assert (project.history.head, project.history.uncommitted) == (head, False)
    assert print_run(project).version == head[:10]


def test_uncommitted_changes_are_said_whatever_file_they_are_in(tmp_path):
    repo = example_repo(tmp_path / "org")
    head = repo.git("rev-parse", "HEAD").strip()
    repo.edit("content/index.md", "\n", "\n\nA line not yet committed.\n")  # a page: no data file
    project = load(repo.root)
    assert project.history.uncommitted and not project.history.dirty
    assert print_version(project.history, TODAY) == f"{head[:10]} (with uncommitted changes)"
    repo.commit("The new line", "2026-11-02T09:00:00+00:00")
    repo.edit_session("onb-2026-12-04", "room", "HQ 5C")  # a data file
    project = load(repo.root)
    assert project.history.uncommitted and project.history.dirty
    assert print_run(project).version.endswith(" (with uncommitted changes)")


def test_a_shallow_clone_has_its_commit_but_no_changes(tmp_path):
    repo = example_repo(tmp_path / "org")
    repo.commit("Another", "2026-11-02T09:00:00+00:00")
    shallow = tmp_path / "shallow"
    repo.git("clone", "-q", "--depth", "1", repo.root.as_uri(), str(shallow))
    history = load(shallow).history
    assert not history.available and "shallow" in history.problem
    assert print_version(history, TODAY) == GitRepo(shallow).git("rev-parse", "HEAD").strip()[:10]


def test_outside_git_the_day_of_the_build(tmp_path):
    project = load(copy_example(tmp_path / "org"))
    assert print_version(project.history, TODAY) == TODAY.isoformat()


def test_no_renderer_runs_git():
    package = Path(__file__).resolve().parents[2] / "generator" / "trainops"
    for folder in ("render", "manuals"):
        for path in (package / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom):
                    names = [f"{node.module}.{alias.name}" for alias in node.names]
                    assert not [n for n in names if "history.git" in n], path
