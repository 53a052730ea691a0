"""Long lists are summarised (counts, soonest first) with the rest on pages of their own, so no
page grows with the organisation; every link from a summary reaches its page."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.sites import broken_links, build_command, generate_org
from trainops.cli import main
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.plan.paging import PAGE_ROWS, SUMMARY_ROWS, list_pages, list_pages_within
from trainops.plan.sites import COORDINATORS, LEARNERS, published_on
from trainops.plan.urls import Urls
from trainops.readiness import check_readiness
from trainops.render.environment import project_environment
from trainops.render.handoff import render_handoff, restaff_by_instructor, sessions_to_restaff
from trainops.render.reminder_pages import MESSAGES_IN_FULL, plan_reminder_page
from trainops.render.site import RenderContext, render_site

TODAY = date(2026, 11, 23)
# 4 programs of 100 sessions each (300 messages apiece), 80 % of them to re-staff, 310 SOPs.
SIZE = {"programs": 4, "sops": 310, "sessions": 400, "people": 8, "problems": 0.8}


@pytest.fixture(scope="module")
def big_org(tmp_path_factory) -> Path:
    return generate_org(tmp_path_factory.mktemp("bounded") / "org", **SIZE)


@pytest.fixture(scope="module")
def big_project(big_org):
    settings, _ = read_settings(big_org)
    project, diagnostics = load_project(big_org, settings, TODAY)
    assert not [d for d in diagnostics if d.severity == "error"]
    return project


def _summary_and_parts(project, site, summary: str, folder: str) -> tuple[dict[str, str], str, list[str]]:
    """The pages of ``site`` by docs path, the text of its ``summary`` page, and the pages of the
    full list in ``folder``, each of which the summary links."""
    pages = {g.docs_path: g.content for g in render_site(project, site=site)}
    parts = sorted(p for p in pages if p.startswith(folder))
    here = posixpath.dirname(summary) or "."
    assert all(f'href="{posixpath.relpath(p.removesuffix(".md"), here)}/"' in pages[summary] for p in parts)
    return pages, pages[summary], parts


def test_a_list_is_cut_into_numbered_pages_that_link_each_other():
    pages = list_pages(list(range(7)), "handoff/restaff", rows=3)
    assert [(p.docs_path, p.number, p.count, list(p.items), p.first, p.last) for p in pages] == [
        ("handoff/restaff/1.md", 1, 3, [0, 1, 2], 1, 3),
        ("handoff/restaff/2.md", 2, 3, [3, 4, 5], 4, 6),
        ("handoff/restaff/3.md", 3, 3, [6], 7, 7),
    ]
    assert [(p.previous, p.next) for p in pages] == [
        (None, "handoff/restaff/2.md"),
        ("handoff/restaff/1.md", "handoff/restaff/3.md"),
        ("handoff/restaff/2.md", None),
    ]
    assert list_pages([], "x") == []
    with pytest.raises(ValueError):
        list_pages([1], "x", rows=0)


def test_a_list_is_cut_into_pages_of_as_many_items_as_their_sizes_allow():
    pages = list_pages_within(list("abcdefg"), "status/p", [4, 4, 3, 9, 12, 1, 9], 10)
    # (a page takes items while they fit; one larger than the budget is a page of its own)
    assert [(p.docs_path, "".join(p.items), p.first, p.last, p.count) for p in pages] == [
        ("status/p/1.md", "ab", 1, 2, 5),
        ("status/p/2.md", "c", 3, 3, 5),
        ("status/p/3.md", "d", 4, 4, 5),
        ("status/p/4.md", "e", 5, 5, 5),
        ("status/p/5.md", "fg", 6, 7, 5),
    ]
    assert [(p.previous, p.next) for p in pages][1] == ("status/p/1.md", "status/p/3.md")
    assert list_pages_within([], "x", [], 10) == []
    with pytest.raises(ValueError):
        list_pages_within([1, 2], "x", [1], 10)


def test_sessions_to_restaff_are_summarised_counted_per_instructor_and_paged(big_project):
    readiness = check_readiness(big_project)
    restaff = sessions_to_restaff(big_project, readiness)
    assert len(restaff) > PAGE_ROWS  # more than a page: the overview must summarise
    counts = restaff_by_instructor(restaff)
    assert sum(c.count for c in counts) == len(restaff)
    assert counts[0].instructor is None  # the sessions nobody teaches first: someone must be found
    starts = [c.soonest.session.start_utc for c in counts[1:]]
    assert starts == sorted(starts) and None not in [c.instructor for c in counts[1:]]  # then the soonest first

    ctx = RenderContext(big_project, project_environment(big_project), Urls(), False, COORDINATORS)
    pages = {g.docs_path: g for g in render_handoff(ctx, readiness)}
    overview = pages["handoff/index.md"].content
    assert f"### Sessions to re-staff ({len(restaff):,})" in overview
    table = overview.split("### Sessions to re-staff", 1)[1].split("## People", 1)[0]
    # The soonest ones only, in order, then links to every page of the full list.
    by_instructor, soonest = table.split("<p>The soonest sessions:</p>", 1)
    assert by_instructor.count("<tr><td>") == len(counts) and "<tr><td>nobody assigned</td><td>" in by_instructor
    assert soonest.split("</table>", 1)[0].count("<tr><td>") == SUMMARY_ROWS
    full = sorted(p for p in pages if p.startswith("handoff/restaff/"))
    assert len(full) == -(-len(restaff) // PAGE_ROWS)
    assert all(f'href="{p.removeprefix("handoff/").removesuffix(".md")}/"' in table for p in full)
    rows = sum(pages[p].content.count("<tr><td>") for p in full)
    assert rows == len(restaff)  # every session on exactly one page
    first = pages["handoff/restaff/1.md"]
    assert first.title.startswith(f"Sessions to re-staff (1–{PAGE_ROWS:,} of {len(restaff):,})")
    assert 'rel="next" href="../2/"' in first.content and 'href="../../"' in first.content


def test_a_long_sop_library_lists_reviews_due_first_and_links_its_pages(big_project):
    for site in (COORDINATORS, LEARNERS):
        pages, library, parts = _summary_and_parts(big_project, site, "sops/index.md", "sops/a-z/")
        mine = [slug for slug in big_project.sops if published_on(big_project, f"sops/{slug}.md", site)]
        if len(mine) <= PAGE_ROWS:
            assert parts == [] and library.count('<td><a href="') == len(mine)
            continue
        assert len(parts) == -(-len(mine) // PAGE_ROWS)
        listed = [s for p in parts for s in re.findall(r'<td><a href="\.\./\.\./([^/"]+)/">', pages[p])]
        assert sorted(listed) == sorted(mine)
        if site == LEARNERS:
            assert "Reviews due first" not in library
            continue
        # The reviews due soonest (the overdue ones), then the pages A to Z.
        summary = library.split("## Reviews due first", 1)[1].split("## All", 1)[0]
        overdue = sum(big_project.sops[slug].overdue(TODAY) for slug in mine)
        assert f"⚠ {overdue} reviews overdue." in summary
        shown = re.findall(r'<td><a href="([^/"]+)/">', summary)
        sops = big_project.sops
        expected = sorted(mine, key=lambda slug: (sops[slug].next_review, sops[slug].meta.title.lower(), slug))
        assert shown == expected[:SUMMARY_ROWS]


def test_a_reminders_page_shows_texts_up_to_its_budget_and_counts_the_later_weeks(big_project):
    from trainops.plan.reminders import plan_reminders
    from trainops.render.messages import render_messages

    messages = render_messages(project_environment(big_project), big_project, plan_reminders(big_project), Urls())
    slug = sorted(big_project.programs)[0]
    plan = plan_reminder_page([m for m in messages if m.reminder.program == slug], TODAY)
    shown = len(plan.due_in_full) + sum(len(ms) for _w, ms in plan.full_weeks)
    assert plan.counted and shown <= MESSAGES_IN_FULL
    assert shown + sum(len(ms) for _w, ms in plan.counted_weeks) == len(plan.due_in_full) + plan.later
    weeks = [w for w, _ms in plan.weeks]
    assert weeks == sorted(weeks) and plan.full_weeks[-1][0] < plan.counted_weeks[0][0]


def test_every_link_of_the_big_sites_reaches_a_page(big_org, tmp_path):
    """Built through the CLI and followed like a browser, as the example's build test does."""
    site, ops = tmp_path / "site", tmp_path / "ops"
    assert main(build_command(big_org, site, ops)) == 0
    assert (ops / "handoff" / "restaff" / "2" / "index.html").exists()
    assert (ops / "sops" / "a-z" / "2" / "index.html").exists()
    assert broken_links(site) + broken_links(ops) == []


