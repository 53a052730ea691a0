"""One search entry per session, linking to its row on the guide; added to the search plugin's index."""

from __future__ import annotations

import json

from trainops.plan.sites import COORDINATORS, LEARNERS
from trainops.plan.urls import Urls
from trainops.render.search_entries import SearchEntry, add_search_entries, session_search_entries


def test_one_entry_per_upcoming_session_linking_to_its_row(example_project):
    entries = session_search_entries(example_project, LEARNERS, Urls())
    upcoming = [s for slug in sorted(example_project.programs) for s in example_project.upcoming_sessions(slug)]
    assert [e.location for e in entries] == [f"programs/{s.program}/#session-{s.id}" for s in upcoming]


def test_an_entry_says_title_program_time_and_place(example_project):
    entries = {e.location: e for e in session_search_entries(example_project, LEARNERS, Urls())}
    cancelled = entries["programs/compliance-refresher/#session-comp-2027-02-16"]
    assert cancelled.title == "Exam review clinic - Americas \u2014 Annual Compliance Refresher \u00b7 Online"
    assert cancelled.text == (
        "Tue 16 Feb 2027, 11:00\u201312:30 Eastern Standard Time (UTC\u221205:00). Online. Cancelled."
    )
    both = entries["programs/onboarding/#session-onb-2026-12-01"]
    assert both.title.endswith("\u00b7 Room: HQ 4B, Online")


def test_without_directory_urls_the_entry_links_the_file(example_project):
    entries = session_search_entries(example_project, LEARNERS, Urls(use_directory_urls=False))
    assert entries[0].location.startswith("programs/compliance-refresher/index.html#session-")


def test_no_entries_on_the_coordinator_site(example_project):
    """The coordinator site has no guides, so no rows to link to."""
    assert session_search_entries(example_project, COORDINATORS, Urls()) == []


def test_no_internal_field_in_an_entry(example_project):
    entries = json.dumps([e.as_json() for e in session_search_entries(example_project, LEARNERS, Urls())])
    internal = [s.entry.backup for s in example_project.sessions if getattr(s.entry, "backup", None)]
    assert internal and not [text for text in internal if text in entries]


def test_entries_are_added_after_the_plugins_own_and_escaped():
    index = json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "Home", "text": "Hi"}]})
    added = json.loads(add_search_entries(index, [SearchEntry("programs/x/#session-a", "A <b>", "Room: 1 & 2")]))
    assert added["config"] == {"lang": ["en"]}
    assert added["docs"] == [
        {"location": "", "title": "Home", "text": "Hi"},
        {"location": "programs/x/#session-a", "title": "A &lt;b&gt;", "text": "Room: 1 &amp; 2"},
    ]
