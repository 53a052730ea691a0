"""The day reaches the plugin as a value, never through the environment; MkDocs' build date
(``SOURCE_DATE_EPOCH``) is set only while a build runs, and one the user set is kept."""

from __future__ import annotations

import gzip
import os
import re
from datetime import date
from pathlib import Path

import mkdocs.utils

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.load.today import source_date_epoch
from trainops.mkdocs_plugin.preview.snapshot import SiteSnapshot
from trainops.plan.sites import COORDINATORS, LEARNERS


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


def test_serve_gives_its_day_to_every_snapshot_and_leaves_the_environment_alone(tmp_path, monkeypatch):
    """Each site the preview makes (the first and one after every save) is judged against serve's
    day; MkDocs' build date is pinned to it only while a page is made."""
    monkeypatch.delenv("TRAINOPS_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_example(tmp_path / "org")
    seen = []
    real = mkdocs.utils.get_build_datetime

    def build_datetime():
        seen.append(os.environ.get("SOURCE_DATE_EPOCH"))
        return real()

    monkeypatch.setattr(mkdocs.utils, "get_build_datetime", build_datetime)
    for audience in (LEARNERS, COORDINATORS, LEARNERS):  # (the last: a save made it again)
        snapshot = SiteSnapshot(project, audience, TODAY)
        assert snapshot.day == TODAY
        assert snapshot.plugin is not None and snapshot.plugin.given_today is None
        assert "SOURCE_DATE_EPOCH" not in os.environ
        home = snapshot.file_at("")
        assert home is not None and b"Harbor Health" in snapshot.content(home)
        assert "SOURCE_DATE_EPOCH" not in os.environ  # (a later build in this process is not given it)
        assert not snapshot.plugin.serving  # (nor is it a preview: MkDocs keeps the one plugin instance)
    assert seen and set(seen) == {str(source_date_epoch(TODAY))}
