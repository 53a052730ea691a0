"""What the history changes in the outputs: calendars clients update, change notices where an
invite had gone out, SOPs that say they changed, and a clear warning without a history."""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import UTC, datetime

import icalendar

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo
from trainops.cli import main
from trainops.load.history.compare import PROGRAM_SECTIONS
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.model.event_versions import sequence_at
from trainops.render.guide import GUIDE_SECTIONS
from trainops.render.site import render_calendars


def calendars(root) -> dict[str, bytes]:
    project, _ = load_project(root, read_settings(root)[0], TODAY, None, history=True)
    return {g.docs_path: g.content for g in render_calendars(project)}


def events(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's bytes by session id."""
    found = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)
    return {re.search(rb"UID:([^@]+)@", e).group(1).decode(): e for e in found}


def test_a_moved_sessions_event_is_a_new_version_and_the_others_keep_their_bytes(history_repo, commits, tmp_path):
    before = tmp_path / "before"
    history_repo.git("clone", "-q", str(history_repo.root), str(before))
    GitRepo(before).git("checkout", "-q", commits["day2"])
    old, new = events(calendars(before)["schedule/all.ics"]), events(calendars(history_repo.root)["schedule/all.ics"])
    changed = {"onb-2026-12-01", "plat-2027-01-26", "comp-2027-02-09"}
    assert old.keys() == new.keys()
    assert {sid for sid in new if new[sid] != old[sid]} == changed
    read = {
        str(e["UID"]).split("@")[0]: e
        for e in icalendar.Calendar.from_ical(
            b"".join([b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n", *new.values(), b"END:VCALENDAR\r\n"])
        ).walk("VEVENT")
    }
    was = {
        str(e["UID"]).split("@")[0]: e
        for e in icalendar.Calendar.from_ical(
            b"".join([b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n", *old.values(), b"END:VCALENDAR\r\n"])
        ).walk("VEVENT")
    }
    for sid in changed:
        # The minutes from 2020 to the commit that changed it: above what the old version had.
        assert read[sid]["SEQUENCE"] == sequence_at(datetime(2026, 11, 20, 10, tzinfo=UTC)) > was[sid]["SEQUENCE"], sid
        assert read[sid].decoded("LAST-MODIFIED") == datetime(2026, 11, 20, 10, tzinfo=UTC)
        assert read[sid].decoded("DTSTAMP") == read[sid].decoded("LAST-MODIFIED")
    assert read["onb-2026-12-02"].decoded("LAST-MODIFIED") == datetime(2026, 11, 10, 14, tzinfo=UTC)
    assert read["onb-2026-12-04"].decoded("LAST-MODIFIED") == datetime(2026, 10, 1, 9, tzinfo=UTC)
    assert str(read["onb-2026-12-01"]["URL"]) == "https://learning.example.com/programs/onboarding/"


def test_the_same_commit_and_day_give_the_same_feeds(history_repo):
    assert calendars(history_repo.root) == calendars(history_repo.root)


def test_the_guides_sections_are_the_ones_the_history_names():
    assert {s for s in PROGRAM_SECTIONS.values() if s} <= set(GUIDE_SECTIONS)


def test_check_asks_for_the_change_notice_and_flags_the_changed_programs_sops(history_repo, capsys):
    assert main(["check", "--project", str(history_repo.root), "--today", TODAY.isoformat()]) == 0
    out, err = capsys.readouterr()
    notices = [line for line in out.splitlines() if "[change-notice]" in line]
    text = (history_repo.root / "programs" / "schedule.yaml").read_text()
    line = text[: text.index("    id: onb-2026-12-01")].count("\n")  # the entry's "- program:" line
    assert notices == [
        f"programs/schedule.yaml:{line}:5: warning: Day 1 - Welcome, Tue 1 Dec 2026: moved on Fri 20 Nov 2026 "
        "after the invite went out: send the change notice (see the Reminders page) [change-notice]"
    ]
    stale = sorted(line.split(":")[0] for line in out.splitlines() if "[sop-may-be-stale]" in line)
    assert "sops/new-hire-cohort-setup.md" in stale and "sops/launch-day-runbook.md" not in stale  # (platform only)
    assert "changed its outcomes on Sun 22 Nov 2026" in out and "history-unavailable" not in err


def test_the_built_sites_show_the_changes(history_repo, tmp_path):
    site, ops = tmp_path / "site", tmp_path / "ops"
    args = ["build", "--project", str(history_repo.root), "--today", TODAY.isoformat(), "--no-pdf"]
    assert main([*args, "--site-dir", str(site), "--ops-dir", str(ops)]) == 0
    rows = list(csv.DictReader(io.StringIO((ops / "reminders" / "send-schedule.csv").read_text())))
    notices = [(r["send_date"], r["session"], r["overdue"]) for r in rows if r["template"] == "changed"]
    assert notices == [("2026-11-20", "onb-2026-12-01", "yes")]  # the moves before an invite need none
    reminders = (ops / "programs" / "onboarding" / "reminders" / "index.html").read_text()
    assert (
        "Change notice: Day 1 - Welcome" in reminders
        and "(was Tue 1 Dec 2026, 09:30–12:00 Eastern Standard Time" in reminders
    )
    for folder, diff in ((ops, True), (site, False)):
        page = folder / "sops" / "new-hire-cohort-setup" / "index.html"
        if not page.exists():
            continue  # a coordinator's SOP: on the coordinator site only
        html = page.read_text()
        assert "Changed since its last review" in html and "Cohort set-up: book the room first" in html
        assert ("<ins>1. Book the room first.</ins>" in html) is diff  # the diff: a coordinator's
    guide = (site / "programs" / "onboarding" / "index.html").read_text()
    assert 'href="webcal://learning.example.com/programs/onboarding/sessions.ics"' in guide
    assert re.search(r'<a href="https://learning.example.com/programs/onboarding/sessions.ics">', guide)
    assert 'sessions.ics" download' not in guide and 'href="sessions/onb-2026-12-01.ics" download' in guide


def test_a_shallow_clone_and_a_plain_copy_build_and_say_why_once(history_repo, tmp_path, capsys):
    shallow, copy = tmp_path / "shallow", tmp_path / "copy"
    history_repo.git("clone", "-q", "--depth", "1", f"file://{history_repo.root}", str(shallow))
    shutil.copytree(history_repo.root, copy, ignore=shutil.ignore_patterns(".git", ".trainops-cache", "site", "ops"))
    for root, why in ((shallow, "shallow clone"), (copy, "not in a git repository")):
        assert main(["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
        err = capsys.readouterr().err
        assert err.count("[history-unavailable]") == 1 and why in err and "fetch-depth: 0" in err
        feed = (root / "site" / "schedule" / "all.ics").read_bytes()
        assert b"LAST-MODIFIED" not in feed and b"DTSTAMP:20000101T000000Z" in feed
        for _ in range(2):  # a warm check (its diagnostics from the cache) says it too
            assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 0
            assert capsys.readouterr().err.count("[history-unavailable]") == 1
        for _ in range(2):  # --strict fails without it, cold and warm: calendars would go backwards
            assert main(["check", "--project", str(root), "--today", TODAY.isoformat(), "--strict"]) == 1
            err = capsys.readouterr().err
            assert "error: no history of changes" in err and "[history-unavailable]" in err and why in err
