"""The top of every guide answers at a glance: what is this, what must I do before, when and
where is my next session, how long my intake's sessions take, who do I ask — on a desktop and on
a phone."""

from __future__ import annotations

import pytest

from trainops.model.formatting import zone_label
from trainops.render.guide import group_into_intakes

PROGRAMS = ["compliance-refresher", "onboarding", "platform-rollout", "support-training"]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("slug", PROGRAMS)
def test_guide_opens_with_the_answers_a_learner_needs(browser, example_project, slug, viewport):
    record = example_project.programs[slug]
    program = record.data
    page = browser.page(f"programs/{slug}/", viewport).page
    glance = page.locator("section.trainops-glance")
    facts = dict(zip(glance.locator("dt").all_inner_texts(), glance.locator("dd").all_inner_texts(), strict=True))

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
        assert zone_label(session.start) in facts["Next session"]  # the zone as every page names it
        if session.entry.room:
            assert session.entry.room in facts["Next session"]
        if session.entry.link:
            assert glance.locator(f"a[href='{session.entry.link}']").count() == 1
        assert "Add to calendar" in facts["Next session"]
        # how long: the sessions of the next session's intake, added up
        intakes = group_into_intakes(example_project.sessions_of(slug), example_project.today)
        [intake] = [i for i in intakes if any(s is session for s in i.sessions)]
        count = len(intake.attended)
        assert facts["Time in sessions"].startswith(f"{count} session{'s' if count > 1 else ''}, ")
    else:
        assert "Time in sessions" not in facts
    contact_id = (program.escalation.learner_questions if program.escalation else None) or program.owner
    contact = example_project.people[contact_id]  # who do I ask
    assert contact.name in facts["Questions"]
    if contact.email:
        assert glance.locator(f"a[href='mailto:{contact.email}']").count() == 1
    # The site is built without PDFs here, so there is no manual to link (render tests cover it).
    assert "Manual" not in facts
    # The summary is said once, in the box; the page links no coordinator's page.
    assert page.locator("article").inner_text().count(program.summary) == 1
    hrefs = page.locator("article a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if "launch-checklist" in h or "reminders" in h or "-instructor.pdf" in h]

    # It is the first thing on the page: the answers start on the first screen, and on a desktop
    # all of them are on it without scrolling.
    screen = page.viewport_size["height"]
    box = glance.bounding_box()
    assert box["y"] < screen / 3
    if viewport == "desktop":
        questions = glance.locator("dt", has_text="Questions").bounding_box()
        assert questions["y"] + questions["height"] <= screen


# Every run of letters in a session table or the glance box that the browser spread over two lines
# (a break at a space, a dash or a slash is a line break; one inside a word is not).
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table.trainops-sessions :is(th, td), .trainops-glance :is(dt, dd)")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\s\-\u2013\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("slug", PROGRAMS)
def test_no_word_is_broken_inside_a_cell(browser, slug, viewport):
    # Found by a learner at 1280 px: "Instructo/r", "Confirme/d" in the guide's sessions table.
    page = browser.page(f"programs/{slug}/", viewport).page
    assert page.locator("table.trainops-sessions td").count() > 0
    assert page.evaluate(BROKEN_WORDS) == []
