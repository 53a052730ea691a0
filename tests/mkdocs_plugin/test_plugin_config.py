"""The plugin's on_config: it takes the project the CLI has loaded instead of loading it again."""

from __future__ import annotations

from datetime import date

import pytest
from mkdocs.config import load_config

import trainops.mkdocs_plugin.plugin as plugin_module
from tests.helpers import TODAY, copy_example
from trainops.load.loading import load_project
from trainops.load.settings import read_settings


@pytest.fixture
def example(tmp_path):
    """A copy of the example: the plugin's load writes its cache beside mkdocs.yml."""
    return copy_example(tmp_path / "example")


@pytest.fixture
def config(example, monkeypatch):
    monkeypatch.setenv("TRAINOPS_TODAY", TODAY.isoformat())
    return load_config(config_file=str(example / "mkdocs.yml"))


def test_a_project_loaded_by_the_cli_is_not_loaded_again(example, config, monkeypatch):
    settings, _ = read_settings(example)
    project, _ = load_project(example, settings, TODAY)
    plugin = config.plugins["trainops"]
    plugin.preloaded = project

    def refuse(*args, **kwargs):
        raise AssertionError("the plugin loaded the project a second time")

    monkeypatch.setattr(plugin_module, "load_project", refuse)
    plugin.on_config(config)
    assert plugin.project is project and plugin.preloaded is None  # used once: a serve rebuild loads afresh


def test_a_project_of_another_day_is_loaded_afresh(example, config):
    settings, _ = read_settings(example)
    other_day, _ = load_project(example, settings, date(2026, 1, 1))
    plugin = config.plugins["trainops"]
    plugin.preloaded = other_day
    plugin.on_config(config)
    assert plugin.project is not other_day and plugin.project.today == TODAY


def test_the_footer_names_the_site_and_leads_on_when_mkdocs_yml_says_nothing(example, config):
    """Without `copyright:` Material's footer is an empty bar: the site's name in it, and the
    previous and next pages above it."""
    assert not config.copyright
    config.plugins["trainops"].on_config(config)
    assert config.copyright == config.site_name == "Harbor Health Learning"
    assert "navigation.footer" in config.theme["features"]


def test_a_copyright_of_mkdocs_yml_is_kept(example, monkeypatch):
    monkeypatch.setenv("TRAINOPS_TODAY", TODAY.isoformat())
    mkdocs_yml = example / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text() + "copyright: '&copy; Harbor Health'\n")
    config = load_config(config_file=str(mkdocs_yml))
    config.plugins["trainops"].on_config(config)
    assert config.copyright == "&copy; Harbor Health"
