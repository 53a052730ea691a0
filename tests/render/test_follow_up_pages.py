"""The follow-ups on the coordinator site (the go-live fixture of tests/plan/alternatives.py): the
overview's section (golden), each launch checklist's, the pages of a long list, the CSV, the
messages' recipients; and the learner site, which is never given the records."""

from __future__ import annotations

import csv
import io
import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers import GOLDEN_DIR, assert_golden
from tests.plan.alternatives import load, records
from trainops.model.training_records import Learner
from trainops.plan.coordinator_records import coordinator_records
from trainops.plan.sites import COORDINATORS, LEARNERS, SITES
from trainops.plan.urls import Urls
from trainops.render import pool
from trainops.render import workers as workers_module
from trainops.render.after_markdown import unmarked
from trainops.render.environment import project_environment
from trainops.render.pool import SiteRender
from trainops.render.site import RenderContext, render_site

GOLDEN = GOLDEN_DIR / "follow-up"
LEARNER_IDS = [f"n{n:02d}" for n in range(1, 12)] + ["d01", "d02"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("go-live"))


@pytest.fixture(scope="module")
def ops(project):
    shown = coordinator_records(project, records(), names=False)
    return {
        g.docs_path: unmarked(g.content) if isinstance(g.content, str) else g.content
        for g in render_site(project, site=COORDINATORS, records=shown)
    }


def section(page: str) -> str:
    return page[page.index("## Follow up") : page.index("\n## ", page.index("## Follow up") + 5)]


def test_the_overview_has_the_follow_up_section(ops):
    assert_golden(section(ops["index.md"]), GOLDEN / "overview-section.md")


def test_the_csv_has_every_learner_of_every_follow_up_by_id(ops):
    rows = list(csv.DictReader(io.StringIO(ops["follow-up/follow-up.csv"])))
    assert [(r["kind"], r["session"], r["learner"]) for r in rows] == [
        ("attendance-not-taken", "d2-ldn-nov", ""),
        ("missed-part", "d1-nyc-nov", "n03"),
        ("missed-part", "d1-ldn-nov", "n08"),
        ("missed-part", "d2-nyc-nov", "n08"),
        ("missed-part", "d2-nyc-nov", "n09"),
        ("late-completion", "", "n03"),
        ("late-completion", "", "n04"),
        ("late-completion", "", "n08"),
        ("absent-twice", "", "n08"),
    ]


def test_the_launch_checklist_has_the_programs_follow_ups(ops):
    page = section(ops["programs/go-live/launch-checklist.md"])
    assert page.count('<li class="trainops-follow-up__item') == 6
    assert "Go-Live Workshop</a>:" not in page  # (its own page: no program names)
    assert "<code>n08</code>, <code>n09</code>" in page


def test_the_send_schedule_and_reminders_page_name_the_recipients(ops):
    rows = list(csv.DictReader(io.StringIO(ops["reminders/send-schedule.csv"])))
    named = {(r["session"], r["template"]): r["recipients"] for r in rows if r["recipients"]}
    assert named == {
        ("d1-nyc-nov", "missed-session"): "n03",
        ("d1-ldn-nov", "missed-session"): "n08",
        ("d2-nyc-nov", "missed-session"): "n08 n09",
        ("d1-nyc-nov", "late-completion"): "n03",
        ("d1-ldn-nov", "late-completion"): "n08",
        ("d1-tyo-nov", "late-completion"): "n04",
    }
    assert {r["audience"] for r in rows if r["template"] == "late-completion"} == {
        "learners not complete by their due date"
    }
    page = ops["programs/go-live/reminders.md"]
    assert (
        "To: learners expected at this run who did not attend: 2 learners, <code>n08</code>, <code>n09</code>" in page
    )
    assert "Please complete Go-Live Workshop" in page


def test_names_only_with_ops_names(project):
    roster = {
        i: Learner(i, f"Name {i}", f"{i}@example.org", "", "", "", "records/learners.csv", 2) for i in LEARNER_IDS
    }
    kept = replace(records(), roster=roster)
    for names in (False, True):
        shown = coordinator_records(project, kept, names=names)
        pages = {g.docs_path: g.content for g in render_site(project, site=COORDINATORS, records=shown)}
        home, csv_text = pages["index.md"], pages["follow-up/follow-up.csv"]
        assert ("<code>Name n03</code>" in home) is names and ("<code>n03</code>" in home) is not names
        assert "Name" not in csv_text and "@" not in csv_text  # the CSV is ids, whatever the setting
        assert "@example.org" not in "".join(str(c) for c in pages.values())


def test_a_long_list_goes_on_pages_of_its_own(project):
    kept = records()
    shown = coordinator_records(project, kept, names=False)
    many = replace(shown, followups=shown.followups * 5)  # 30 follow-ups: over the overview's 20
    pages = {g.docs_path: g.content for g in render_site(project, site=COORDINATORS, records=many)}
    assert section(pages["index.md"]).count('<li class="trainops-follow-up__item') == 20
    assert "follow-up/1.md" in pages and "follow-up/2.md" not in pages
    assert pages["follow-up/1.md"].count('<li class="trainops-follow-up__item') == 30


def test_without_records_no_section_and_no_follow_up_files(project):
    pages = {g.docs_path: g.content for g in render_site(project, site=COORDINATORS)}
    assert "## Follow up" not in pages["index.md"] and not any(p.startswith("follow-up/") for p in pages)


def test_the_learner_site_is_never_given_the_records(project):
    shown = coordinator_records(project, records(), names=False)
    with pytest.raises(ValueError, match="never given the training records"):
        render_site(project, site=LEARNERS, records=shown)
    with pytest.raises(ValueError):
        RenderContext(project, project_environment(project), Urls(), site=LEARNERS, records=shown)


@pytest.mark.parametrize("workers", [1, 2])
def test_site_render_hands_the_records_to_the_coordinator_site_only(project, workers, monkeypatch):
    monkeypatch.setattr(pool, "MIN_SESSIONS", 1)  # (with two, a worker renders the coordinator site)
    monkeypatch.setattr(workers_module.threading, "active_count", lambda: 1)  # (threads other tests left idle)
    shown = coordinator_records(project, records(), names=False)
    with SiteRender(project, SITES, workers=workers, share=lambda: (shown, None)) as render:
        assert bool(multiprocessing.active_children()) == (workers == 2)
        learners = render.files(LEARNERS)
        coordinators = [
            replace(g, content=Path(g.source).read_bytes()) if g.source else g for g in render.files(COORDINATORS)
        ]
    learner_text = "".join(g.content if isinstance(g.content, str) else g.content.decode() for g in learners)
    assert [i for i in LEARNER_IDS if i in learner_text] == []
    assert any(g.docs_path == "follow-up/follow-up.csv" for g in coordinators)
