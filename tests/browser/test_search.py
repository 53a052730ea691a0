"""Material's search, typed into as a learner would, finds programs and SOPs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.helpers.browser import DESKTOP


@pytest.fixture(scope="module")
def search(browser):
    """Type ``query`` into the search box of a fresh page; the paths of the pages found (with the
    fragment of the section found, when ``fragments``; only the first page's, with each of its
    sections found, when ``first_group``)."""
    context = browser.new_context(**DESKTOP)

    def run(query: str, fragments: bool = False, first_group: bool = False) -> list[str]:
        opened = browser.open(context, "")
        page = opened.page
        page.locator("label.md-search__icon[for=__search], input.md-search__input").first.click()
        box = page.locator("input.md-search__input")
        # One keyup with the whole query (Material searches on keyup): no results of a prefix.
        box.fill(query)
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
        # Each item is a page's result: its own link first (then, in ``first_group``, the sections
        # found on it, the more of them folded away by Material).
        chosen = ".md-search-result__item:first-child a" if first_group else ".md-search-result__item > a"
        links = page.eval_on_selector_all(f"{chosen}.md-search-result__link", "links => links.map(a => a.href)")
        assert opened.errors == [], "\n".join(opened.errors)
        page.close()
        found = [urlsplit(href) for href in links]
        return [f"{u.path}#{u.fragment}" if fragments and u.fragment else u.path for u in found]

    yield run
    context.close()


def test_finds_a_program_by_its_name(search):
    assert "/programs/onboarding/" in search("Onboarding")


def test_finds_an_sop_by_a_word_of_its_title(search):
    assert "/sops/join-an-online-session/" in search("online session")


def test_finds_an_sop_by_a_word_only_in_its_body(search, example_project):
    sop = example_project.sops["join-an-online-session"]
    assert "headset" in sop.body and "headset" not in sop.meta.title.lower()
    assert "/sops/join-an-online-session/" in search("headset")


def test_coordinator_sops_are_not_in_the_learner_search(browser):
    """The learner site's search index holds no page of the coordinator site: not its SOPs, not a
    checklist, not the handoff."""
    import json

    index = json.loads((browser.site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "sops/join-an-online-session/" in locations
    assert not [loc for loc in locations if loc.startswith(("sops/new-hire-cohort-setup", "handoff", "guide/"))]
    assert not [loc for loc in locations if loc.endswith(("launch-checklist/", "reminders/"))]
    assert "projector" not in json.dumps(index)  # a word of a coordinator SOP only


def test_a_room_finds_its_sessions_first(search, example_project):
    """Each session has an entry of its own linking to its row; for a room, the result on top is the
    guide holding its sessions, with each of them before the guide's other sections (Material groups
    a page's sections; words such as "Room" match those too)."""
    in_room = [s for s in example_project.upcoming_sessions() if s.entry.room == "LA Contact Center Room A"]
    assert {s.program for s in in_room} == {"support-training"}  # (the example's sessions there)
    first = search("LA Contact Center Room A", fragments=True, first_group=True)
    rows = [f"/programs/support-training/#session-{s.id}" for s in in_room]
    assert first[0] == "/programs/support-training/", first
    assert sorted(first[1 : 1 + len(rows)]) == sorted(rows), first  # before any other section of the guide


def test_a_session_title_finds_its_row(browser, search):
    import json

    index = json.loads((browser.site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "programs/onboarding/#session-onb-2026-12-02")
    assert entry["title"] == "Day 2 - Systems and Access \u2014 New Hire Onboarding \u00b7 Room: HQ 4B"
    assert entry["text"] == "Wed 2 Dec 2026, 09:30\u201312:30 Eastern Standard Time (UTC\u221205:00). Room: HQ 4B."
    # The tables are not indexed as sections any more: no result runs a table's cells together.
    assert not [d for d in index["docs"] if "WhenSessionWhere" in d["text"].replace(" ", "")]
