"""The top of every guide answers at a glance: what is this, what must I do before, when and
where is my next session, who do I ask — on a desktop and on a phone."""

from __future__ import annotations

import pytest

PROGRAMS = ["compliance-refresher", "onboarding", "platform-rollout", "support-training"]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("slug", PROGRAMS)
def test_guide_opens_with_the_answers_a_learner_needs(browser, example_project, slug, viewport):
    record = example_project.programs[slug]
    program = record.data
    page = browser.page(f"programs/{slug}/", viewport).page
    glance = page.locator("section.trainops-glance")
    facts = dict(zip(glance.locator("dt").all_inner_texts(), glance.locator("dd").all_inner_texts()))

    assert program.summary in glance.locator(".trainops-lead").inner_text()  # what is this
    assert facts["For"] == program.audience
    before = facts["Before you start"]  # what must I do before
    for item in program.prerequisites:
        assert item.text in before
    for item in program.access:
        assert item.system in before
    upcoming = [s for s in example_project.upcoming_sessions(slug) if s.status != "cancelled"]
    if upcoming:  # when and where
        session = upcoming[0]
        assert (session.entry.title or record.name) in facts["Next session"]
        assert session.zone in facts["Next session"]
        if session.entry.room:
            assert session.entry.room in facts["Next session"]
        if session.entry.link:
            assert glance.locator(f"a[href='{session.entry.link}']").count() == 1
        assert "Add to calendar" in facts["Next session"]
    contact_id = (program.escalation.learner_questions if program.escalation else None) or program.owner
    contact = example_project.people[contact_id]  # who do I ask
    assert contact.name in facts["Questions"]
    if contact.email:
        assert glance.locator(f"a[href='mailto:{contact.email}']").count() == 1

    # It is the first thing on the page: the answers start on the first screen, and on a desktop
    # all of them are on it without scrolling.
    screen = page.viewport_size["height"]
    box = glance.bounding_box()
    assert box["y"] < screen / 3
    if viewport == "desktop":
        questions = glance.locator("dt", has_text="Questions").bounding_box()
        assert questions["y"] + questions["height"] <= screen
