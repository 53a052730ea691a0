"""The README and the reference stand alone: every link stays in the repository, and the reference
names every field, setting, command and option that trainops knows."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.helpers import REPO
from trainops.cli import build_parser
from trainops.mkdocs_plugin.config import TrainopsConfig
from trainops.model import formats as models

REFERENCE = REPO / "content" / "guide" / "reference.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _links(path: Path) -> list[str]:
    return [target for target in LINK.findall(path.read_text(encoding="utf-8")) if "://" not in target]


@pytest.mark.parametrize("doc", ["README.md", "content/guide/reference.md"])
def test_relative_links_resolve_inside_the_repository(doc: str):
    page = REPO / doc
    for target in _links(page):
        if target.startswith(("#", "mailto:")):
            continue
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(REPO), f"{doc} links out of the repository: {target}"
        assert resolved.exists(), f"{doc} links to a missing file: {target}"


def test_readme_mentions_nothing_outside_the_repository():
    text = (REPO / "README.md").read_text(encoding="utf-8")
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
