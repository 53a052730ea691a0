"""Issue 25, item 2: a calendar client ignores an event whose SEQUENCE is lower than the one it
holds (or as high, with an earlier DTSTAMP), so no build may publish one. One project walks every
way the history can change under a published site; its learner site is built into the same folder
each time, as a coordinator who publishes from their own machine does."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar

from tests.helpers import TODAY
from tests.helpers.gitrepo import GitRepo, example_repo
from tests.load.history.test_outputs import calendars, events
from tests.render.test_calendar import read_with_icaljs
from trainops.cli import main

UID = "onb-2026-12-01"  # Day 1 of onboarding: its room changes along the walk
OTHER = "comp-2027-02-09"  # another session, far from it in the schedule file (a rebase merges them)


def _published(feed: bytes) -> tuple[int, datetime]:
    """(SEQUENCE, DTSTAMP) of the walked session's event, as icalendar reads the feed."""
    for event in icalendar.Calendar.from_ical(feed).walk("VEVENT"):
        if str(event["UID"]).startswith(f"{UID}@"):
            return int(event["SEQUENCE"]), event.decoded("DTSTAMP")
    raise AssertionError(f"{UID} is not in the feed")


def _derived(root) -> int:
    """The session's SEQUENCE from the history alone (no floor: the feed as a fresh machine makes it)."""
    event = events(calendars(root)["schedule/all.ics"])[UID]
    return int(icalendar.Event.from_ical(event)["SEQUENCE"])


class Walk:
    def __init__(self, repo: GitRepo, tmp_path, capsys):
        self.repo, self.tmp_path, self.capsys = repo, tmp_path, capsys
        self.site, self.ops = tmp_path / "site", tmp_path / "ops"
        self.feeds: list[tuple[str, bytes]] = []  # each build's all.ics, by step

    def build(self, step: str, root=None, strict: bool = False) -> tuple[int, str]:
        """The exit code and all that was said."""
        args = ["build", "--project", str(root or self.repo.root), "--today", TODAY.isoformat(), "--no-pdf"]
        args += ["--site-dir", str(self.site), "--ops-dir", str(self.ops)] + (["--strict"] if strict else [])
        code = main(args)
        said = self.capsys.readouterr()  # (--strict prints the warnings that fail it as check does)
        if code == 0:
            self.feeds.append((step, (self.site / "schedule" / "all.ics").read_bytes()))
        return code, said.out + said.err

    def room(self, room: str, message: str, when: str) -> None:
        self.repo.edit_session(UID, "room", room)
        self.repo.commit(message, when)


