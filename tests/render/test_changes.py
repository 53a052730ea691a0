"""What changed, for learners: the page, its Atom feed, and the notes on changed sessions' rows,
from a repository of the example organisation with a made-up history (fixed commit dates)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import feedparser
import pytest
from mkdocs.config.base import ValidationError

from tests.helpers import TODAY, copy_example
from tests.helpers.gitrepo import GitRepo, example_repo
from trainops.cli import main
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.mkdocs_plugin.config import TrainopsConfig
from trainops.plan.urls import Urls
from trainops.render.changes import learner_changes, render_changes
from trainops.render.environment import project_environment
from trainops.render.site import RenderContext, render_site

NEW_SESSION = """
  - program: support-training
    id: sup-2027-04-20
    title: Extra practice
    start: 2027-04-20 10:00
    end: 11:00
    timezone: America/Los_Angeles
    link: https://example.com/meet/sup-extra
    instructor: maria.garcia
"""

EST = "Eastern Standard Time (UTC−05:00)"  # how every page names New York's zone in winter


def _remove_session(repo: GitRepo, session_id: str) -> None:
    path = repo.root / "programs" / "schedule.yaml"
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"(?ms)^  - [^\n]*\n(?:    [^\n]*\n)*?    id: {re.escape(session_id)}\n.*?(?=^\s*$)", text)
    assert entry, session_id
    path.write_text(text.replace(entry.group(0), "", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> GitRepo:
    """Every kind of change a learner is told of, and two they are not (a coordinator's SOP; the
    first commit, which adds every session)."""
    repo = example_repo(tmp_path_factory.mktemp("changes") / "repo")
    repo.edit_session("onb-2026-12-02", "start", "2026-12-02 10:00")
    repo.commit("Day 2 starts at ten", "2026-11-10T15:00:00+01:00")
    repo.edit_session("onb-2026-12-01", "start", "2026-12-01 10:00")
    repo.edit_session("onb-2026-12-01", "end", "12:30")
    repo.edit_session("plat-2027-01-26", "room", "LA Ops Lab 2")
    repo.edit_session("comp-2027-02-09", "status", "cancelled")
    repo.commit("Day 1 half an hour later; a new room; the Europe clinic is off", "2026-11-20T10:00:00+00:00")
    repo.edit_session("sup-2027-01-11", "link", "https://example.com/meet/sup-basics-2")
    repo.edit_session("comp-2027-01-14", "instructor", "hanako.sato")
    repo.edit_session("onb-2027-04-26", "status", "confirmed")
    repo.edit("sops/join-an-online-session.md", "1. Join five minutes", "1. Join ten minutes")
    repo.edit("sops/new-hire-cohort-setup.md", "\n1. ", "\n1. Book the room first.\n1. ")
    repo.commit("Join ten minutes early; a new link and instructor", "2026-11-21T10:00:00+00:00")
    repo.edit("programs/onboarding.yaml", "outcomes:\n", "outcomes:\n  - Find the help desk on day one\n")
    _remove_session(repo, "onb-2026-12-04")
    path = repo.root / "programs" / "schedule.yaml"
    path.write_text(path.read_text(encoding="utf-8") + NEW_SESSION, encoding="utf-8")
    repo.commit("Onboarding: a new outcome; Day 4 is dropped; extra support practice", "2026-11-22T10:00:00+00:00")
    return repo


def _project(root, **settings):
    loaded, diagnostics = load_project(root, read_settings(root)[0], TODAY, None, history=True)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return replace(loaded, settings=replace(loaded.settings, **settings)) if settings else loaded


def _pages(project) -> dict[str, str]:
    ctx = RenderContext(project, project_environment(project), Urls())
    return {g.docs_path: g.content for g in render_changes(ctx)}


@pytest.fixture(scope="module")
def project(repo):
    return _project(repo.root)


@pytest.fixture(scope="module")
def pages(project):
    return _pages(project)


def _entry(page: str, change_id: str) -> str:
    found = re.search(rf'<li [^>]*id="change-{re.escape(change_id)}">.*?</dl>\n</li>', page, re.S)  # (lists inside)
    assert found, f"no entry {change_id}"
    return found.group(0)


def _change_id(project, kind: str, subject: str) -> str:
    return next(c.id for c in project.history.changes if c.kind == kind and c.subject == subject)


@pytest.mark.parametrize(
    ("kind", "subject", "was", "now"),
    [
        ("moved", "onb-2026-12-01", f"Tue 1 Dec 2026, 09:30–12:00 {EST}", f"Tue 1 Dec 2026, 10:00–12:30 {EST}"),
        ("moved", "onb-2026-12-02", "09:30–12:30", "10:00–13:00"),
        ("room", "plat-2027-01-26", "<dd>LA Ops Lab</dd>", "<dd>LA Ops Lab 2</dd>"),
        ("link", "sup-2027-01-11", "https://example.com/meet/sup-basics<", "https://example.com/meet/sup-basics-2"),
        ("instructor", "comp-2027-01-14", "Sam Patel", "佐藤 花子"),
        ("cancelled", "comp-2027-02-09", "<dd>Confirmed</dd>", "<dd>Cancelled</dd>"),
        ("confirmed", "onb-2027-04-26", "<dd>Tentative</dd>", "<dd>Confirmed</dd>"),
        ("removed", "onb-2026-12-04", "Fri 4 Dec 2026, 13:00–15:00 Eastern Standard Time", ""),
        ("added", "sup-2027-04-20", "Tue 20 Apr 2027, 10:00–11:00 Pacific Daylight Time", "María García"),
        ("program", "onboarding", "#what-you-will-be-able-to-do", ""),
        ("sop", "join-an-online-session", "Join five minutes before the start time.", "Join ten minutes"),
    ],
)
def test_every_kind_of_change_is_an_entry_with_its_values(project, pages, kind, subject, was, now):
    entry = _entry(pages["changes/index.md"], _change_id(project, kind, subject))
    assert was in entry and now in entry
    if was and now and kind not in ("added", "program"):
        assert entry.index(was) < entry.index(now)  # the old value first


def test_a_move_shows_both_times_in_the_sessions_zone_for_the_readers_script(project, pages):
    entry = _entry(pages["changes/index.md"], _change_id(project, "moved", "onb-2026-12-01"))
    times = re.findall(r'<time class="trainops-when" datetime="([^"]+)" data-end="([^"]+)" data-zone="([^"]+)"', entry)
    assert times == [
        ("2026-12-01T14:30:00Z", "2026-12-01T17:00:00Z", "America/New_York"),
        ("2026-12-01T15:00:00Z", "2026-12-01T17:30:00Z", "America/New_York"),
    ]
    assert 'href="../programs/onboarding/#session-onb-2026-12-01"' in entry


def test_learners_are_not_told_of_coordinators_sops_nor_of_the_first_commit(project, pages):
    page = pages["changes/index.md"]
    assert "new-hire-cohort-setup" not in page and "Cohort set-up" not in page
    first = project.history.changes[0].commit
    assert any(c.commit == first for c in project.history.changes)  # the first commit added every session...
    assert f"change-{first}" not in page  # ...and that is where the history starts, not news
    assert len(re.findall(r'<li class="trainops-change ', page)) == len(learner_changes(project)) == 11


def test_entries_are_newest_first_under_their_day(pages):
    page = pages["changes/index.md"]
    assert re.findall(r"^## (.*)$", page, re.M) == [
        "Sun 22 Nov 2026",
        "Sat 21 Nov 2026",
        "Fri 20 Nov 2026",
        "Tue 10 Nov 2026",
    ]
    assert "last 60 days (since 24 September 2026)" in page
    assert 'href="feed.xml" type="application/atom+xml"' in page


def test_the_feed_has_one_entry_per_change_with_stable_ids_and_commit_times(project, pages):
    feed = feedparser.parse(pages["changes/feed.xml"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    changes = learner_changes(project)
    assert [e.id for e in feed.entries] == [f"urn:trainops:change:{c.id}" for c in changes]
    for entry, change in zip(feed.entries, changes, strict=True):
        assert datetime(*entry.updated_parsed[:6], tzinfo=UTC) == change.when
        assert entry.tags[0].term == change.kind
    assert feed.feed.updated == "2026-11-22T10:00:00Z"  # the newest change's commit, never the clock
    moved = next(e for e in feed.entries if e.id.endswith("-moved-onb-2026-12-01"))
    assert moved.title == "Moved: New Hire Onboarding — Day 1 - Welcome"
    assert moved.link == "https://learning.example.com/programs/onboarding/#session-onb-2026-12-01"
    assert f"Was Tue 1 Dec 2026, 09:30–12:00 {EST}" in moved.summary
    assert "Now Tue 1 Dec 2026, 10:00–12:30" in moved.summary
    assert feed.feed.links[0].href == "https://learning.example.com/changes/"


def test_a_how_to_guide_change_says_the_old_and_new_step_on_the_page_and_in_the_feed(project, pages):
    change_id = _change_id(project, "sop", "join-an-online-session")
    entry = _entry(pages["changes/index.md"], change_id)
    step = "Join five minutes before the start time. → Join ten minutes before the start time."
    assert "Join an online training session</a>" in entry and f"<li>{step}</li>" in entry
    feed = feedparser.parse(pages["changes/feed.xml"])
    found = next(e for e in feed.entries if e.id == f"urn:trainops:change:{change_id}")
    assert found.summary == step  # its own full stop, not a second one
    assert "Updated." not in pages["changes/feed.xml"]


def test_a_long_change_of_a_how_to_guide_quotes_its_first_lines_and_links_the_rest(repo):
    from trainops.render.changes import STEPS_SHOWN

    project = _project(repo.root)
    change = next(c for c in project.history.changes if c.kind == "sop" and c.subject == "join-an-online-session")
    steps = tuple((f"Step {n} <old>", f"Step {n} & new") for n in range(STEPS_SHOWN + 2))
    many = replace(project, history=replace(project.history, changes=[replace(change, steps=steps)]))
    pages = _pages(many)
    entry = _entry(pages["changes/index.md"], change.id)
    assert entry.count("→") == STEPS_SHOWN and "and 2 more lines" in entry
    assert "Step 0 &lt;old&gt; → Step 0 &amp; new" in entry  # escaped: the page's words, never its markup
    assert "; and 2 more lines." in pages["changes/feed.xml"]


def test_the_same_commit_and_day_give_the_same_bytes(repo, pages):
    assert _pages(_project(repo.root)) == pages


def _row(page: str, session_id: str) -> str:
    found = re.search(rf'<tr id="session-{re.escape(session_id)}".*?</tr>', page, re.S)
    assert found, session_id
    return found.group(0)


MOVED_DEC_1 = f"Changed on 20 Nov: was 09:30–12:00 {EST}, now 10:00–12:30 {EST}"
MOVED_DEC_2 = f"Changed on 10 Nov: was 09:30–12:30 {EST}, now 10:00–13:00 {EST}"


def _note_text(row: str) -> str:
    """A row's change note as a reader reads it (its times' markup set aside)."""
    found = re.search(r'<small class="trainops-meta trainops-change-note">(.*?)</small>', row, re.S)
    assert found, row
    return re.sub(r"<[^>]+>", "", found.group(1))


def test_changed_sessions_rows_say_what_they_were_on_the_guides_and_the_schedule(project):
    site = {g.docs_path: g.content for g in render_site(project)}
    expected = {
        ("programs/onboarding/index.md", "onb-2026-12-01"): MOVED_DEC_1,
        ("programs/onboarding/index.md", "onb-2026-12-02"): MOVED_DEC_2,
        ("programs/onboarding/index.md", "onb-2027-04-26"): "Changed on 21 Nov: confirmed (was tentative)",
        ("programs/platform-rollout/index.md", "plat-2027-01-26"): "Changed on 20 Nov: room was LA Ops Lab",
        ("programs/compliance-refresher/index.md", "comp-2027-02-09"): "Changed on 20 Nov: cancelled (was confirmed)",
        ("programs/compliance-refresher/index.md", "comp-2027-01-14"): "Changed on 21 Nov: instructor was Sam Patel",
        ("programs/support-training/index.md", "sup-2027-01-11"): "Changed on 21 Nov: new online link",
        ("schedule/2026-12.md", "onb-2026-12-01"): MOVED_DEC_1,
        ("schedule/2027-01.md", "comp-2027-01-14"): "Changed on 21 Nov: instructor was Sam Patel",
        ("schedule/2027-02.md", "comp-2027-02-09"): "Changed on 20 Nov: cancelled (was confirmed)",
        ("schedule/index.md", "onb-2026-12-02"): MOVED_DEC_2,
    }
    for (path, session_id), note in expected.items():
        assert _note_text(_row(site[path], session_id)) == note, (path, session_id)
    # A move's old and new times are <time>s the reader's browser adds its own time to (trainops.js).
    moved = _row(site["programs/onboarding/index.md"], "onb-2026-12-01")
    old = 'datetime="2026-12-01T14:30:00Z" data-end="2026-12-01T17:00:00Z" data-zone="America/New_York">'
    assert f'<time class="trainops-when trainops-when--inline" {old}' in moved
    assert 'datetime="2026-12-01T15:00:00Z" data-end="2026-12-01T17:30:00Z"' in moved
    for path, session_id in [
        ("programs/onboarding/index.md", "onb-2027-02-01"),
        ("schedule/2027-04.md", "sup-2027-04-20"),
    ]:
        assert "trainops-change-note" not in _row(site[path], session_id)  # unchanged; new (no old value)


def test_only_changes_within_changes_days_count(repo):
    project = _project(repo.root, changes_days=2)  # since 21 Nov
    pages = _pages(project)
    assert "-moved-onb-2026-12-01" not in pages["changes/index.md"]
    assert "last 2 days (since 21 November 2026)" in pages["changes/index.md"]
    assert len(feedparser.parse(pages["changes/feed.xml"]).entries) == 7
    site = {g.docs_path: g.content for g in render_site(project)}
    assert "trainops-change-note" not in _row(site["programs/onboarding/index.md"], "onb-2026-12-01")
    assert "trainops-change-note" in _row(site["programs/onboarding/index.md"], "onb-2027-04-26")


def test_without_a_history_the_page_says_so_and_the_feed_is_empty(tmp_path):
    root = copy_example(tmp_path / "no-git")
    project, _ = load_project(root, read_settings(root)[0], TODAY, None, history=True)
    assert not project.history.available
    pages = _pages(project)
    assert "The history of changes is not available" in pages["changes/index.md"]
    assert "<li" not in pages["changes/index.md"]
    feed = feedparser.parse(pages["changes/feed.xml"])
    assert not feed.bozo and feed.version == "atom10" and feed.entries == []
    assert feed.feed.updated == "2000-01-01T00:00:00Z"
    assert "trainops-change-note" not in "".join(g.content for g in render_site(project) if isinstance(g.content, str))


def test_changes_days_is_a_whole_number_of_days(tmp_path):
    root = copy_example(tmp_path / "settings")
    mkdocs = root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    assert "  - trainops\n" in text
    for value, days in (("14", 14), ('"14"', 14), ("0", 0), ("", 60)):
        mkdocs.write_text(text.replace("  - trainops\n", f"  - trainops:\n      changes_days: {value}\n"), "utf-8")
        settings, problems = read_settings(root)
        assert problems == [] and settings.changes_days == days
    mkdocs.write_text(text.replace("  - trainops\n", "  - trainops:\n      changes_days: two weeks\n"), "utf-8")
    settings, problems = read_settings(root)
    line = text[: text.index("  - trainops\n")].count("\n") + 2
    assert [(p.line, p.severity, p.rule) for p in problems] == [(line, "error", "invalid-value")]
    assert "'two weeks' is not a number of days" in problems[0].message and settings.changes_days == 60
    option = dict(TrainopsConfig._schema)["changes_days"]
    assert option.validate(None) == 60 and option.validate(7) == 7
    for wrong in ("two weeks", -1, True, 1.5):
        with pytest.raises(ValidationError, match="not a number of days"):
            option.validate(wrong)


def test_the_built_learner_site_has_the_page_in_its_navigation_and_the_feed(repo, tmp_path):
    site, ops = tmp_path / "site", tmp_path / "ops"
    args = ["build", "--project", str(repo.root), "--today", TODAY.isoformat(), "--no-pdf"]
    assert main([*args, "--site-dir", str(site), "--ops-dir", str(ops)]) == 0
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "Moved:" in page and 'href="feed.xml"' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="changes/" class="md-nav__link">\s*<span class="md-ellipsis">\s*What changed', home)
    assert len(feedparser.parse((site / "changes" / "feed.xml").read_bytes()).entries) == 11
    assert not (ops / "changes").exists()


def test_learners_never_read_commit_messages(pages):
    """A commit's subject is the coordinators' note: the learner page and feed say what changed
    (the sections of a guide), not what a coordinator wrote in git."""
    for path in ("changes/index.md", "changes/feed.xml"):
        text = pages[path] if isinstance(pages[path], str) else pages[path].decode()
        assert "a new outcome" not in text and "Join ten minutes early" not in text, path
