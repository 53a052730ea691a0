"""The loaded project: what it is made of is declared and typed, it does not change after
loading, and its questions are asked in one place (which sessions are upcoming, which will run)."""

from __future__ import annotations

import ast
import inspect
import typing
from dataclasses import FrozenInstanceError, fields, replace
from datetime import date, timedelta

import pytest

from tests.helpers import TODAY, copy_example
from trainops.load.loading import load_project
from trainops.model.changes import History
from trainops.model.project import Derived
from trainops.readiness import check_readiness


def test_every_derived_slot_is_typed_and_says_who_fills_it():
    hints = typing.get_type_hints(Derived)
    for slot in fields(Derived):
        assert hints[slot.name] is not typing.Any
        assert "Any" not in str(hints[slot.name]), slot.name
        assert slot.default is None, f"{slot.name}: None until worked out"
    tree = ast.parse(inspect.getsource(Derived))
    body = tree.body[0].body  # type: ignore[attr-defined]
    documented = {
        node.target.id
        for node, after in zip(body, body[1:], strict=False)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and isinstance(after, ast.Expr)
        and isinstance(after.value, ast.Constant)
        and isinstance(after.value.value, str)
        and "trainops." in after.value.value
    }
    assert documented == {slot.name for slot in fields(Derived)}


def test_the_loaded_project_is_frozen(example_project):
    for name, value in (("today", date(2030, 1, 1)), ("programs", {}), ("history", History()), ("derived", Derived())):
        with pytest.raises(FrozenInstanceError):
            setattr(example_project, name, value)
    assert example_project.today == TODAY and example_project.programs


def test_a_changed_project_is_a_copy_with_nothing_worked_out(example_project):
    check_readiness(example_project)
    assert example_project.derived.readiness is not None
    fewer = replace(example_project, programs={"onboarding": example_project.programs["onboarding"]})
    assert fewer.derived.readiness is None and fewer.derived is not example_project.derived
    assert list(check_readiness(fewer)) == ["onboarding"]
    assert len(check_readiness(example_project)) > 1


def test_loading_with_the_history_gives_a_frozen_project_too(tmp_path):
    project, _ = load_project(copy_example(tmp_path / "org"), today=TODAY, history=True)
    assert project.history.problem  # (a copy outside git: no history, and it says why)
    with pytest.raises(FrozenInstanceError):
        project.history = History()  # type: ignore[misc]


def test_running_sessions_are_the_upcoming_ones_not_cancelled(example_project):
    upcoming = example_project.upcoming_sessions()
    running = example_project.running_sessions()
    cancelled = [s for s in upcoming if s.status == "cancelled"]
    assert cancelled and running  # the example has both, or this test proves nothing
    assert running == [s for s in upcoming if s not in cancelled]
    assert all(s.is_upcoming(example_project.today) for s in running)


def test_running_sessions_of_a_program(example_project):
    slug = next(s.program for s in example_project.upcoming_sessions() if s.status == "cancelled")
    running = example_project.running_sessions(slug)
    assert running and all(s.program == slug and s.status != "cancelled" for s in running)
    assert len(running) < len(example_project.upcoming_sessions(slug))
    assert example_project.running_sessions("no-such-program") == []


def test_a_session_ending_today_still_runs_and_one_ended_yesterday_does_not(example_project):
    first = example_project.running_sessions()[0]
    last_day = first.end.date()
    assert first in replace(example_project, today=last_day).running_sessions()
    assert first not in replace(example_project, today=last_day + timedelta(days=1)).running_sessions()


def test_runs_of_a_part_are_the_sessions_whose_part_it_is(tmp_path):
    """``runs_of`` against its definition (the sessions of the program with that ``part_of``, by
    start), also where a session with no part has a listed part's name as its id."""
    from tests.helpers.base_project import BASE, write_project
    from trainops.load.settings import read_settings

    program = BASE["programs/onboarding.yaml"].replace("\nowner:", "\nparts: [day-1, onb-2026-12-16]\nowner:")
    schedule = BASE["programs/schedule.yaml"].replace("    title: Day 1", "    part: day-1\n    title: Day 1", 1)
    later = schedule.split("sessions:\n", 1)[1].replace("2026-12-1", "2027-01-1")
    schedule += later.replace("onb-2027-01-16\n", "onb-2027-01-16\n    part: onb-2026-12-16\n")
    root = write_project(tmp_path, {"programs/onboarding.yaml": program, "programs/schedule.yaml": schedule})
    settings, _ = read_settings(root)
    project, _ = load_project(root, settings, TODAY)
    parts = {project.part_of(s) for s in project.sessions} | {"no-such-part"}
    assert len(project.sessions) == 4 and {"day-1", "onb-2026-12-16"} <= parts
    for part in parts:
        expected = sorted(
            (s for s in project.sessions if s.program == "onboarding" and project.part_of(s) == part),
            key=lambda s: (s.start_utc, s.id),
        )
        assert project.runs_of("onboarding", part) == expected, part
        assert project.runs_of("other-program", part) == []
    # The session with no part, its id a listed part's name, runs with that part's sessions.
    assert [s.id for s in project.runs_of("onboarding", "onb-2026-12-16")] == ["onb-2026-12-16", "onb-2027-01-16"]
