"""Renewal messages on the forklift fixture (tests/plan/certified.py): when the window opens, 30
and 7 days before the expiry, to the learners by id, about the session they can renew in."""

from __future__ import annotations

from datetime import date

import pytest
from jinja2 import ChoiceLoader, DictLoader

from tests.helpers import GOLDEN_DIR, assert_golden
from trainops.plan.certification import program_certification
from trainops.plan.coordinator_records import coordinator_records
from trainops.plan.reminders import plan_reminders
from trainops.plan.renewal_messages import renewal_messages
from trainops.plan.renewal_seats import renewal_seats
from trainops.plan.urls import Urls
from trainops.render.environment import project_environment
from trainops.render.messages import render_messages, send_schedule_row

from . import certified
from .alternatives import load


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("forklift"), certified.files())


@pytest.fixture(scope="module")
def messages(project):
    kept = certified.records()
    licence = program_certification(project, kept, "forklift")
    return renewal_messages(project, licence, renewal_seats(project, kept, licence))


def test_each_certified_learner_gets_three_messages_before_their_expiry(messages):
    d = date
    got = [(r.send_date, r.session.id, r.recipients, r.expires, r.overdue) for r in messages]
    assert got == [
        # a02, booked into the free seat of 30 Nov: the window opened on 2 Sep, both passed
        (d(2026, 9, 2), "rf-2026-11-30", ("a02",), d(2026, 12, 1), True),
        (d(2026, 9, 21), "rf-2026-12-15", ("a05",), d(2026, 12, 20), True),
        (d(2026, 11, 1), "rf-2026-11-30", ("a02",), d(2026, 12, 1), True),
        (d(2026, 11, 20), "rf-2026-12-15", ("a05",), d(2026, 12, 20), True),
        (d(2026, 11, 24), "rf-2026-11-30", ("a02",), d(2026, 12, 1), False),
        # a01: the first refresher in the window that opens on 10 Dec
        (d(2026, 12, 10), "rf-2026-12-15", ("a01",), d(2027, 3, 10), False),
        (d(2026, 12, 13), "rf-2026-12-15", ("a05",), d(2026, 12, 20), False),
        (d(2027, 2, 8), "rf-2026-12-15", ("a01",), d(2027, 3, 10), False),
        # a06: nothing scheduled in the window yet: about the last refresher that took place
        (d(2027, 3, 3), "rf-2026-02-02", ("a06",), d(2027, 6, 1), False),
        (d(2027, 3, 3), "rf-2026-12-15", ("a01",), d(2027, 3, 10), False),
        (d(2027, 5, 2), "rf-2026-02-02", ("a06",), d(2027, 6, 1), False),
        (d(2027, 5, 25), "rf-2026-02-02", ("a06",), d(2027, 6, 1), False),
    ]
    assert {r.program for r in messages} == {"forklift"} and {r.template for r in messages} == {"renewal"}


def test_they_join_the_coordinator_sites_send_schedule(project, messages):
    shown = coordinator_records(project, certified.records(), names=False).messages
    assert [r for r in shown if r.template == "renewal"] == messages


def test_the_message_offers_the_session_or_asks_for_a_reply(project, messages):
    rendered = render_messages(project_environment(project), project, messages, Urls())
    offered = next(m for m in rendered if m.reminder.recipients == ("a02",))
    assert offered.subject == "Your Forklift Licence certification runs out on Tue 1 Dec 2026"
    assert_golden(offered.text, GOLDEN_DIR / "reminders" / "renewal.txt")
    later = next(m for m in rendered if m.reminder.recipients == ("a06",))
    assert "No session to renew it is scheduled yet" in later.body and "Yard 1" not in later.body
    row = send_schedule_row(offered)
    assert row[1:4] + row[5:] == [
        "forklift",
        "rf-2026-11-30",
        "renewal",
        "learners whose certification expires",
        "yes",
        "a02",
    ]


def test_a_renewal_message_names_the_same_next_run_whichever_messages_come_with_it(project, messages):
    """Its session is a run of the renewal program: the run after it is that program's, whether the
    message is rendered alone (a build renders a program's messages at a time) or with the renewal
    program's own reminders (all programs at once)."""
    env = project_environment(project)
    env.loader = ChoiceLoader(
        [
            DictLoader(
                {"trainops/reminders/renewal.txt": "Renew\n\n{{ next_session.id if next_session else 'none' }}\n"}
            ),
            env.loader,
        ]
    )
    alone = render_messages(env, project, messages, Urls())
    theirs = [r for r in plan_reminders(project) if r.program != "forklift"]
    together = render_messages(env, project, theirs + messages, Urls())[len(theirs) :]
    assert theirs and [m.body for m in alone] == [m.body for m in together]
    assert {m.body for m in alone} - {"none\n"}  # (some name a run after theirs)