@pytest.fixture(scope="module")
def many_programs(tmp_path_factory):
    """More programs than a page holds (a session each), for the catalogue and the overview; one
    person teaches every session."""
    root = generate_org(tmp_path_factory.mktemp("programs") / "org", programs=310, sops=5, sessions=310, people=1)
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in diagnostics if d.severity == "error"]
    return project


def test_a_long_catalogue_shows_the_programs_starting_soonest_and_links_its_pages(many_programs):
    pages, catalogue, parts = _summary_and_parts(many_programs, LEARNERS, "programs/index.md", "programs/a-z/")
    assert parts == ["programs/a-z/1.md", "programs/a-z/2.md"]
    soonest = catalogue.split("## Starting soonest", 1)[1].split("## All programs", 1)[0]
    shown = re.findall(r'<h2 class="trainops-card__title"><a href="([^/"]+)/">', soonest)
    first = list(dict.fromkeys(s.program for s in many_programs.upcoming_sessions()))
    assert shown == first[:SUMMARY_ROWS]
    listed = [
        s
        for p in parts
        for s in re.findall(r'<h2 class="trainops-card__title"><a href="\.\./\.\./([^/"]+)/">', pages[p])
    ]
    assert sorted(listed) == sorted(many_programs.programs)  # every program on one page A to Z


