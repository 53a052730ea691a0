"""CSV for spreadsheets: a cell that would start a formula is written as text (OWASP's leading
quote), and every CSV trainops writes for people goes through the one writer that does it."""

from __future__ import annotations

import csv
import io
import random
import re

import pytest

from tests.helpers import REPO
from trainops.render import spreadsheet_csv
from trainops.render.spreadsheet_csv import spreadsheet_cell, spreadsheet_writer


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_a_cell_that_would_start_a_formula_is_written_as_text(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ada Lindqvist", "E1001", "2026-10-06", "150", "", "a=b", "1-2", None, 3])
def test_other_cells_are_unchanged(value):
    assert spreadsheet_cell(value) == value


def test_the_writer_neutralises_every_cell_and_keeps_the_csv_quoting():
    out = io.StringIO()
    writer = spreadsheet_writer(out, lineterminator="\r\n")
    writer.writerow(["learner", "name"])
    writer.writerows([["E1", '=HYPERLINK("http://x","a,b")'], ["E2", "Bruno"]])
    assert out.getvalue() == 'learner,name\r\nE1,"\'=HYPERLINK(""http://x"",""a,b"")"\r\nE2,Bruno\r\n'
    assert list(csv.reader(io.StringIO(out.getvalue())))[1] == ["E1", '\'=HYPERLINK("http://x","a,b")']


ROWS = [
    ("E1", "Ada", "2026-10-06", ""),  # (text with nothing to change: the rows written as they are)
    ("E2", "=1+1", "a=b", "1-2"),
    ("-E3", "x", "y", "@z"),
    ("E4", "Bruno", "\t=1", "\r=1"),
    ("E5", "a\x00=b", "c", "d"),  # (a NUL typed before a formula sign inside a cell: not a formula)
    ("E6", 3, "=x", None),  # (cells that are not text)
    ("E7", 3.5, "plain", None),
    ("E8", "a,b", "c"),  # (what the writer quotes: the row goes the writer's way)
    ("E9", 'say "hi"', "c"),
    ("E10", "two\nlines", "c\rd"),
    ("",),  # (one empty cell: the writer writes "")
    ("", ""),
    ("E11",),
    ("E12", " =1", "x=", "1,=2"),  # (a formula sign after a space or inside a cell is no formula)
    ("E13", "Zoë Ødegård", "naïve — café"),
]


@pytest.mark.parametrize("row", ROWS)
def test_each_row_is_its_cells_each_through_spreadsheet_cell(row):
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerow([spreadsheet_cell(c) for c in row])
    for write in ("writerow", "writerows"):
        out = io.StringIO()
        writer = spreadsheet_writer(out)
        if write == "writerow":
            writer.writerow(iter(row))  # (any iterable, as csv.writer takes)
        else:
            writer.writerows([row, list(row)])
        assert out.getvalue() == expected.getvalue() * (1 if write == "writerow" else 2)


def test_any_row_is_written_as_the_csv_writer_writes_its_guarded_cells():
    """Plain rows are joined without the writer (SpreadsheetWriter's short way): the same text."""
    rng = random.Random(29)
    alphabet = ["a", "B", "1", " ", ",", '"', "\n", "\r", "\t", "=", "+", "-", "@", "'", "\x00", "é", ";", "\u2028"]
    others = [None, 3, 2.5, True]  # (cells that are not text: the writer's way)
    rows = []
    for _ in range(5000):
        row: list = ["".join(rng.choices(alphabet, k=rng.randrange(0, 4))) for _ in range(rng.randrange(1, 5))]
        if rng.random() < 0.1:
            row[rng.randrange(len(row))] = rng.choice(others)
        rows.append(row)
    for end in ("\n", "\r\n", "\r", ";\n"):  # (";\n": the writer quotes a cell holding ";" too)
        expected = io.StringIO()
        csv.writer(expected, lineterminator=end).writerows([[spreadsheet_cell(c) for c in row] for row in rows])
        one_by_one, all_at_once = io.StringIO(), io.StringIO()
        writer = spreadsheet_writer(one_by_one, lineterminator=end)
        for row in rows:
            writer.writerow(row)
        spreadsheet_writer(all_at_once, lineterminator=end).writerows(rows)
        assert one_by_one.getvalue() == expected.getvalue() == all_at_once.getvalue(), end


def test_blocks_of_plain_rows_with_a_row_to_quote_here_and_there_are_written_as_the_writer_writes():
    """writerows checks a block of rows at once: one row to quote or change, anywhere in it, or a
    row that is an iterator, sends the block row by row; the text is the writer's either way."""
    odd = [
        ("a,b", "c"),
        ('say "hi"', "c"),
        ("two\nlines", "c"),
        ("x", "-1"),
        ("x", "=1"),
        ("x", "a-b", "+1"),
        ("x", "@a"),
        ("x", "\t1"),
        ("x", 3),
        ("",),
        ("", ""),
        ("x", "a=b", "c+d", "e@f", "g-h"),
        ("-x", "y"),
    ]
    size = spreadsheet_csv._BLOCK_ROWS
    for place, row in enumerate(odd):
        # (a block of plain rows, one of them odd, then a plain block, and the odd row last of all)
        rows: list = [(f"L-{n:05d}", "2030-01-02", f"s-{n}", "present", "a/s-1.csv:2") for n in range(2 * size)]
        rows[place * 37 % size] = row
        rows.append(row)
        for end in ("\n", "\r\n"):
            expected = io.StringIO()
            csv.writer(expected, lineterminator=end).writerows([[spreadsheet_cell(c) for c in r] for r in rows])
            at_once, as_iterators = io.StringIO(), io.StringIO()
            spreadsheet_writer(at_once, lineterminator=end).writerows(rows)
            spreadsheet_writer(as_iterators, lineterminator=end).writerows(iter(r) for r in rows)
            assert at_once.getvalue() == as_iterators.getvalue() == expected.getvalue(), (row, end)
    assert spreadsheet_csv._plain_block(rows[size : 2 * size]) is not None  # (the plain block is one)


def test_plain_lines_holds_joined_rows_only_when_they_are_what_the_writer_writes():
    """plain_lines holds the joined text of rows of equal width to what csv.writer writes of the
    guarded cells: whenever it says plain, the texts are the same; it may send the writer more
    than it must (a NUL), never less; and plain text is plain."""
    rng = random.Random(12)
    alphabet = ["a", "B", "1", " ", ",", '"', "\n", "\r", "\t", "=", "+", "-", "@", "'", "\x00", "é", "\u2028"]
    said_plain = 0
    for _ in range(3000):
        width = rng.randrange(2, 6)
        rows = [
            ["".join(rng.choices(alphabet, k=rng.randrange(0, 3))) for _ in range(width)]
            for _ in range(rng.randrange(1, 4))
        ]
        text = "".join(",".join(row) + "\n" for row in rows)
        expected = io.StringIO()
        csv.writer(expected, lineterminator="\n").writerows([[spreadsheet_cell(c) for c in row] for row in rows])
        if text.count(",") == (width - 1) * len(rows) and spreadsheet_csv.plain_lines(text, len(rows)):
            said_plain += 1
            assert text == expected.getvalue(), rows
    assert said_plain > 100  # (the property is not held vacuously)
    assert spreadsheet_csv.plain_lines("E-1,Ann,2026-01-05,s-1,a-b\nE-2,Bo,,x,y\n", 2)


def test_no_other_module_writes_a_csv_for_people():
    # One place for the rule: a new CSV output that used csv.writer directly would skip it. The
    # records files themselves (records new, records import) are data, written as typed.
    allowed = {"render/spreadsheet_csv.py", "commands/records_new.py", "commands/records_import.py"}
    package = REPO / "generator" / "trainops"
    writers = {
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))
    }
    assert writers <= allowed
