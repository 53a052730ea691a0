"""The status pages through a real build (tests/plan/status_fixture.py with 1,200 learners more):
the pages of learners' rows get their rows after Markdown, at their slot, and stay out of the
coordinator site's search index; the learner site has neither."""

from __future__ import annotations

import json

import pytest

from tests.helpers import TODAY
from tests.plan.alternatives import NOV
from tests.plan.status_fixture import RECORDS, write_fixture
from trainops.render.files import HTML_SLOT

MKDOCS_YML = "site_name: Go-Live Learning\ndocs_dir: content\ntheme: {name: material}\nplugins: [search, trainops]\n"
EXTRA = [f"L{n:04d}" for n in range(1_200)]


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
    pages = [built / "ops" / "status" / "go-live" / str(n) / "index.html" for n in (1, 2)]
    html = [p.read_text(encoding="utf-8") for p in pages]
    assert not (built / "ops" / "status" / "go-live" / "3").exists()  # 1,210 learners: 1,000 a page
    assert all(HTML_SLOT not in h and '<table class="trainops-status-learners">' in h for h in html)
    ids = [i for h in html for i in EXTRA if f"<code>{i}</code>" in h]
    assert ids == EXTRA
    assert all(p.stat().st_size < 400_000 for p in pages)


def test_the_pages_of_rows_stay_out_of_search_and_the_status_page_is_in(built):
    index = json.loads((built / "ops" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "programs/go-live/status/" in locations
    assert not [loc for loc in locations if loc.startswith("status/")]


def test_the_learner_site_has_no_status_page_and_no_id(built):
    site = built / "site"
    assert not (site / "status").exists() and not (site / "programs" / "go-live" / "status").exists()
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".json")]
    assert not [t for t in texts if "L0001" in t or "<code>n01</code>" in t]
