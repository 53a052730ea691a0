"""Privacy by construction: a build of the example with training records puts no roster id, name
or e-mail anywhere in the learner site (pages, search index, sitemap, feeds, calendars), while the
coordinator site shows the follow-ups by id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main

ROSTER = {
    "L7001": ("Quentin Abernathy", "quentin.abernathy@example.org"),
    "L7002": ("Rosalind Featherstone", "rosalind.featherstone@example.org"),
    "L7003": ("Ignatius Oyelaran", "ignatius.oyelaran@example.org"),
}


def write_records(root: Path) -> None:
    records = root / "records"
    (records / "enrolments").mkdir(parents=True)
    (records / "attendance" / "2026").mkdir(parents=True)
    rows = "".join(f"{i},{name},{email},,Sales,Berlin\n" for i, (name, email) in ROSTER.items())
    (records / "learners.csv").write_text("learner,name,email,manager,unit,location\n" + rows)
    enrolled = "".join(f"{i},onb-2026-10-06,enrolled,2026-09-20\n" for i in ROSTER)
    (records / "enrolments" / "onboarding.csv").write_text("learner,cohort,status,date\n" + enrolled)
    (records / "attendance" / "2026" / "onb-2026-10-06.csv").write_text(
        "learner,status,minutes,note\nL7001,present,150,\nL7002,absent,,\nL7003,late,120,\n"
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = copy_example(tmp_path_factory.mktemp("with-records"))
    write_records(root)
    assert main(["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    return root / "site", root / "ops"


def every_text(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8", "replace")
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_the_learner_site_holds_no_roster_id_name_or_email(sites):
    learner_site, _ = sites
    words = [w for i, (name, email) in ROSTER.items() for w in (i, name, email, *name.split())]
    found = {(path, w) for path, text in every_text(learner_site).items() for w in words if w in text}
    assert found == set()


def test_the_coordinator_site_shows_the_follow_up_by_id_and_no_name(sites):
    _, ops = sites
    texts = every_text(ops)
    home = texts["index.html"]
    assert "Follow up" in home and "<code>L7002</code>" in home
    assert not any(name in text for text in texts.values() for name, _ in ROSTER.values())
    assert "L7002" in texts["follow-up/follow-up.csv"]
