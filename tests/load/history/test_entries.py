"""A schedule cut into its entries: the entries read as the whole file reads them."""

from __future__ import annotations

import random

import pytest

from tests.helpers import REPO
from trainops.load.history.compare import _states, compare_schedules
from trainops.load.history.entries import snippet, split_entries

SCHEDULE = (REPO / "programs" / "schedule.yaml").read_text(encoding="utf-8")


def test_the_entries_read_as_the_whole_file():
    entries = split_entries(SCHEDULE, False)
    assert entries is not None and len(entries.items) == SCHEDULE.count("\n  - program:")
    assert "timezone: America/New_York" in entries.header and "sessions:" not in entries.header
    assert _states("s.yaml", snippet(entries, entries.items)) == _states("s.yaml", SCHEDULE)


@pytest.mark.parametrize("seed", range(20))
def test_only_the_changed_entries_are_read_and_the_result_is_the_whole_files(seed):
    rng = random.Random(seed)
    lines = SCHEDULE.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(("    start: ", "    room: "))]
    edited = list(lines)
    for i in rng.sample(starts, 3):
        edited[i] = edited[i].replace("09:30", "10:45").replace("HQ 4B", "HQ 9Z").replace("10:00", "08:15")
    if seed % 3 == 0:
        edited.insert(starts[rng.randrange(len(starts))], "    # a comment\n")  # no change
    new = "".join(edited)
    _, before = _states("s.yaml", SCHEDULE)
    _, after = _states("s.yaml", new)
    expected = {k for k in before if before[k] != after.get(k)}
    delta = compare_schedules("s.yaml", SCHEDULE, "s.yaml", new)
    assert set(delta.new) == expected and {k: after[k] for k in expected} == delta.new


def test_text_that_cannot_be_cut_is_read_whole():
    assert split_entries("sessions: []\n", False) is None
    assert split_entries("timezone: UTC\n---\nsessions:\n  - program: x\n", False) is None
    moved = compare_schedules(
        "s.yaml", SCHEDULE, "s.yaml", SCHEDULE.replace("timezone: America/New_York", "timezone: UTC")
    )
    assert moved.readable and len(moved.new) > 5  # every session in the default zone moved


def test_csv_rows_with_a_line_break_in_a_cell():
    text = (
        "program,id,start,duration,timezone,title\n"
        'p,a,2027-01-01 09:00,1h,UTC,"two\nlines"\n'
        "p,b,2027-01-02 09:00,1h,UTC,x\n"
    )
    entries = split_entries(text, True)
    assert entries is not None and [item.count("\n") for item in entries.items] == [2, 1]
    delta = compare_schedules("s.csv", text, "s.csv", text.replace("2027-01-02 09:00", "2027-01-02 10:00"))
    assert list(delta.new) == ["b"]
