"""The floor of a build's calendar events: the events of the learner site it replaces, read only
from a folder trainops built (trainops.load.published_calendar)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.helpers import TODAY
from trainops.cli import main
from trainops.load.published_calendar import read_published_calendar
from trainops.model.event_versions import event_content
from trainops.plan.urls import ALL_SESSIONS_FEED
from trainops.store.paths import SITE_MARKER

FEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:fk-1@learning.example.com\r\n"
    b"DTSTAMP:20261102T090000Z\r\nLAST-MODIFIED:20261102T090000Z\r\nSEQUENCE:3600\r\nSUMMARY:Fork\r\n"
    b" lift\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:fk-2@learning.example.com\r\nDTSTAMP:yesterday\r\n"
    b"SEQUENCE:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _site(folder, feed: bytes = FEED, marker: bool = True):
    (folder / "schedule").mkdir(parents=True)
    (folder / ALL_SESSIONS_FEED).write_bytes(feed)
    if marker:
        (folder / SITE_MARKER).write_text("built by trainops\n")
    return folder


def test_each_readable_event_by_uid_unfolded(tmp_path):
    published = read_published_calendar(_site(tmp_path / "site"), ALL_SESSIONS_FEED)
    assert published.site == str((tmp_path / "site").resolve())
    events = published.events
    assert list(events) == ["fk-1@learning.example.com"]  # (fk-2's DTSTAMP is no time: no floor for it)
    event = events["fk-1@learning.example.com"]
    stamp = datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert (event.version.sequence, event.version.stamp, event.version.modified) == (3600, stamp, stamp)
    assert event.content == event_content(["UID:fk-1@learning.example.com", "SUMMARY:Forklift"])


def test_no_floor_from_a_folder_trainops_did_not_build_or_a_broken_feed(tmp_path):
    assert read_published_calendar(_site(tmp_path / "a", marker=False), ALL_SESSIONS_FEED).events == {}
    assert read_published_calendar(_site(tmp_path / "b", b"\xff\xfe not text"), ALL_SESSIONS_FEED).events == {}
    assert read_published_calendar(tmp_path / "none", ALL_SESSIONS_FEED).events == {}


def test_a_build_reads_back_every_event_it_published(tmp_path, capsys):
    from tests.helpers import copy_example

    root = copy_example(tmp_path / "org")
    site = tmp_path / "site"
    args = ["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf", "--site-dir", str(site)]
    assert main(args) == 0
    first = (site / ALL_SESSIONS_FEED).read_bytes()
    events = read_published_calendar(site, ALL_SESSIONS_FEED).events
    assert len(events) == first.count(b"BEGIN:VEVENT") > 0
    assert main(args) == 0  # rebuilt over it: the floor changes no byte of an unchanged event
    assert (site / ALL_SESSIONS_FEED).read_bytes() == first
    # A site published a higher version than this machine derives (another machine, a reset):
    # the rebuild keeps it, in every feed the event is in.
    (site / ALL_SESSIONS_FEED).write_bytes(first.replace(b"SEQUENCE:0\r\n", b"SEQUENCE:7\r\n", 1))
    assert main(args) == 0
    assert (site / ALL_SESSIONS_FEED).read_bytes() == first.replace(b"SEQUENCE:0\r\n", b"SEQUENCE:7\r\n", 1)
    uid = first.split(b"SEQUENCE:0", 1)[0].rsplit(b"UID:", 1)[1].split(b"@")[0].decode()
    (session_feed,) = site.glob(f"programs/*/sessions/{uid}.ics")
    assert b"SEQUENCE:7\r\n" in session_feed.read_bytes()
    capsys.readouterr()
