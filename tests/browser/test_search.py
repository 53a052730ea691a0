"""Material's search, typed into as a learner would, finds programs and SOPs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.helpers.browser import DESKTOP


@pytest.fixture(scope="module")
def search(browser):
    """Type ``query`` into the search box of a fresh page; the paths of the pages found."""
    context = browser.new_context(**DESKTOP)

    def run(query: str) -> list[str]:
        opened = browser.open(context, "")
        page = opened.page
        page.locator("label.md-search__icon[for=__search], input.md-search__input").first.click()
        box = page.locator("input.md-search__input")
        # One keyup with the whole query (Material searches on keyup): no results of a prefix.
        box.fill(query)
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
        links = page.eval_on_selector_all(
            ".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)"
        )
        assert opened.errors == [], "\n".join(opened.errors)
        page.close()
        return [urlsplit(href).path for href in links]

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
