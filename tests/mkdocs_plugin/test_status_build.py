"""The status pages through a real build (tests/plan/status_fixture.py with 3,000 learners more):
the pages of learners' rows get their rows after the theme made the page, at their slot; the records' pages and
every learner's id stay out of the coordinator site's search index; the learner site has neither."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import TODAY
from tests.plan.alternatives import NOV
from tests.plan.status_fixture import RECORDS, write_fixture

MKDOCS_YML = "site_name: Go-Live Learning\ndocs_dir: content\ntheme: {name: material}\nplugins: [search, trainops]\n"
EXTRA = [f"L{n:04d}" for n in range(3_000)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from trainops.cli import main

    root = write_fixture(tmp_path_factory.mktemp("status-build"))
    enrolments = RECORDS["records/enrolments/go-live.csv"] + "".join(f"{i},{NOV},enrolled,2026-10-01\n" for i in EXTRA)
    (root / "records/enrolments/go-live.csv").write_text(enrolments, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Go-Live Learning\n", encoding="utf-8")
    assert main(["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    return root


def test_the_rows_are_in_their_pages_and_the_slot_is_gone(built):
    pages = [built / "ops" / "status" / "go-live" / str(n) / "index.html" for n in (1, 2, 3)]
    html = [p.read_text(encoding="utf-8") for p in pages]
    # (3,010 learners: too many for the status page; on pages of as many as fit, 1,400 by id)
    assert not (built / "ops" / "status" / "go-live" / "4").exists()
    assert all("trainops:html" not in h and "after-markdown" not in h for h in html)
    assert all('<table class="trainops-status-learners">' in h for h in html)
    ids = [i for h in html for i in EXTRA if f"<code>{i}</code>" in h]
    assert ids == EXTRA
    assert all(p.stat().st_size < 400_000 for p in pages)
    status = (built / "ops" / "programs" / "go-live" / "status" / "index.html").read_text(encoding="utf-8")
    assert len(status.encode()) < 400_000 and status.count("<code>L") == 20  # (the first of them, and links)


def test_the_records_pages_and_every_roster_id_stay_out_of_search(built):
    """The index is one file anyone with the site downloads whole: no page of the records (the status
    page, its pages of rows, the follow-up pages) is in it, no learner's id, and no message to the
    learners a reminders page lists; that page is found by its title."""
    text = (built / "ops" / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = json.loads(text)["docs"]
    locations = {doc["location"].split("#")[0] for doc in docs}
    assert (built / "ops" / "programs" / "go-live" / "status" / "index.html").is_file()
    assert "programs/go-live/status/" not in locations
    assert not [loc for loc in locations if loc.startswith(("status/", "follow-up/"))]
    roster = {line.split(",")[0] for line in RECORDS["records/enrolments/go-live.csv"].splitlines()[1:]}
    assert {"n01", "d02"} <= roster
    assert not sorted(i for i in roster | set(EXTRA) if re.search(rf"\b{i}\b", text))
    # the launch checklist is searched, but not its follow-ups of the records (they change daily)
    checklist = [doc for doc in docs if doc["location"].startswith("programs/go-live/launch-checklist/")]
    page = (built / "ops" / "programs" / "go-live" / "launch-checklist" / "index.html").read_text(encoding="utf-8")
    assert checklist and "To do:" in page and "trainops:" not in page
    assert [doc["title"] for doc in checklist if "To do:" in doc["text"]] == []
    assert "Follow up" in [doc["title"] for doc in checklist]
    reminders = [doc for doc in docs if doc["location"] == "programs/go-live/reminders/"]
    assert [doc["title"] for doc in reminders] == ["Reminders: Go-Live Workshop"]
    assert "missed" in reminders[0]["text"] and "trainops-message" not in text
    # (the launch checklist lists the program's follow-ups: it is in the index, its learners are not)
    assert "programs/go-live/launch-checklist/" in locations


def test_the_learner_site_has_no_status_page_and_no_id(built):
    site = built / "site"
    assert not (site / "status").exists() and not (site / "programs" / "go-live" / "status").exists()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json")]
    assert not [t for t in texts if "L0001" in t or "<code>n01</code>" in t]
