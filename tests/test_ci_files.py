"""The CI workflow and pre-commit hook that training repositories use: they run what they claim."""

from __future__ import annotations

import re

import yaml

from conftest import REPO


def _steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_workflow_checks_pull_requests_and_publishes_main():
    workflow = yaml.load((REPO / ".github" / "workflows" / "trainops.yml").read_text(encoding="utf-8"),
                         Loader=yaml.BaseLoader)  # BaseLoader: the key 'on' stays 'on', not True
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    check = _steps(jobs["check"])
    assert "python -m pip install ." in check and "trainops check --format github" in check
    build = jobs["build"]
    assert "pull_request" in build["if"] and "refs/heads/main" in build["if"] and build["needs"] == "check"
    steps = _steps(build)
    assert "python -m pip install ." in steps and "trainops build --site-dir _site" in steps
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert _steps(deploy)[0].startswith("actions/deploy-pages@")


def test_pre_commit_hook_runs_check_on_the_data_files():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "trainops-check" and hook["entry"] == "trainops check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("programs/onboarding.yaml", "programs/schedule.csv", "sops/launch-day-runbook.md",
                 "content/guide/index.md", "mkdocs.yml"):
        assert files.search(path), path
    for path in ("README.md", "generator/trainops/cli.py", "theme/main.html", "old/mkdocs.yml", "mkdocs.yml.bak"):
        assert not files.search(path), path
