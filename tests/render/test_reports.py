"""The managers' reports made from :class:`~trainops.render.reports.StandingRows`: a standing's row
made once is the row a report made alone would hold, in HTML and in CSV, whatever its cells hold,
and however few rows are kept. A CSV written in pieces is the whole CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.helpers import TODAY
from trainops.model.training_records import Learner, Records
from trainops.plan.followups import FollowUp
from trainops.plan.manager_reports import ManagerReport, ProgramStanding, ReportBasis, ReportedPerson
from trainops.plan.transcripts import TranscriptRow
from trainops.render import reports
from trainops.render.environment import make_environment
from trainops.render.reports import (
    FOLLOW_UP_COLUMNS,
    MANAGER_COLUMNS,
    PAGE_ROWS,
    TRANSCRIPT_COLUMNS,
    StandingRows,
    follow_ups_csv,
    manager_csv,
    manager_html,
    transcripts_csv,
)
from trainops.render.spreadsheet_csv import spreadsheet_cell

BASIS = ReportBasis(TODAY, "abc1234", date(2026, 11, 20))


def standing(program: str, **fields) -> ProgramStanding:
    values = {
        "program": program,
        "program_name": f"{program.title()} <b>training</b>",
        "cohort": "2026-10-06",
        "due": date(2026, 10, 20),
        "completed": False,
        "completed_on": None,
        "passed": None,
        "late": False,
        "overdue": True,
        "waived": "",
        "missed": ("s-1",),
    }
    return ProgramStanding(**(values | fields))


SHARED = standing("onboarding")
OWN = standing("safety", completed=True, completed_on=date(2026, 10, 8), passed=True, overdue=False, missed=())
HOSTILE = standing("=cmd", cohort='a,"b"', waived='=HYPERLINK("http://x")', missed=("s,1", "s\n2"))


def person(learner: str, name: str, unit: str, *programs: ProgramStanding) -> ReportedPerson:
    return ReportedPerson(learner, name, unit, "", f"records/roster.csv:{learner[-1]}", programs)


REPORTS = [
    ManagerReport("M1", "Maria", (person("L1", "Ada", "Ops", SHARED, OWN), person("L2", "=Bob", "a,b", SHARED))),
    ManagerReport("M2", "Lukas", (person("L3", "Cy", "", SHARED, HOSTILE), person("L4", "Di", "Ops"))),
]


@pytest.fixture(scope="module")
def env():
    return make_environment()  # (trainops' own templates)


def test_a_shared_row_is_the_row_each_report_makes_alone(env):
    rows = StandingRows(env)
    together = [manager_html(env, r, BASIS, rows) for r in REPORTS]
    assert together == [manager_html(env, r, BASIS) for r in REPORTS]
    assert together[0].count("Onboarding &lt;b&gt;training&lt;/b&gt;") == 2  # (escaped, once per person)
    assert "<b>" not in together[0]


def test_a_managers_page_stays_under_400_kb_whatever_the_people_are_enrolled_in(env):
    """100 direct reports in 300 programs each, all overdue, with long names and a certification
    and a missed session each: the page shows PAGE_ROWS rows and says how many more the CSV holds."""
    long_name = "Occupational Safety and Health Refresher for Warehouse Supervisors, part"
    people = tuple(
        person(
            f"L{n:04d}",
            f"Person with a rather long name {n:04d}",
            "Warehouse operations, night shift",
            *(
                standing(
                    f"program-{k:03d}",
                    program_name=f"{long_name} {k}",
                    cohort=f"cohort-2027-{k:03d}-north-site",
                    missed=(f"session-2027-{k:03d}-north",),
                    certification="expired",
                    certified_until=date(2026, 1, 5),
                )
                for k in range(300)
            ),
        )
        for n in range(100)
    )
    html = manager_html(env, ManagerReport("M-0001", "Maria Garcia", people), BASIS)
    assert len(html.encode()) < 400 * 1024
    assert html.count('<th scope="row">Occupational') == PAGE_ROWS  # (8 a person)
    assert html.count("292 more programs, all needing action, are not shown here") == 100
    assert html.count('<a href="M-0001.csv">M-0001.csv</a>') == 101  # (and once at the top)


def test_each_person_shows_what_needs_action_first_and_what_is_left_out(env, monkeypatch):
    monkeypatch.setattr(reports, "PAGE_ROWS", 2)  # (at least MIN_ROWS_A_PERSON: 3 a person)
    done = [standing(f"done-{k}", overdue=False, missed=(), completed=True) for k in range(3)]
    late = standing("late-one", program_name="Late one")
    bo = person("L2", "<script>Bo</script>", "", *done[:2])
    report = ManagerReport("M1", "Maria", (person("L1", "Ada", "Ops", *done, late), bo))
    html = manager_html(env, report, BASIS)
    ada = html[html.index('id="person-1"') : html.index('id="person-2"')]
    shown = [line.split(">")[1].split("<")[0] for line in ada.splitlines() if line.startswith('<th scope="row">')]
    assert shown == ["Late one", "Done-0 &lt;b&gt;training&lt;/b&gt;", "Done-1 &lt;b&gt;training&lt;/b&gt;"]
    assert "<p>1 of 4 programs needs your action: it comes first.</p>" in ada
    assert "1 more program is not shown here, to keep this page short" in ada
    rest = html[html.index('id="person-2"') :]
    assert "more program" not in rest and "<p>Nothing here needs your action.</p>" in rest  # (Bo's all shown)
    team = html[html.index('id="team"') : html.index('id="person-1"')]
    overdue = '<span class="overdue">1</span>'
    assert (
        f'<a href="#person-1">Ada (L1)</a></th><td>4</td><td>{overdue}</td><td>3</td><td>{overdue}</td>'
        "<td>0</td><td>0</td><td>1</td></tr>"
    ) in team  # (programs, need action, completed, overdue, to renew, to retrain, missed sessions)
    assert '<a href="#person-2">&lt;script&gt;Bo&lt;/script&gt; (L2)</a></th><td>2</td><td>0</td><td>2</td>' in team
    assert "<script>" not in html


def test_the_rows_a_person_does_not_need_go_to_the_others(monkeypatch):
    busy = person("L0", "Busy", "", *(standing(f"p-{k:03d}") for k in range(200)))
    others = [person(f"L{n}", "", "", standing("a"), standing("b")) for n in range(1, 10)]
    assert reports.rows_a_person([busy, *others]) == {"L0": 200} | {f"L{n}": 2 for n in range(1, 10)}
    monkeypatch.setattr(reports, "PAGE_ROWS", 30)
    assert reports.rows_a_person([busy, *others])["L0"] == 12  # (30, less the others' 18)
    monkeypatch.setattr(reports, "PAGE_ROWS", 10)
    shares = reports.rows_a_person([busy, *others, person("L10", "", "")])
    assert shares == {"L0": 3, "L10": 0} | {f"L{n}": 2 for n in range(1, 10)}  # (at least 3 of theirs each)


def test_the_rows_are_right_when_few_are_kept(env, monkeypatch):
    html = [manager_html(env, r, BASIS) for r in REPORTS]
    text = [manager_csv(r, BASIS, StandingRows(env)) for r in REPORTS]
    monkeypatch.setattr(StandingRows, "ROWS_KEPT", 1)
    rows = StandingRows(env)
    assert [manager_html(env, r, BASIS, rows) for r in REPORTS] == html
    assert [manager_csv(r, BASIS, rows) for r in REPORTS] == text


def test_each_csv_row_is_what_the_csv_writer_writes_of_its_cells(env):
    """The CSV's rows are made of pieces (the person's cells, the standing's, the basis'): the
    same text as the whole row written at once, cells that need quoting or would start a formula
    included."""
    rows = StandingRows(env)
    for report in REPORTS:
        text = manager_csv(report, BASIS, rows)
        expected = io.StringIO()
        writer = csv.writer(expected, lineterminator="\n")
        writer.writerow(MANAGER_COLUMNS)
        for p in report.people:
            head = [report.manager, p.learner, p.name, p.unit]
            tail = [BASIS.as_of.isoformat(), BASIS.describes]
            for s in p.programs or [None]:
                cells = [""] * 13 if s is None else list(_cells(s))
                writer.writerow([spreadsheet_cell(c) for c in head + cells + tail])
        assert text == expected.getvalue()
        parsed = list(csv.reader(io.StringIO(text)))
        assert all(len(row) == len(MANAGER_COLUMNS) for row in parsed)
    assert "'=HYPERLINK" in manager_csv(REPORTS[1], BASIS, rows)


def _cells(s: ProgramStanding) -> tuple[str, ...]:
    day = lambda d: d.isoformat() if d else ""  # noqa: E731
    yes = lambda flag: "yes" if flag else "no"  # noqa: E731
    passed = "" if s.passed is None else yes(s.passed)
    return (
        s.program,
        s.cohort,
        day(s.due),
        yes(s.completed),
        day(s.completed_on),
        passed,
        yes(s.late),
        yes(s.overdue),
        s.waived,
        " ".join(s.missed),
        s.certification,
        day(s.certified_until),
        s.retrain_due,
    )


def _learners(rows):
    """Transcript rows (each of another learner) as learner_transcripts gives them."""
    for r in rows:
        yield r.learner, [(r.date.isoformat() if r.date else "", *r[2:])]


@pytest.mark.parametrize("count", [0, 1, 4095, 4096, 4097, 8192, 10_000])
def test_a_csv_in_pieces_is_the_whole_csv_and_no_piece_is_empty(count):
    basis = ReportBasis(date(2026, 1, 6))
    rows = [
        TranscriptRow(f"L{i:05}", None, "exception", "p", "waived", reason, "", f"records/x.yaml:{i}")
        for i in range(count)
        for reason in ([f"=x{i}" if i % 7 == 0 else f"a,{i}" if i % 11 == 0 else "plain"])
    ]
    pieces = list(transcripts_csv(Records(), _learners(rows), basis))  # (a learner's rows at a time)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(TRANSCRIPT_COLUMNS)
    for r in rows:
        cells = (r.learner, "", "", r.kind, r.program, r.item, r.value, r.detail, r.source, "2026-01-06")
        writer.writerow([spreadsheet_cell(c) for c in (*cells, basis.describes)])
    assert "".join(pieces) == expected.getvalue()
    assert all(pieces) and pieces[0].startswith(",".join(TRANSCRIPT_COLUMNS) + "\n")
    assert len(pieces) == max(1, -(-count // 4096))  # (4,096 rows a piece)


def test_the_transcripts_are_what_the_csv_writer_writes_whatever_the_cells_hold():
    """A learner's rows are joined at once when plain; a name, a note or a commit to quote or
    change sends that learner (and only them) to the writer: the text is the writer's either way."""
    names = {"L1": "Ann Plain", "L2": "Pat, O'Brien", "L3": "=HYPERLINK(1)", "L4": 'Quote "Q"', "L5": "-5 Dash"}
    roster = {
        i: Learner(i, name, "", "", "", "", "records/learners.csv", n) for n, (i, name) in enumerate(names.items())
    }
    notes = ["", "plain", "a, b", "-2 min", "@me", 'said "hi"', "line\nbreak", "tab\there"]
    learners = [
        (
            learner,
            [("2026-01-05", "attendance", "p", f"s-{k}", "present", note, f"records/a.csv:{k}") for k, note in cells],
        )
        for learner, cells in [
            ("L1", [(1, ""), (2, "plain")]),
            ("L2", [(3, "")]),
            ("L3", [(4, "plain")]),
            ("L4", [(5, "")]),
            ("L5", [(6, "")]),
            ("L6", [(7, notes[2]), (8, "")]),  # (not on the roster: no name)
            ("L7", [(k, note) for k, note in enumerate(notes, 9)]),
            ("L8", []),  # (every row of theirs left out: nothing written)
        ]
    ]
    records = Records(roster=roster, roster_path="records/learners.csv")
    for basis in (BASIS, ReportBasis(TODAY, "a,b", date(2026, 11, 20))):
        expected = io.StringIO()
        writer = csv.writer(expected, lineterminator="\n")
        writer.writerow(TRANSCRIPT_COLUMNS)
        for learner, rows in learners:
            name = names.get(learner, "")
            for row in rows:
                cells = (learner, name, *row, basis.as_of.isoformat(), basis.describes)
                writer.writerow([spreadsheet_cell(c) for c in cells])
        assert "".join(transcripts_csv(records, iter(learners), basis)) == expected.getvalue()


