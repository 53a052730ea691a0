"""The handoff page: a summary of what needs someone first, then people by name (accents and case aside)."""

from __future__ import annotations

from dataclasses import replace

from trainops.plan.handoff import name_key, overdue_reviews
from trainops.plan.urls import Urls
from trainops.readiness import check_readiness
from trainops.render.environment import project_environment
from trainops.render.handoff import (
    not_ready_launches,
    render_handoff,
    responsibilities,
    sessions_to_restaff,
    upcoming_launches,
)
from trainops.render.site import RenderContext


def test_names_sort_with_accents_and_case_set_aside():
    names = [
        "Zoë Müller",
        "de la Cruz, Ana",
        "Ängström, Lars",
        "Øyvind Berg",
        "adams, Kim",
        "Anders Bo",
        "Émile Zola",
        "佐藤 花子",
        "Ana",
        "ana",
    ]
    assert sorted(names, key=name_key) == [
        "adams, Kim",
        "Ana",
        "ana",
        "Anders Bo",
        "Ängström, Lars",
        "de la Cruz, Ana",
        "Émile Zola",
        "Zoë Müller",
        "Øyvind Berg",
        "佐藤 花子",
    ]


def test_people_are_in_the_order_of_their_names(example_project):
    names = [example_project.person_name(pid) for pid in responsibilities(example_project)]
    assert names == sorted(names, key=name_key)
    assert names[:3] == ["Jordan Lee", "Lukas Becker", "María García"] and names[-2:] == ["Zoë Müller", "佐藤 花子"]


def test_summary_lists_launches_reviews_and_sessions_to_restaff(example_project):
    readiness = check_readiness(example_project)
    launches = not_ready_launches(example_project, readiness)
    summary = [
        (n.record.slug, n.next_session.id, n.failures, len(n.fixes.today), len(n.fixes.blocking)) for n in launches
    ]
    assert summary == [
        ("onboarding", "onb-2026-12-01", 6, 3, 1),
        ("support-training", "sup-2027-01-11", 1, 0, 0),
        ("compliance-refresher", "comp-2027-01-12", 1, 0, 0),
    ]
    assert [(r.kind, r.title, r.owner) for r in overdue_reviews(example_project)] == [
        ("SOP", "Update completion records", "zoe.muller")
    ]
    assert sessions_to_restaff(example_project, readiness) == []


def test_a_session_without_an_instructor_is_to_restaff(example_project):
    session = example_project.upcoming_sessions("onboarding")[0]
    entry = session.entry.model_copy(update={"instructor": None})
    sessions = [replace(s, entry=entry) if s.id == session.id else s for s in example_project.sessions]
    project = replace(example_project, sessions=sessions)
    restaff = sessions_to_restaff(project, check_readiness(project))
    assert [(r.session.id, [f.rule for f in r.problems]) for r in restaff] == [(session.id, ["session-instructor"])]


def test_page_shows_the_summary_before_the_people(example_project):
    ctx = RenderContext(example_project, project_environment(example_project), Urls(), False, "coordinators")
    pages = {g.docs_path: g for g in render_handoff(ctx, check_readiness(example_project))}
    md = pages["handoff/index.md"].content
    assert md.index("## Needs someone first") < md.index("## People")
    assert (
        "### Launches not ready (3)" in md and "### Overdue reviews (1)" in md and "### Sessions to re-staff (0)" in md
    )
    assert "✗ 6 failure points</a>, <strong>3 to do today</strong>, <strong>1 blocking</strong>" in md
    # Everyone who owns something, by name, each with a page of their own.
    owners = list(responsibilities(example_project))
    assert [p for p in pages if p != "handoff/index.md"] == [f"handoff/people/{pid}.md" for pid in owners]
    assert '<a href="people/jordan.lee/">Jordan Lee</a>: 1 program, 2 SOPs' in md
    jordan = pages["handoff/people/jordan.lee.md"]
    assert jordan.title == "Handoff: Jordan Lee" and jordan.content.startswith("# Handoff: Jordan Lee (jordan\\.lee)")
    assert "<dt>Sessions they teach</dt>" in jordan.content and "trainops handoff jordan.lee NEW_ID" in jordan.content


def _with_owner(project, owner: str, slugs: tuple[str, ...]):
    programs = dict(project.programs)
    for slug in slugs:
        record = programs[slug]
        programs[slug] = replace(record, data=record.data.model_copy(update={"owner": owner}))
    return replace(project, programs=programs)


def test_a_persons_launches_are_by_date_not_by_name(example_project):
    # Compliance (first by name and slug) starts on 12 Jan 2027; onboarding on 1 Dec 2026.
    project = _with_owner(example_project, "sam.patel", ("compliance-refresher", "onboarding"))
    owned = responsibilities(project)["sam.patel"]
    assert [r.slug for r in owned.programs] == ["compliance-refresher", "onboarding"]
    launches = upcoming_launches(project, owned)
    assert [(launch.record.slug, launch.next_session.id) for launch in launches] == [
        ("onboarding", "onb-2026-12-01"),
        ("compliance-refresher", "comp-2027-01-12"),
    ]
    ctx = RenderContext(project, project_environment(project), Urls(), False, "coordinators")
    page = {g.docs_path: g for g in render_handoff(ctx, check_readiness(project))}["handoff/people/sam.patel.md"]
    launches_line = page.content.split("<dt>Upcoming launches</dt>")[1]
    assert launches_line.index("New Hire Onboarding") < launches_line.index("Annual Compliance Refresher")


def test_a_persons_page_gives_their_e_mail_and_zone_or_says_where_to_add_them(example_project):
    sam = example_project.people["sam.patel"]
    people = dict(example_project.people, **{"sam.patel": sam.model_copy(update={"email": None, "timezone": None})})
    ctx = RenderContext(example_project, project_environment(example_project), Urls(), False, "coordinators")
    pages = {g.docs_path: g.content for g in render_handoff(ctx, check_readiness(example_project))}
    zoe = pages["handoff/people/zoe.muller.md"]
    assert '<a href="mailto:zoe.muller@example.com">zoe.muller@example.com</a>' in zoe
    assert "Europe/Berlin (UTC+01:00 on Mon 23 Nov 2026)" in zoe
    bare = replace(example_project, people=people)
    ctx = RenderContext(bare, project_environment(bare), Urls(), False, "coordinators")
    bare_pages = {g.docs_path: g.content for g in render_handoff(ctx, check_readiness(bare))}
    sam_page = bare_pages["handoff/people/sam.patel.md"]
    assert "not given (add <code>email:</code> in programs/people.yaml)" in sam_page
    assert "not given (add <code>timezone:</code> in programs/people.yaml)" in sam_page
