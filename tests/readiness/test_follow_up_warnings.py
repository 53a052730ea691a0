"""The follow-ups as check warnings: one each, at the session's line (or the first enrolment row
of its learners), with the owner and the learners by id, never a name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.plan.alternatives import load, records
from trainops.model.training_records import Learner
from trainops.plan.followups import follow_ups
from trainops.readiness.follow_up_warnings import IDS_NAMED, follow_up_diagnostics


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("go-live"))


def test_one_warning_per_follow_up_at_its_place(project):
    kept = records()
    found = [d.as_text() for d in follow_up_diagnostics(project, kept, follow_ups(project, kept))]
    where = {s.id: s.line()[0] for s in project.sessions}
    assert found[0] == (
        f"programs/schedule.yaml:{where['d2-ldn-nov']}:5: warning: d2-ldn-nov: attendance not taken 3 days "
        "after the session — owner: ben.cole [attendance-not-taken]"
    )
    assert found[1].startswith(f"programs/schedule.yaml:{where['d1-nyc-nov']}:5: warning: 1 learner (n03) missed ")
    assert found[1].endswith(
        "(part day-1) of Go-Live Workshop with no later run attended; next runs: d1-nyc-dec "
        "— owner: ana.ruiz [missed-part]"
    )
    enrolled_at = records().enrolments["go-live"]
    first = next(e.line for e in enrolled_at if e.learner in ("n03", "n04", "n08"))
    assert found[4] == (
        f"records/enrolments/go-live.csv:{first}:1: warning: 3 learners (n03, n04, n08) of Go-Live Workshop not "
        "complete by the due date — owner: ben.cole [late-completion]"
    )
    assert found[5].endswith(
        "1 learner (n08) of Go-Live Workshop absent from their last two sessions in a row "
        "— owner: ana.ruiz [absent-twice]"
    )
    assert len(found) == 6


def test_many_learners_are_counted_and_nobody_is_named(project):
    kept = records()
    roster = {i: Learner(i, f"Person {i}", f"{i}@example.org", "", "", "", "r.csv", 2) for i in ("n03", "n08")}
    items = [replace(f, learners=tuple(f"x{n:02d}" for n in range(IDS_NAMED + 1))) for f in follow_ups(project, kept)]
    texts = [d.message for d in follow_up_diagnostics(project, replace(kept, roster=roster), items)]
    assert all("x00" not in t for t in texts[1:]) and "6 learners missed" in texts[1]
    assert all("Person" not in t and "@" not in t for t in texts)


def test_without_an_owner_the_warning_says_where_to_name_one(project):
    record = project.programs["go-live"]
    nobody = replace(record, data=record.data.model_copy(update={"escalation": None}))
    changed = replace(project, programs={"go-live": nobody})
    kept = records()
    texts = {d.rule: d.message for d in follow_up_diagnostics(changed, kept, follow_ups(changed, kept))}
    assert texts["late-completion"].endswith("owner: none (name one in the program's escalation.late_completions)")
    assert texts["missed-part"].endswith("owner: none (name one in the program's escalation.missed_sessions)")
