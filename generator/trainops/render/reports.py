"""The files of ``trainops report``: each manager's report (HTML from the template
``trainops/manager-report.html``, and CSV), the learners' transcripts and the follow-up list.

Every CSV row ends with ``as_of`` and ``describes`` (the commit), so a row copied out of its file
still says when it was true. Rows are sorted; nothing but the as-of day and the commit is dated.

A person's row for a program shows their standing in it and nothing else of theirs, and the
learners who stand alike share one standing (:func:`trainops.plan.manager_reports.manager_reports`):
at five years of records, the managers' 1.9 million rows are 122,000 standings.
:class:`StandingRows` makes each standing's HTML row and CSV cells once and gives them to every
report that shows it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from jinja2 import Environment, Template
from markupsafe import Markup

from ..model.training_records import Records
from ..plan.followups import FollowUp
from ..plan.manager_reports import ManagerReport, ProgramStanding, ReportBasis, ReportedPerson
from ..plan.transcripts import TranscriptCells
from .spreadsheet_csv import plain_lines, spreadsheet_writer

__all__ = [
    "MANAGER_COLUMNS",
    "StandingRows",
    "TRANSCRIPT_COLUMNS",
    "FOLLOW_UP_COLUMNS",
    "manager_csv",
    "manager_html",
    "rows_a_person",
    "transcripts_csv",
    "follow_ups_csv",
]

MANAGER_COLUMNS = (
    "manager",
    "learner",
    "name",
    "unit",
    "program",
    "cohort",
    "due",
    "completed",
    "completed_on",
    "passed",
    "late",
    "overdue",
    "waived",
    "missed_sessions",
    "certification",
    "certification_expires",
    "retrain_due",
    "as_of",
    "describes",
)
TRANSCRIPT_COLUMNS = (
    "learner",
    "name",
    "date",
    "kind",
    "program",
    "item",
    "value",
    "detail",
    "source",
    "as_of",
    "describes",
)
FOLLOW_UP_COLUMNS = (
    "program",
    "kind",
    "owner",
    "session",
    "part",
    "learner",
    "name",
    "manager",
    "action",
    "next_runs",
    "as_of",
    "describes",
)


class StandingRows:
    """Each standing's row of a manager's report, made once: its HTML (the template
    ``trainops/manager-report-row.html``, which shows the standing alone) and its CSV cells.

    Kept by the standing's value (a named tuple: equal standings are the same row), for one
    run of ``report``; at most :data:`ROWS_KEPT` of each, all let go of when there are more, so
    the memory stays bounded whatever the records hold (a row let go of is made again)."""

    # (five years of bench/report.py's organisation: 122,137 standings in 1.92 million rows, which
    # added about 30 MB to the peak)
    ROWS_KEPT = 200_000

    def __init__(self, env: Environment):
        self._env = env
        self._template: Template | None = None
        self._html: dict[ProgramStanding, str] = {}
        self._cells: dict[ProgramStanding, str] = {}
        self._csv = _RowText()

    def html(self, standings: Iterable[ProgramStanding]) -> Markup:
        """A person's table rows (the template autoescaped them). The template is read here, at
        the first row, so that a broken override fails inside the page's render, where it is
        reported as a template mistake."""
        if self._template is None:
            self._template = self._env.get_template("trainops/manager-report-row.html")
        template, kept, parts = self._template, self._html, []
        for s in standings:
            row = kept.get(s)
            if row is None:
                if len(kept) >= self.ROWS_KEPT:
                    kept.clear()
                row = kept[s] = template.render(s=s)
            parts.append(row)
        return Markup("".join(parts))

    def cells(self, s: ProgramStanding) -> str:
        """The standing's CSV cells (program to retrain_due), as the CSV writes them."""
        kept = self._cells
        text = kept.get(s)
        if text is None:
            if len(kept) >= self.ROWS_KEPT:
                kept.clear()
            text = kept[s] = self._csv.cells(_standing_cells(s))
        return text