def test_sequence_and_dtstamp_never_go_back(tmp_path, capsys):
    repo = example_repo(tmp_path / "repo")
    walk = Walk(repo, tmp_path, capsys)
    derived = []  # the history's own SEQUENCE after the steps that only add commits

    assert walk.build("first commit")[0] == 0
    walk.room("HQ 4A", "Day 1 in 4A", "2026-11-02T09:00:00+00:00")
    assert walk.build("a change commit")[0] == 0
    derived.append(_derived(repo.root))

    # Two change commits, built, then squashed into one (a squash's commit is made later).
    walk.room("HQ 4B", "Day 1 in 4B", "2026-11-03T09:00:00+00:00")
    walk.room("HQ 4C", "Day 1 in 4C", "2026-11-03T10:00:00+00:00")
    assert walk.build("two change commits")[0] == 0
    derived.append(_derived(repo.root))
    repo.git("reset", "-q", "--soft", "HEAD~2")
    repo.commit("Day 1 in 4C (squashed)", "2026-11-03T11:00:00+00:00")
    assert walk.build("squashed")[0] == 0
    derived.append(_derived(repo.root))

    # Amended: the same change, a new commit.
    walk.room("HQ 4D", "Day 1 in 4D", "2026-11-04T09:00:00+00:00")
    assert walk.build("before the amend")[0] == 0
    repo.git("commit", "-q", "--amend", "-m", "Day 1 in room 4D", when="2026-11-04T09:30:00+00:00")
    assert walk.build("amended")[0] == 0
    derived.append(_derived(repo.root))

    # A branch built while another session changed on main, then rebased onto main.
    repo.git("checkout", "-q", "-b", "feature")
    walk.room("HQ 4E", "Day 1 in 4E", "2026-11-05T09:00:00+00:00")
    assert walk.build("on a branch")[0] == 0
    repo.git("checkout", "-q", "main")
    repo.edit_session(OTHER, "room", "Remote")
    repo.commit("The Europe clinic goes remote", "2026-11-05T10:00:00+00:00")
    repo.git("checkout", "-q", "feature")
    repo.git("rebase", "-q", "main", when="2026-11-05T11:00:00+00:00")
    assert walk.build("rebased")[0] == 0
    derived.append(_derived(repo.root))

    # An uncommitted edit, built (with a warning at the session; --strict refuses), then discarded.
    repo.edit_session(UID, "room", "HQ 9Z")
    code, err = walk.build("uncommitted edit", strict=True)
    assert code == 1 and "[calendar-uncommitted]" in err
    code, err = walk.build("uncommitted edit")
    assert code == 0 and err.count("[calendar-uncommitted]") == 1
    (warning,) = [line for line in err.splitlines() if "[calendar-uncommitted]" in line]
    assert "programs/schedule.yaml:" in warning and UID in warning and "commit it before publishing" in warning
    repo.git("checkout", "-q", "--", "programs/schedule.yaml")
    assert walk.build("edit discarded")[0] == 0

    repo.git("reset", "-q", "--hard", "HEAD~1")
    assert walk.build("reset --hard HEAD~1")[0] == 0

    # A shallow clone: --strict fails and touches nothing; without it, a warning and the floor.
    shallow = tmp_path / "shallow"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(shallow))
    before = (walk.site / "schedule" / "all.ics").read_bytes()
    code, err = walk.build("shallow, strict", root=shallow, strict=True)
    assert code == 1 and "[history-unavailable]" in err and "error:" in err
    assert "fetch-depth: 0" in err and "git fetch --unshallow" in err
    assert (walk.site / "schedule" / "all.ics").read_bytes() == before
    code, err = walk.build("shallow clone", root=shallow)
    assert code == 0 and "warning:" in err and "[history-unavailable]" in err

    # The project moved into a folder of a monorepo: its sessions are added by the move.
    (repo.root / "training").mkdir()
    repo.git("mv", "programs", "sops", "content", "theme", "mkdocs.yml", "training/")
    repo.commit("Training moves into the company's monorepo", "2026-11-06T09:00:00+00:00")
    assert walk.build("moved into a monorepo", root=repo.root / "training")[0] == 0
    derived.append(_derived(repo.root / "training"))

    assert derived == sorted(derived), "the history alone gave a lower SEQUENCE after a squash, amend, rebase or move"
    published = [(step, *_published(feed)) for step, feed in walk.feeds]
    for (step, sequence, stamp), (then, was, stamped) in zip(published[1:], published, strict=False):
        assert sequence >= was, f"SEQUENCE fell from {was} ({then}) to {sequence} ({step})"
        assert stamp >= stamped, f"DTSTAMP went back from {stamped} ({then}) to {stamp} ({step})"
    steps = {step: (sequence, stamp) for step, sequence, stamp in published}
    # A new version wherever the event changed, and the discarded edit's undoing is one too.
    assert steps["edit discarded"][0] == steps["uncommitted edit"][0] + 1
    assert steps["uncommitted edit"][1] == datetime(2026, 11, 23, tzinfo=UTC)  # the build's day
    assert steps["shallow clone"] == steps["reset --hard HEAD~1"]  # the same event: the same version

    # Thunderbird's parser (ical.js) reads the same versions.
    paths = []
    for i, (_, feed) in enumerate(walk.feeds):
        path = tmp_path / "feeds" / f"{i:02}.ics"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(feed)
        paths.append(path)
    read = read_with_icaljs(*paths)  # (one node process for them all)
    for path, (step, sequence, stamp) in zip(paths, published, strict=True):
        event = read[path][UID]
        assert (event["sequence"], event["stamp"]) == (sequence, int(stamp.timestamp())), step
