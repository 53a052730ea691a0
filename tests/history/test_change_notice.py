"""The change notice's message: a golden of the moved Day 1 (``golden/reminders/changed.txt``)."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, assert_golden

from trainops.loading import load_project
from trainops.reminders import change_notices, overdue_reminders, plan_reminders
from trainops.render.environment import make_environment
from trainops.render.messages import render_messages
from trainops.render.urls import Urls
from trainops.settings_file import read_settings

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "reminders" / "changed.txt"


def test_the_change_notice_says_what_changed_since_the_invite(history_repo):
    root = history_repo.root
    project, _ = load_project(root, read_settings(root)[0], TODAY, None, history=True)
    (notice,) = change_notices(project)
    assert (notice.session.id, notice.send_date.isoformat(), notice.overdue) == ("onb-2026-12-01", "2026-11-20", True)
    assert [c.kind for c in notice.changes] == ["moved"]
    assert notice in plan_reminders(project) and notice not in overdue_reminders(project)  # (its own warning)
    (message,) = render_messages(make_environment(root), project, [notice], Urls())
    assert message.subject == "Changed: New Hire Onboarding — Day 1 - Welcome, Tue 1 Dec 2026"
    assert_golden(message.text, GOLDEN)
