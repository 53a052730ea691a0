"""The cancellation notice is dated by the history: the day the cancellation was made, and only
for a session whose invite was due before then (cancellations with a next step).

Day 4 of the example (Fri 4 Dec, New York) has its invite due on Fri 20 Nov; TODAY is Mon 23 Nov.
"""

from __future__ import annotations

from datetime import date

from tests.helpers import TODAY
from tests.helpers.gitrepo import example_repo
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.plan.reminders import overdue_reminders, plan_reminders

DAY4 = "onb-2026-12-04"


def _cancellations(root):
    project, _ = load_project(root, read_settings(root)[0], TODAY, None, history=True)
    planned = [(r.session.id, r.send_date, r.overdue) for r in plan_reminders(project) if r.template == "cancellation"]
    overdue = [r.session.id for r in overdue_reminders(project) if r.template == "cancellation"]
    return planned, overdue


def test_a_cancellation_made_after_the_invite_is_due_the_day_it_was_made(tmp_path):
    repo = example_repo(tmp_path / "repo")
    repo.edit_session(DAY4, "status", "cancelled")
    # 01:00 UTC on the 22nd is still the 21st in New York, the session's zone
    repo.commit("Day 4 is cancelled", "2026-11-22T01:00:00+00:00")
    planned, overdue = _cancellations(repo.root)
    assert planned == [(DAY4, date(2026, 11, 21), True)]  # two days ago: overdue, first on the checklist
    assert overdue == [DAY4]


def test_a_session_cancelled_before_its_invite_was_due_gets_no_message(tmp_path):
    repo = example_repo(tmp_path / "repo")
    repo.edit_session(DAY4, "status", "cancelled")
    repo.commit("Day 4 is cancelled", "2026-11-19T15:00:00+00:00")  # its invite was due on the 20th
    assert _cancellations(repo.root) == ([], [])


def test_an_uncommitted_cancellation_is_made_today(tmp_path):
    repo = example_repo(tmp_path / "repo")
    repo.edit_session(DAY4, "status", "cancelled")  # not committed: the work tree's change
    assert _cancellations(repo.root) == ([(DAY4, TODAY, False)], [])


def test_a_session_cancelled_again_is_dated_by_its_last_cancellation(tmp_path):
    repo = example_repo(tmp_path / "repo")
    repo.edit_session(DAY4, "status", "cancelled")
    repo.commit("Day 4 is cancelled", "2026-11-10T12:00:00+00:00")  # before the invite: nobody knew
    repo.edit_session(DAY4, "status", "confirmed")
    repo.commit("Day 4 is back", "2026-11-12T12:00:00+00:00")
    repo.edit_session(DAY4, "status", "cancelled")
    repo.commit("Day 4 is cancelled after all", "2026-11-21T12:00:00+00:00")
    assert _cancellations(repo.root)[0] == [(DAY4, date(2026, 11, 21), True)]


def test_a_session_added_as_cancelled_was_never_announced(tmp_path):
    """The example's comp-2027-02-16 is cancelled in the first commit; moved near, its invite is due,
    yet nobody was ever invited to it."""
    repo = example_repo(tmp_path / "repo")
    repo.edit_session("comp-2027-02-16", "start", "2026-12-01 11:00")
    repo.commit("The cancelled clinic moves", "2026-11-02T12:00:00+00:00")
    assert _cancellations(repo.root) == ([], [])
