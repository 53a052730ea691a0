"""The day reaches the plugin as a value, never through the environment; MkDocs' build date
(``SOURCE_DATE_EPOCH``) is set only while a build runs, and one the user set is kept."""

from __future__ import annotations

import gzip
import os
import re
from datetime import date
from pathlib import Path

import mkdocs.commands.serve
from mkdocs.config import load_config

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.load.today import source_date_epoch
from trainops.mkdocs_plugin.build import serve_site


def build(project: Path, today: date) -> None:
    assert main(["build", "--project", str(project), "--today", today.isoformat(), "--no-pdf"]) == 0


def sitemap_dates(site: Path) -> set[str]:
    return set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text()))


def gzip_time(site: Path) -> int:
    with gzip.open(site / "sitemap.xml.gz") as file:
        file.read()
        return file.mtime  # type: ignore[attr-defined]


def test_trainops_build_pins_the_build_date_to_today_and_leaves_the_environment_alone(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("TRAINOPS_TODAY", raising=False)
    project = copy_example(tmp_path / "org")
    build(project, TODAY)
    assert "SOURCE_DATE_EPOCH" not in os.environ and "TRAINOPS_TODAY" not in os.environ
    assert sitemap_dates(project / "site") == {TODAY.isoformat()}
    assert gzip_time(project / "site") == source_date_epoch(TODAY)
    # Another day in the same process: nothing of the first build's day is left anywhere.
    later = date(2027, 1, 4)
    build(project, later)
    assert sitemap_dates(project / "site") == {later.isoformat()}
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_a_build_date_the_user_set_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(source_date_epoch(date(2020, 2, 2))))
    project = copy_example(tmp_path / "org")
    build(project, TODAY)
    assert sitemap_dates(project / "site") == {"2020-02-02"}
    assert os.environ["SOURCE_DATE_EPOCH"] == str(source_date_epoch(date(2020, 2, 2)))


def test_serve_gives_its_day_to_every_rebuild(tmp_path, monkeypatch):
    monkeypatch.delenv("TRAINOPS_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_example(tmp_path / "org")
    days = []

    def serve(config_file, **options):
        for _ in range(2):  # the first build and a rebuild, each from mkdocs.yml loaded afresh
            config = load_config(config_file=config_file)
            plugin = config.plugins["trainops"]
            plugin.on_config(config)
            plugin.on_build_error(error=None)
            days.append(plugin.project.today)

    monkeypatch.setattr(mkdocs.commands.serve, "serve", serve)
    serve_site(project, today=TODAY)
    assert days == [TODAY, TODAY]
    config = load_config(config_file=str(project / "mkdocs.yml"))
    assert config.plugins["trainops"].given_today is None  # a later build in this process is not given it
    assert "SOURCE_DATE_EPOCH" not in os.environ
