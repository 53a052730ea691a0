"""The CI workflow and pre-commit hook that training repositories use: they run what they claim."""

from __future__ import annotations

import re

import yaml

from tests.helpers import REPO


def _steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_workflow_checks_pull_requests_and_publishes_main():
    workflow = yaml.load(
        (REPO / ".github" / "workflows" / "trainops.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )  # BaseLoader: the key 'on' stays 'on', not True
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    check = _steps(jobs["check"])
    install = "python -m pip install uv==0.13.9 && uv sync --frozen"  # exactly the lock
    assert install in check and "uv run --frozen trainops check --format github" in check
    build = jobs["build"]
    assert "pull_request" in build["if"] and "refs/heads/main" in build["if"] and build["needs"] == "check"
    steps = _steps(build)
    assert install in steps and "uv run --frozen trainops build --site-dir _site --ops-dir _ops" in steps
    # Pages gets the learner site; the coordinator site is kept apart, as a run artifact.
    pages = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    kept = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [s["with"]["path"] for s in pages] == ["_site"] and [s["with"]["path"] for s in kept] == ["_ops"]
    # The whole history (a shallow clone has none): calendars, change notices and SOP reviews need it.
    for job in ("check", "build"):
        (checkout,) = [s for s in jobs[job]["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout["with"]["fetch-depth"] == "0", job
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert _steps(deploy)[0].startswith("actions/deploy-pages@")


def test_uv_version_is_the_same_everywhere():
    """The uv that installs the lock is pinned once per place; the places agree."""
    pinned = re.search(r"^UV_VERSION=(\S+)$", (REPO / "scripts" / "bootstrap").read_text(), re.M).group(1)
    for workflow in (REPO / ".github" / "workflows").glob("*.yml"):
        for found in re.findall(r"uv==(\S+)", workflow.read_text()):
            assert found == pinned, workflow.name


def test_own_tests_run_on_the_lock_and_weekly_on_the_newest_versions():
    workflow = yaml.load(
        (REPO / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    assert workflow["on"]["schedule"] and "pull_request" in workflow["on"]
    jobs = workflow["jobs"]
    assert "scripts/test -q" in _steps(jobs["locked"])
    assert "TRAINOPS_UNLOCKED=1 scripts/test -q" in _steps(jobs["drift"])
    assert "schedule" in jobs["drift"]["if"] and "schedule" in jobs["locked"]["if"]


def test_pre_commit_hook_runs_check_on_the_data_files():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "trainops-check" and hook["entry"] == "trainops check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in (
        "programs/onboarding.yaml",
        "programs/schedule.csv",
        "sops/launch-day-runbook.md",
        "content/guide/index.md",
        "mkdocs.yml",
    ):
        assert files.search(path), path
    for path in ("README.md", "generator/trainops/cli.py", "theme/main.html", "old/mkdocs.yml", "mkdocs.yml.bak"):
        assert not files.search(path), path