# The rows of people's programs a manager's page shows, shared among the people
# (:func:`rows_a_person`), the most urgent first; the page says under a person's table how many
# more the CSV beside it lists. With rows of ordinary length (a program's name, a few missed
# sessions) a page of a manager of up to 100 direct reports stays under 400 KB however many
# programs each is in (tests/render/test_reports.py); at five years of bench/report.py's records
# (24 people in about 200 programs each) a page was 1 MB with every row, 196 KB now.
PAGE_ROWS = 800
# What a person is shown at least (of their programs): past PAGE_ROWS // MIN_ROWS_A_PERSON people
# (266), a page holds more than PAGE_ROWS rows.
MIN_ROWS_A_PERSON = 3


def rows_a_person(people: Sequence[ReportedPerson]) -> dict[str, int]:
    """Each person's rows (by learner id): PAGE_ROWS shared out from the person in the fewest
    programs up, each given all of theirs or an even share of what is left, whichever is fewer
    (at least MIN_ROWS_A_PERSON), so that rows one person does not need go to the others."""
    rows: dict[str, int] = {}
    left = PAGE_ROWS
    by_size = sorted(people, key=lambda p: len(p.programs))
    for waiting, person in zip(range(len(by_size), 0, -1), by_size, strict=True):
        share = min(len(person.programs), max(MIN_ROWS_A_PERSON, left // waiting))
        rows[person.learner] = share
        left -= share
    return rows


def manager_html(env: Environment, report: ManagerReport, basis: ReportBasis, rows: StandingRows | None = None) -> str:
    """``rows``: the run's rows made so far (a new one by default)."""
    if rows is None:
        rows = StandingRows(env)
    shares = rows_a_person(report.people)
    template = env.get_template("trainops/manager-report.html")
    return template.render(
        report=report,
        basis=basis,
        standing_rows=rows.html,
        first_rows=lambda person: person.first(shares[person.learner]),
        counts={person.learner: person.counts() for person in report.people},
        csv_name=f"{report.manager}.csv",
    )


def manager_csv(report: ManagerReport, basis: ReportBasis, rows: StandingRows) -> str:
    """One row per person and program; a person with no enrolment has one row with no program.
    (Each row is its cells' text joined: the CSV quotes a cell by what it holds alone.)"""
    text = _RowText()
    header = text.cells(MANAGER_COLUMNS)
    tail = text.cells((basis.as_of.isoformat(), basis.describes))
    no_program = text.cells([""] * (len(MANAGER_COLUMNS) - 6))
    lines = [header]
    for p in report.people:
        person = text.cells((report.manager, p.learner, p.name, p.unit))
        if not p.programs:
            lines.append(f"{person},{no_program},{tail}")
        for s in p.programs:
            lines.append(f"{person},{rows.cells(s)},{tail}")
    lines.append("")
    return "\n".join(lines)


def _standing_cells(s: ProgramStanding) -> tuple[str, ...]:
    return (
        s.program,
        s.cohort,
        _day(s.due),
        _yes(s.completed),
        _day(s.completed_on),
        "" if s.passed is None else _yes(s.passed),
        _yes(s.late),
        _yes(s.overdue),
        s.waived,
        " ".join(s.missed),
        s.certification,
        _day(s.certified_until),
        s.retrain_due,
    )


class _RowText:
    """Cells as one row of the CSV writes them, without the line's end."""

    def __init__(self) -> None:
        self._out = io.StringIO()
        self._writer = spreadsheet_writer(self._out, lineterminator="\n")

    def cells(self, cells: Sequence[str]) -> str:
        out = self._out
        out.seek(0)
        out.truncate()
        self._writer.writerow(cells)
        return out.getvalue()[:-1]


def transcripts_csv(
    records: Records, transcripts: Iterable[tuple[str, Sequence[TranscriptCells]]], basis: ReportBasis
) -> Iterator[str]:
    """The CSV's text in pieces, made as the learners' rows come (``transcripts``: each learner and
    their rows, as :func:`~trainops.plan.transcripts.learner_transcripts` gives them; millions of
    rows: never the whole text)."""
    tail = (basis.as_of.isoformat(), basis.describes)
    # (a learner's rows: the name looked up once)
    blocks = (((learner, _name(records, learner)), rows, tail) for learner, rows in transcripts)
    return _csv_in_blocks(TRANSCRIPT_COLUMNS, blocks)


def follow_ups_csv(records: Records, items: list[FollowUp], basis: ReportBasis) -> Iterator[str]:
    """One row per follow-up and learner (an item about no learner, such as a sheet nobody was
    expected on, has one row with no learner), in the order of the coordinator site's list; the
    text in pieces, made as they are written."""
    return _csv_in_blocks(FOLLOW_UP_COLUMNS, _follow_up_blocks(records, items, basis))


def _follow_up_blocks(records: Records, items: list[FollowUp], basis: ReportBasis) -> Iterator[_Block]:
    as_of = basis.as_of.isoformat()
    roster = records.roster or {}
    nobody = ("", "", "")
    for item in items:
        head = (item.program, item.kind, item.owner or "", item.session or "", item.part or "")
        tail = (item.action, " ".join(item.next_runs), as_of, basis.describes)
        people = [
            (learner, person.name, person.manager) if (person := roster.get(learner)) else (learner, "", "")
            for learner in item.learners
        ]
        yield head, people or [nobody], tail


# Rows that share their first cells and their last: (the first cells, each row's own cells, the last).
_Block = tuple[tuple[str, ...], Sequence[Sequence[str]], tuple[str, ...]]


def _csv_in_blocks(header: tuple[str, ...], blocks: Iterable[_Block]) -> Iterator[str]:
    """A CSV's text in pieces of at least :data:`_ROWS_A_PIECE` rows (whole blocks): each block's
    rows are its first cells, a row's own cells and its last cells.

    A block's rows are joined with commas at once, its shared cells put around each, which is what
    the CSV writer would write when the text is plain
    (:func:`~trainops.render.spreadsheet_csv.plain_lines`); a block with a cell to quote or change
    is written by the writer, row by row. (At five years of records, four million transcript rows
    come in 10,000 learners' blocks, two million follow-up rows in 3,000 items'.)"""
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\n")
    writer.writerow(header)
    commas = len(header) - 1
    written = 0
    for first, rows, last in blocks:
        if not rows:
            continue
        text = _plain_block_text(first, rows, last, commas)
        if text is not None:
            out.write(text)
        else:
            writer.writerows((*first, *row, *last) for row in rows)
        written += len(rows)
        if written >= _ROWS_A_PIECE:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
            written = 0
    if out.tell():
        yield out.getvalue()


_ROWS_A_PIECE = 4096


def _plain_block_text(
    first: tuple[str, ...], rows: Sequence[Sequence[str]], last: tuple[str, ...], commas: int
) -> str | None:
    """The block's lines as the writer would write them, when every row has the header's number of
    cells (``commas`` + 1, of two or more) and all are plain text; else None."""
    if commas < 1 or set(map(len, rows)) != {commas + 1 - len(first) - len(last)}:
        return None
    before = ",".join(first) + "," if first else ""
    after = "," + ",".join(last) + "\n" if last else "\n"
    try:
        text = before + (after + before).join(map(",".join, rows)) + after
    except TypeError:  # (a cell that is not text: the writer writes it its own way)
        return None
    return text if text.count(",") == commas * len(rows) and plain_lines(text, len(rows)) else None


def _name(records: Records, learner: str) -> str:
    """The roster's name: reports are kept off both sites, so they name people."""
    return records.roster[learner].name if learner and records.roster and learner in records.roster else ""


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
