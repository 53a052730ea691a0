"""The launch checklist page: what to fix first, in the order of the sessions blocked, then the groups."""

from __future__ import annotations

import re

from trainops.plan.urls import Urls
from trainops.readiness import check_readiness
from trainops.render.checklist import days_from, render_checklist
from trainops.render.environment import project_environment
from trainops.render.site import RenderContext


def page(project, slug: str) -> str:
    ctx = RenderContext(project, project_environment(project), Urls())
    return render_checklist(ctx, project.programs[slug], check_readiness(project)[slug])


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#39;", "'")


def test_fix_these_first_comes_before_the_groups_today_then_blocking_then_later(example_project):
    md = page(example_project, "onboarding")
    assert md.index("## Fix these first") < md.index("## Audience")
    fixes = md[md.index("## Fix these first") : md.index("## Audience")]
    items = [text(li) for li in re.findall(r'<li class="trainops-fix.*?</li>', fixes, re.S)]
    assert [i.split(":")[0] for i in items] == ["✗ Today"] * 3 + ["✗ Blocking"] + ["✗ Later"] * 2
    # The overdue invites first (issue 26: they were behind an SOP review), by session date.
    assert items[0].startswith("✗ Today: Day 1 - Welcome, Tue 1 Dec 2026: the invite was due on Tue 17 Nov 2026")
    assert items[2].startswith("✗ Today: Day 4 - Safety and Privacy, Fri 4 Dec 2026: the invite was due on Fri 20 Nov")
    assert "programs/schedule.yaml:30 [reminder-overdue]" in items[0]
    # The whole program's failure blocks its next session.
    assert items[3].startswith("✗ Blocking: Whole program, before Day 1 - Welcome, Tue 1 Dec 2026: the SOP")
    assert items[4].startswith(
        "✗ Later: Day 1 - Welcome, Mon 26 Apr 2027: no backup plan (add 'backup:' to the session)"
    )
    assert "programs/schedule.yaml:285 [session-backup]" in items[4]  # for the coordinator, in small print
    assert "'onb-2027-04-26'" not in fixes  # plain words, not ids
    # one numbering across the three lists
    assert '<ol class="trainops-fix-list" start="4">' in fixes and '<ol class="trainops-fix-list" start="5">' in fixes
    assert "✗ Not ready: 6 failure points — 3 to do today, 1 blocks a session by Mon 7 Dec 2026" in md


def test_passes_are_folded_failures_are_not(example_project):
    md = page(example_project, "onboarding")
    logistics = md[md.index("## Logistics") : md.index("## What learners need")]
    failed, _, folded = logistics.partition("<details")
    assert failed.count("trainops-check--fail") == 2 and "trainops-check--pass" not in failed
    assert "<summary>✓ 10 passed</summary>" in folded and folded.count("trainops-check--pass") == 10
    assert "✗ 2 of 12 failed." in logistics


def test_a_ready_program_has_nothing_to_fix_first(example_project):
    md = page(example_project, "platform-rollout")
    assert "✓ Ready to launch" in md and "Fix these first" not in md
    assert "trainops-check--fail" not in md


def test_days_from_today():
    from datetime import date

    today = date(2026, 11, 23)
    assert [days_from(today, date(2026, 11, d)) for d in (23, 24, 22, 30, 17)] == [
        "today",
        "tomorrow",
        "yesterday",
        "in 7 days",
        "6 days ago",
    ]