def test_a_long_overview_shows_the_first_launches_with_counts_and_links_the_rest(many_programs):
    pages, home, parts = _summary_and_parts(many_programs, COORDINATORS, "index.md", "launches/")
    assert parts == ["launches/1.md", "launches/2.md"]
    ready = sum(r.ready for r in check_readiness(many_programs).values())
    assert f"310 programs: <strong>{310 - ready:,} not ready</strong>, {ready:,} ready." in home
    assert home.count('<td data-label="Program">') == SUMMARY_ROWS
    rows = [re.findall(r'<td data-label="Program"><a href="[^"]*programs/([^/"]+)/">', pages[p]) for p in parts]
    assert sorted(rows[0] + rows[1]) == sorted(many_programs.programs) and len(rows[0]) == PAGE_ROWS
    assert not any(published_on(many_programs, p, LEARNERS) for p in parts)  # the coordinators' only


def test_a_person_teaching_many_sessions_has_the_soonest_on_their_page_and_the_rest_on_pages(many_programs):
    ctx = RenderContext(many_programs, project_environment(many_programs), Urls(), False, COORDINATORS)
    pages = {g.docs_path: g for g in render_handoff(ctx, check_readiness(many_programs))}
    (pid,) = many_programs.people
    person = pages[f"handoff/people/{pid}.md"].content
    taught = person.split("<dt>Sessions they teach</dt>", 1)[1].split("</dd>", 1)[0]
    sessions = [s for s in many_programs.upcoming_sessions() if s.status != "cancelled"]
    assert len(sessions) > PAGE_ROWS and taught.count("<time ") == SUMMARY_ROWS
    assert f"The first {SUMMARY_ROWS} of {len(sessions)}." in taught
    parts = [p for p in pages if p.startswith(f"handoff/people/{pid}/sessions/")]
    assert parts == [f"handoff/people/{pid}/sessions/1.md", f"handoff/people/{pid}/sessions/2.md"]
    assert all(f'href="sessions/{n}/"' in taught for n in (1, 2))
    assert sum(pages[p].content.count("<time ") for p in parts) == len(sessions)
    assert 'href="../../"' in pages[parts[0]].content  # back to the person's page