def test_the_follow_ups_are_what_the_csv_writer_writes_whatever_the_cells_hold():
    """An item's rows share its cells: joined at once when plain, else by the writer; an item about
    nobody has one row with no learner; learners not on the roster have no name or manager."""
    names = {"L1": ("Ann", "M1"), "L2": ("Pat, O'Brien", "M1"), "L3": ("=cmd", "M2"), "L4": ("Bo", "-M3")}
    roster = {i: Learner(i, n, "", m, "", "", "records/learners.csv", k) for k, (i, (n, m)) in enumerate(names.items())}
    items = [
        FollowUp("missed-part", "p", "person.a", ("L1", "L9"), "book a make-up", "s-1", "s-1", ("s-2", "s-3")),
        FollowUp("missed-part", "p", None, ("L1", "L2"), "book a make-up", "s-1", "s-1"),
        FollowUp("missed-part", "p", "person.a", ("L3",), "book a make-up", "s-1", "s-1"),
        FollowUp("missed-part", "p", "person.a", ("L4",), "book, then tell", "s-1", "s-1"),
        FollowUp("sheet-missing", "q", "person.b", (), "take the sheet", "s-4"),
        FollowUp("late-completion", "q", "+person", ("L1",), "remind", None, None),
    ]
    records = Records(roster=roster, roster_path="records/learners.csv")
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(FOLLOW_UP_COLUMNS)
    for item in items:
        for learner in item.learners or ("",):
            name, manager = names.get(learner, ("", ""))
            cells = (item.program, item.kind, item.owner or "", item.session or "", item.part or "", learner, name)
            tail = (manager, item.action, " ".join(item.next_runs), BASIS.as_of.isoformat(), BASIS.describes)
            writer.writerow([spreadsheet_cell(c) for c in (*cells, *tail)])
    assert "".join(follow_ups_csv(records, items, BASIS)) == expected.getvalue()


def test_rows_of_other_widths_or_cells_not_text_are_written_as_the_writer_writes_them():
    """Only rows of the header's width, all text, are joined at once: a row a cell short whose
    note holds a comma (so that the block's commas add up) and a cell that is a number go to the
    writer."""
    learners = [
        ("L1", [("2026-01-05", "attendance", "p", "s-1", "present", "a, b"), ("", "x", "p", "s", "v", "d", "src")]),
        ("L2", [("2026-01-05", "attendance", "p", "s-1", 5, "", "records/a.csv:2")]),
        ("L3", [("2026-01-05", "attendance", "p", "s-1", "present", "", "records/a.csv:3")]),
    ]
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(TRANSCRIPT_COLUMNS)
    for learner, rows in learners:
        for row in rows:
            writer.writerow([spreadsheet_cell(c) for c in (learner, "", *row, TODAY.isoformat(), BASIS.describes)])
    assert "".join(transcripts_csv(Records(), iter(learners), BASIS)) == expected.getvalue()
