"""The change notice's message: a golden of the moved Day 1 (``golden/reminders/changed.txt``)."""

from __future__ import annotations

from tests.helpers import GOLDEN_DIR, TODAY, assert_golden
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.plan.reminders import change_notices, overdue_reminders, plan_reminders
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.messages import render_messages

GOLDEN = GOLDEN_DIR / "reminders" / "changed.txt"


def test_the_change_notice_says_what_changed_since_the_invite(history_repo):
    root = history_repo.root
    project, _ = load_project(root, read_settings(root)[0], TODAY, None, history=True)
    (notice,) = change_notices(project)
    assert (notice.session.id, notice.send_date.isoformat(), notice.overdue) == ("onb-2026-12-01", "2026-11-20", True)
    assert [c.kind for c in notice.changes] == ["moved"]
    assert notice in plan_reminders(project) and notice not in overdue_reminders(project)  # (its own warning)
    (message,) = render_messages(project_environment(project), project, [notice], Urls())
    assert message.subject == "Changed: New Hire Onboarding — Day 1 - Welcome, Tue 1 Dec 2026"
    assert_golden(message.text, GOLDEN)


def test_a_session_moved_far_after_its_invite_still_gets_a_notice(tmp_path):
    """Day 2 (2 Dec, invite due 18 Nov) moved on 20 Nov to 20 Jan: its invite for 2 Dec is out,
    although the invite of 20 Jan would only go out in January. The learners need the notice."""
    from tests.helpers.gitrepo import example_repo

    repo = example_repo(tmp_path / "repo")
    repo.edit_session("onb-2026-12-02", "start", "2027-01-20 09:30")
    repo.commit("Day 2 moves to January", "2026-11-20T10:00:00+00:00")
    project, _ = load_project(repo.root, read_settings(repo.root)[0], TODAY, None, history=True)
    notices = [n for n in change_notices(project) if n.session.id == "onb-2026-12-02"]
    assert [(n.send_date.isoformat(), [c.kind for c in n.changes]) for n in notices] == [("2026-11-20", ["moved"])]


def test_the_launch_review_works_the_notices_out_once(history_repo, monkeypatch):
    """Asked for program by program (300 times at scale), the notices are planned once."""
    from trainops.plan import reminders
    from trainops.readiness import check_readiness

    calls = []
    planned = reminders._change_notices
    monkeypatch.setattr(reminders, "_change_notices", lambda project: calls.append(1) or planned(project))
    project, _ = load_project(history_repo.root, read_settings(history_repo.root)[0], TODAY, None, history=True)
    check_readiness(project)
    assert len(project.programs) > 1 and calls == [1]
