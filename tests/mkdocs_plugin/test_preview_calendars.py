"""A preview's calendar files: answered from the project, not held as MkDocs files, the same
bytes, exclusions and refusals as a build's."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.mkdocs_plugin.preview.snapshot import SiteSnapshot
from trainops.plan import urls
from trainops.plan.sites import COORDINATORS, LEARNERS


def test_calendar_paths_are_answered_without_a_mkdocs_file_each(tmp_path):
    project = copy_example(tmp_path / "org")
    site = tmp_path / "site"
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf",
                 "--site-dir", str(site), "--ops-dir", str(tmp_path / "ops")]) == 0  # fmt: skip
    snapshot = SiteSnapshot(project, LEARNERS, TODAY)
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.ics"))
    assert urls.ALL_SESSIONS_FEED in built and len(built) > 3
    for path in built:
        assert snapshot.files.get_file_from_path(path) is None, path  # (no File object made per save)
        file = snapshot.file_at(path)
        assert file is not None, path
        assert snapshot.content(file) == (site / path).read_bytes(), path
    assert snapshot.file_at("programs/onboarding/sessions/no-such-session.ics") is None
    assert SiteSnapshot(project, COORDINATORS, TODAY).file_at(urls.ALL_SESSIONS_FEED) is None


def test_exclude_docs_leaves_calendar_files_served_as_a_build_writes_them(tmp_path):
    """``exclude_docs`` is for the user's files: a build writes its generated files whatever it says."""
    project = copy_example(tmp_path / "org")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "exclude_docs: |\n  *.ics\n")
    site = tmp_path / "site"
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf",
                 "--site-dir", str(site), "--ops-dir", str(tmp_path / "ops")]) == 0  # fmt: skip
    snapshot = SiteSnapshot(project, LEARNERS, TODAY)
    file = snapshot.file_at(urls.ALL_SESSIONS_FEED)
    assert file is not None and snapshot.content(file) == (site / urls.ALL_SESSIONS_FEED).read_bytes()


def test_a_users_file_at_a_calendar_path_is_refused_as_a_build_refuses_it(tmp_path, capsys):
    project = copy_example(tmp_path / "org")
    taken = project / "content" / urls.ALL_SESSIONS_FEED
    taken.parent.mkdir(parents=True, exist_ok=True)
    taken.write_text("BEGIN:VCALENDAR\n")
    with pytest.raises(PluginError, match=f"content/{urls.ALL_SESSIONS_FEED} has the same path as a page"):
        SiteSnapshot(project, LEARNERS, TODAY)
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf",
                 "--site-dir", str(tmp_path / "site"), "--ops-dir", str(tmp_path / "ops")]) != 0  # fmt: skip
    assert f"content/{urls.ALL_SESSIONS_FEED} has the same path as a page" in capsys.readouterr().err
