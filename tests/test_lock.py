"""The versions installed are the ones uv.lock decides (scripts/bootstrap runs `uv sync --frozen`)."""

from __future__ import annotations

import importlib.metadata
import tomllib

import pytest

from tests.helpers import REPO

LOCKED = {p["name"]: p["version"] for p in tomllib.loads((REPO / "uv.lock").read_text())["package"] if "version" in p}


@pytest.mark.parametrize(
    "package",
    [
        "pyyaml",
        "mkdocs",
        "mkdocs-material",
        "weasyprint",
        "pydantic",
        "jinja2",
        "icalendar",
        "pytest",
        "pytest-xdist",
        "ruff",
        "mypy",
        "nh3",
    ],
)
def test_installed_version_is_the_locked_one(package: str):
    if package not in LOCKED:
        pytest.fail(f"{package} is not in uv.lock")
    assert importlib.metadata.version(package) == LOCKED[package], f"run scripts/bootstrap ({package})"


def test_the_lock_matches_pyproject():
    """uv.lock was made from this pyproject.toml (`uv lock` after every dependency change)."""
    lock = tomllib.loads((REPO / "uv.lock").read_text())
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    [trainops] = [p for p in lock["package"] if p["name"] == "trainops"]
    locked = {d["name"] for d in trainops.get("dependencies", [])}
    wanted = {
        d.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower() for d in project["dependencies"]
    }
    assert {n.lower() for n in locked} == wanted
