"""The README, ARCHITECTURE.md and the reference stand alone: every link stays in the repository;
the reference names every field, setting, command, option and readiness rule that trainops knows;
the README keeps the set-up, every command and why each dependency is there; ARCHITECTURE.md names
only modules that exist, and every layer."""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.helpers import REPO
from tests.test_architecture import LAYERS, PACKAGE
from trainops.cli import build_parser
from trainops.mkdocs_plugin.config import TrainopsConfig
from trainops.model import formats as models
from trainops.readiness import RULES

REFERENCE = REPO / "content" / "guide" / "reference.md"
README = REPO / "README.md"
ARCHITECTURE = REPO / "ARCHITECTURE.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _links(path: Path) -> list[str]:
    return [target for target in LINK.findall(path.read_text(encoding="utf-8")) if "://" not in target]


@pytest.mark.parametrize("doc", ["README.md", "ARCHITECTURE.md", "content/guide/reference.md"])
def test_relative_links_resolve_inside_the_repository(doc: str):
    page = REPO / doc
    for target in _links(page):
        if target.startswith(("#", "mailto:")):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(REPO), f"{doc} links out of the repository: {target}"
        assert resolved.exists(), f"{doc} links to a missing file: {target}"


@pytest.mark.parametrize("doc", [README, ARCHITECTURE], ids=lambda p: p.name)
def test_mentions_nothing_outside_the_repository(doc: Path):
    text = doc.read_text(encoding="utf-8")
    assert "SPEC" not in text and "shared/" not in text


def _model_fields() -> set[str]:
    names = set()
    for value in vars(models).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == models.__name__:
            for name, info in value.model_fields.items():
                names.add(info.alias or name)
    return names


def test_reference_names_every_field_of_every_format():
    text = REFERENCE.read_text(encoding="utf-8")
    missing = sorted(name for name in _model_fields() if f"`{name}`" not in text)
    assert not missing, f"fields the reference does not describe: {missing}"


def test_reference_names_every_plugin_setting():
    text = REFERENCE.read_text(encoding="utf-8")
    missing = sorted(name for name, _ in TrainopsConfig._schema if f"{name}:" not in text)
    assert not missing, f"plugin settings the reference does not show: {missing}"


def _options(parser: argparse.ArgumentParser, into: set[str]) -> set[str]:
    for action in parser._actions:
        into.update(s for s in action.option_strings if s.startswith("--") and s != "--help")
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                into.add(name)
                _options(sub, into)
    return into


def test_reference_names_every_command_and_option():
    text = REFERENCE.read_text(encoding="utf-8")
    missing = sorted(name for name in _options(build_parser(), set()) if name not in text)
    assert not missing, f"commands and options the reference does not name: {missing}"


def test_reference_names_every_readiness_rule():
    text = REFERENCE.read_text(encoding="utf-8")
    missing = sorted(rule.id for rule in RULES if f"`{rule.id}`" not in text)
    assert not missing, f"readiness rules the reference does not describe: {missing}"


def test_readme_keeps_the_two_set_up_commands():
    text = README.read_text(encoding="utf-8")
    assert "scripts/build-example --today 2026-11-23" in text
    assert re.search(r"^scripts/test\b", text, re.M)


def _commands(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    """Each subcommand and its own options (the common ``--project`` and ``--today`` aside)."""
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    common = {"--help", "--project", "--today"}
    return {
        name: {s for a in command._actions for s in a.option_strings if s.startswith("--")} - common
        for name, command in sub.choices.items()
    }


def test_readme_commands_table_names_every_command_and_option():
    text = README.read_text(encoding="utf-8")
    for name, options in _commands(build_parser()).items():
        assert f"`trainops {name}" in text, f"the README's commands table lacks trainops {name}"
        missing = sorted(o for o in options if o not in text)
        assert not missing, f"the README does not name these options of trainops {name}: {missing}"
    assert "--project DIR" in text and "--today YYYY-MM-DD" in text


def test_readme_names_no_option_that_does_not_exist():
    known = _options(build_parser(), set()) | {"--help", "--version"}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", README.read_text(encoding="utf-8")))
    assert not named - known, f"the README names options trainops does not have: {sorted(named - known)}"


def test_readme_links_the_reference_the_architecture_and_the_figures():
    targets = set(_links(README))
    assert {"content/guide/reference.md", "ARCHITECTURE.md", "bench/RESULTS.md"} <= targets


def _requirement_names() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    return [re.split(r"[<>=!~\[;\s]", requirement, maxsplit=1)[0] for requirement in requirements]


def test_readme_says_why_for_every_dependency():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Dependencies, and why", 1)[1].split("\n## ", 1)[0].lower()
    missing = [
        name
        for name in _requirement_names()
        if f"**{name.lower()}" not in section and f", {name.lower()}**" not in section
    ]
    assert not missing, f"dependencies the README's 'Dependencies, and why' does not explain: {missing}"


# A path ARCHITECTURE.md names in backticks: a module (``load/loading.py``), a layer folder
# (``model/``) or a file of the repository (``tests/test_docs.py``).
_NAMED_PATH = re.compile(r"`((?:[\w.-]+/)+(?:[\w.-]+\.py)?|[\w-]+\.py)`")


def test_architecture_names_only_modules_that_exist():
    named = set(_NAMED_PATH.findall(ARCHITECTURE.read_text(encoding="utf-8")))
    assert len(named) > 50, "ARCHITECTURE.md should name the modules it describes"
    stale = sorted(
        path for path in named if not any((base / path).exists() for base in (PACKAGE, REPO, REPO / "generator"))
    )
    assert not stale, f"ARCHITECTURE.md names paths that do not exist: {stale}"


def test_architecture_describes_every_layer():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    missing = [layer for layer in LAYERS if f"| `{layer}/` |" not in text]
    assert not missing, f"layers the table of ARCHITECTURE.md leaves out: {missing}"
    assert "tests/test_architecture.py" in text
