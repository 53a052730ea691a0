"""A program's completion status page on the coordinator site (tests/plan/status_fixture.py):
its golden, its links, its charts (each with role, title, description and a table, and as a PDF
through WeasyPrint), the learner site without it, and its pages at 10,000 learners."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace

import pytest
from weasyprint import HTML

from tests.helpers import GOLDEN_DIR, assert_golden
from tests.plan.alternatives import DEC, NOV, enrolment, records, sheet
from tests.plan.status_fixture import load
from trainops.load.records import load_records
from trainops.plan.coordinator_records import coordinator_records
from trainops.plan.paging import SUMMARY_ROWS
from trainops.plan.progress import LearnerProgress
from trainops.plan.sites import COORDINATORS, LEARNERS, published_on
from trainops.plan.urls import Urls
from trainops.render.after_markdown import lift, unmarked
from trainops.render.environment import project_environment
from trainops.render.site import RenderContext, render_site
from trainops.render.status import COHORTS_SHOWN, MISSING_LISTED, ROW_AT_LEAST, SESSIONS_LISTED, learner_row_bytes

GOLDEN = GOLDEN_DIR / "status"
STATUS = "programs/go-live/status.md"
FIGURE = re.compile(r'<figure class="trainops-chart">.*?</figure>', re.S)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return load(tmp_path_factory.mktemp("status"))


@pytest.fixture(scope="module")
def ops(project):
    recs, problems = load_records(project.root, project.settings, project, None, None)
    assert not problems
    shown = coordinator_records(project, recs, names=False)
    # (each page as MkDocs converts it: its HTML at the slot)
    return {g.docs_path: filled(g) for g in render_site(project, site=COORDINATORS, records=shown)}


def filled(g):
    return unmarked(g.content) if isinstance(g.content, str) else g.content


def test_the_status_page_and_its_cohorts_csv_match_their_goldens(ops):
    assert_golden(ops[STATUS], GOLDEN / "go-live.md")
    assert_golden(ops["status/go-live/cohorts.csv"], GOLDEN / "go-live-cohorts.csv")
    assert 'The cohorts as a spreadsheet: <a href="../../../status/go-live/cohorts.csv">' in ops[STATUS]


def test_the_cohorts_and_every_block_of_html_go_in_after_markdown(project):
    """Markdown is given the headings and the short paragraphs; each block of HTML (the tables, the
    charts, the learners) waits at a slot of its own, so the page's table of contents is Markdown's."""
    recs, _problems = load_records(project.root, project.settings, project, None, None)
    shown = coordinator_records(project, recs, names=False)
    page = next(g for g in render_site(project, site=COORDINATORS, records=shown) if g.docs_path == STATUS)
    converted, blocks = lift(page.content)
    assert "## By cohort\n\n<!-- trainops:html 1 -->\n\n## Metrics" in converted
    assert blocks[1].startswith('<div class="trainops-section" role="region" aria-label="Cohorts"')
    assert "<div" not in converted and "<table" not in converted
    assert [line for line in converted.splitlines() if line.startswith("#")] == [
        "# Completion status: Go\\-Live Workshop",
        "## In all",
        "## By cohort",
        "## Metrics",
        "### Attendance and completion by the due date, by cohort",
        "### Scores",
        "### Feedback",
        "## Learners",
    ]


def test_the_launch_checklist_and_the_overview_link_the_status_page(ops):
    assert 'href="../status/">Completion status</a>' in ops["programs/go-live/launch-checklist.md"]
    assert 'href="programs/go-live/status/">Go-Live Workshop</a>' in ops["index.md"]


def test_only_the_coordinator_site_publishes_status_pages(project, ops):
    assert published_on(project, STATUS, COORDINATORS) and not published_on(project, STATUS, LEARNERS)
    assert published_on(project, "status/go-live/1.md", COORDINATORS)
    assert not published_on(project, "status/go-live/1.md", LEARNERS)
    learners = render_site(project, site=LEARNERS)
    assert not [g.docs_path for g in learners if "status" in g.docs_path]
    texts = [g.content if isinstance(g.content, str) else g.content.decode("utf-8", "replace") for g in learners]
    assert not [text for text in texts if re.search(r"\bn0[1-9]\b", text)]


def test_every_chart_has_role_title_description_and_its_numbers_in_a_table(ops):
    figures = FIGURE.findall(ops[STATUS])
    assert len(figures) == 5  # completed, on time, attendance by cohort; the scores; the feedback
    for figure in figures:
        table = figure[figure.index("<table") :]
        assert "<script" not in figure and "http" not in figure.replace("http://www.w3.org/2000/svg", "")
        if "<svg" in figure:
            svg = figure[figure.index("<svg") : figure.index("</svg>")]
            assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
            labels = re.findall(r">([^<>]+)</text>", svg)
            values = [v for v in labels if v.endswith("%") or v.replace(".", "").isdigit() or "fewer" in v]
            assert all(v in table for v in values), values
        assert "<th scope=" in table


def test_small_groups_are_words_not_rates_in_chart_and_table(ops):
    page = ops[STATUS]
    on_time = next(f for f in FIGURE.findall(page) if "on-time-by-cohort" in f)
    # November (7 learners whose due date has come): a bar; n09's and December's groups: words.
    assert on_time.count("<rect") == 1 and "43%" in on_time
    assert on_time.count(">fewer than 5</text>") == 2
    assert "fewer than 5 scores, so no spread is shown" in page
    assert "<td>0 of 2 (fewer than 5)</td>" in page


def test_a_chart_renders_in_a_pdf(tmp_path, ops):
    chart = next(f for f in FIGURE.findall(ops[STATUS]) if "on-time-by-cohort" in f)
    pdf = tmp_path / "chart.pdf"
    HTML(string=f"<!doctype html><html lang=en><body>{chart}</body></html>").write_pdf(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert text.count("\f") == 1  # one page
    for words in ("November intake", "43%", "fewer than 5", "Completed by the due date, by cohort"):
        assert words in text, text


def test_ten_thousand_learners_are_on_pages_of_bounded_size(project):
    many = [enrolment("go-live", f"L{n:05d}", NOV if n % 2 else DEC) for n in range(10_000)]
    base = records()
    nov = {f"L{n:05d}": "present" for n in range(1, 10_000, 2)}
    big = replace(
        base,
        enrolments={"go-live": tuple(many)},
        attendance={**base.attendance, "d1-nyc-nov": sheet("d1-nyc-nov", **nov)},
    )
    shown = coordinator_records(project, big, names=False)
    generated = render_site(project, site=COORDINATORS, records=shown)
    # (a page of rows has them in a block put in at its slot after Markdown)
    pages = {g.docs_path: unmarked(g.content) for g in generated if g.docs_path.endswith(".md")}
    rows_pages = [lift(g.content) for g in generated if g.docs_path.startswith("status/") and g.docs_path[-3:] == ".md"]
    assert rows_pages and all("<code>L" not in md and "<code>L" in rows for md, (rows,) in rows_pages)
    # the status page and its pages of ids stay out of the search index (so does the reminders page,
    # which lists the learners the records' messages go to)
    unsearchable = {g.docs_path for g in generated if not g.searchable}
    assert unsearchable - {"programs/go-live/reminders.md"} == {STATUS} | {p for p in pages if p.startswith("status/")}
    rows = sorted((p for p in pages if p.startswith("status/go-live/")), key=lambda p: int(p.split("/")[-1][:-3]))
    # (as many rows as fit in the pages' budget: ids of six characters, counted as 210 bytes a row)
    assert len(rows) == 8
    assert max(len(pages[p].encode()) for p in [STATUS, *rows]) < 350_000  # + Material's frame < 400 KB
    listed = [m for p in rows for m in re.findall(r"<code>(L\d{5})</code>", pages[p])]
    assert listed == sorted(f"L{n:05d}" for n in range(10_000))
    assert len(re.findall(r"<code>L\d{5}</code>", pages[STATUS])) == SUMMARY_ROWS
    november = '<tr><th scope="row">November intake</th><td>2026-11-02</td><td>5,000</td>'
    # day 1: all present at New York's; day 2: on no sheet, and Tokyo's run of 22 November, ended
    # yesterday, may still bring its sheet: nobody has missed it yet
    assert f"{november}<td>5,000 of 5,000 (100%)</td><td>not yet</td>" in pages[STATUS]
    # December's runs are ahead: nobody has missed them yet, so no "0 of 5,000 (0%)"
    december = '<tr><th scope="row">December intake</th><td>2026-11-30</td><td>5,000</td>'
    assert f"{december}<td>not yet</td><td>not yet</td>" in pages[STATUS]


def test_without_parts_a_cohort_lists_its_own_sessions_and_the_csv_keeps_its_width(tmp_path):
    """A program without parts run weekly (tests/plan/status_fixture.py WEEKLY): no column, "In all"
    row or CSV column per session of the program; each cohort's row lists its own session."""
    from tests.plan.status_fixture import WEEKLY_OVER, weekly_without_parts

    project, recs = weekly_without_parts(tmp_path)
    shown = coordinator_records(project, recs, names=False)
    generated = {g.docs_path: g for g in render_site(project, site=COORDINATORS, records=shown)}
    page = filled(generated[STATUS])
    assert "Attended w0" not in page and "attended w0" not in page
    assert '<th scope="col">Attended, by session</th>' in page
    assert '<tr><th scope="row">w00</th><td>2026-09-07</td><td>5</td><td>w00: 4 of 5 (80%)</td>' in page
    assert '<tr><th scope="row">w19</th><td>2027-01-18</td><td>5</td><td>w19: not yet</td>' in page
    n = 5 * WEEKLY_OVER
    row = f'<tr><th scope="row">attended every session they have had</th><td>{4 * WEEKLY_OVER}</td><td>{n}</td>'
    assert row + "<td>80%</td></tr>" in page
    csv = generated["status/go-live/cohorts.csv"].content.splitlines()
    assert csv[0] == (
        "cohort,first_session,enrolled,attended every session,attended every session n,passed,passed n,"
        "completed,completed n,late,late n,waived,waived n"
    )
    assert csv[1].startswith("w00,2026-09-07,5,4,5,") and csv[-1].startswith("w19,2027-01-18,5,0,0,")


def test_the_row_of_walk_ins_lists_their_latest_sessions(tmp_path):
    """Learners enrolled with no cohort in a program without parts (walk-ins): their row has a part
    for every session any of them came to, of which it lists the latest SESSIONS_LISTED."""
    from datetime import date

    from tests.plan.alternatives import enrolment, sheet
    from tests.plan.status_fixture import WEEKLY, weekly_without_parts

    project, recs = weekly_without_parts(tmp_path, today=date(2027, 2, 1))  # (all 20 runs over)
    over = [sid for sid, _ in WEEKLY]
    walk_ins = tuple(enrolment("go-live", f"X{n:02d}", "") for n in range(len(over)))
    sheets = {sid: sheet(sid, **{f"X{n:02d}": "present"}) for n, sid in enumerate(over)}
    recs = replace(recs, enrolments={"go-live": walk_ins}, attendance=sheets)
    shown = coordinator_records(project, recs, names=False)
    page = next(filled(g) for g in render_site(project, site=COORDINATORS, records=shown) if g.docs_path == STATUS)
    row = re.search(r'<tr><th scope="row">no cohort</th>.*?</tr>', page).group(0)
    listed = re.findall(r"(w\d\d): 1 of 1", row)
    assert f"{len(over)} of {len(over)} sessions had, the latest {SESSIONS_LISTED}:" in row
    assert listed == over[-SESSIONS_LISTED:]


def test_a_program_without_parts_or_sessions_shows_no_attendance(tmp_path):
    """A program without parts whose schedule has no session (a course taken online): its status
    page shows no attendance row, column, metric or chart, and its CSV no attendance columns."""
    from tests.plan.alternatives import TODAY, enrolment
    from tests.plan.status_fixture import weekly_without_parts
    from trainops.load.loading import load_project
    from trainops.model.training_records import Records

    weekly_without_parts(tmp_path)  # (its program without parts, then its schedule emptied)
    (tmp_path / "programs/schedule.yaml").write_text("timezone: America/New_York\nsessions: []\n", encoding="utf-8")
    project, _ = load_project(tmp_path, today=TODAY)
    recs = Records(enrolments={"go-live": (enrolment("go-live", "L1", ""),)})
    shown = coordinator_records(project, recs, names=False)
    generated = {g.docs_path: g for g in render_site(project, site=COORDINATORS, records=shown)}
    page = filled(generated[STATUS])
    assert "ttended every session" not in page and "Attended, by session" not in page and "Each session" not in page
    assert "Attendance (sessions attended" not in page and "attendance-by-cohort" not in page
    assert "Parts attended" not in page and "<code>L1</code>" in page
    assert (
        generated["status/go-live/cohorts.csv"]
        .content.splitlines()[0]
        .startswith("cohort,first_session,enrolled,passed,")
    )


def test_names_replace_ids_only_with_ops_names(project):
    from trainops.model.training_records import Learner

    roster = {i: Learner(i, f"Name {i}", "", "", "", "", "records/learners.csv", 2) for i in ("n01", "d01")}
    named = replace(records(), roster=roster)
    for names, shown in ((True, "<code>Name n01</code>"), (False, "<code>n01</code>")):
        pages = render_site(project, site=COORDINATORS, records=coordinator_records(project, named, names=names))
        page = next(g.content for g in pages if g.docs_path == STATUS)
        assert shown in page and ("Name " in page) is names


def test_the_cohort_table_shows_the_latest_cohorts_and_the_csv_every_one(project):
    """Five years of weekly cohorts: the table keeps to the latest COHORTS_SHOWN (the page stays
    under 400 KB), the CSV it links has all of them in the same order."""
    weeks = 5 * 52
    many = [enrolment("go-live", f"L{n:04d}", f"week {n // 2:03d}") for n in range(2 * weeks)]
    shown = coordinator_records(project, replace(records(), enrolments={"go-live": tuple(many)}), names=False)
    generated = {g.docs_path: g for g in render_site(project, site=COORDINATORS, records=shown)}
    cohorts = lift(generated[STATUS].content)[1][1]  # (the page's second block of HTML: "By cohort")
    cohorts_table = cohorts.split("</table>")[0]  # (the charts' tables come after it)
    table = re.findall(r'<tr><th scope="row">(week \d{3})</th>', cohorts_table)
    lines = generated["status/go-live/cohorts.csv"].content.splitlines()
    every = [line.split(",")[0] for line in lines[1:]]
    assert every == [f"week {n:03d}" for n in range(weeks)]
    assert table == every[-COHORTS_SHOWN:]
    assert f"The latest {COHORTS_SHOWN} of {weeks} cohorts, by first session; all of them" in cohorts
    assert len(cohorts.encode()) < 100_000
    # 520 learners fit on the status page itself: no pages of rows
    assert len(re.findall(r"<code>L\d{4}</code>", filled(generated[STATUS]))) == 2 * weeks
    assert not [path for path in generated if path.startswith("status/go-live/") and path.endswith(".md")]


def test_a_learners_row_is_never_longer_than_the_paging_counts_it(project):
    from datetime import date

    from trainops.model.training_records import RecordException

    ctx = RenderContext(project, project_environment(project), Urls(), False, COORDINATORS)
    waiver = RecordException("x", "go-live", "waived", "prior-certification", "p", None, "records/exceptions.yaml", 3)
    day = date(2026, 12, 31)
    parts = ("day-1 & <intro>", "däy-2", "day-3")
    attended = dict.fromkeys(map(str, range(1000)), "s")
    rows = [
        LearnerProgress("L1", "", None, None, {}, (), None, None, False, None, False),
        LearnerProgress("L2", "c" * 40, day, day, {"a": "s"}, parts, True, 100.0, True, day, True, waiver),
        LearnerProgress("L3", "c&<>", day, day, {}, parts[:1], False, 99.5, False, None, True),
        LearnerProgress("L4", "c", day, day, attended, parts * 400, True, 1e-3, True, day, False),
        # the most markup a row has: "1 of 9999 (4999 missed, 4999 to attend)", "yes (-1.23457e+06)",
        # "yes, 2026-12-31", a due date, late, waived
        LearnerProgress(
            "L5", "", day, day, {"a": "s"}, tuple(map(str, range(9998))), True, -1234567.0, True, day, True, waiver
        ),
    ]
    labels = {"L1": "L1", "L2": 'Zoë "Q" O\'Brien & <Co> ' * 4, "L3": "名前 " * 30, "L4": "L-" + "9" * 30, "L5": "x"}

    def some_missed(p):  # (both words in a row: its longest markup, "(1 missed, 2 to attend)" and listed)
        return p.missing[:1] if len(p.missing) <= MISSING_LISTED else p.missing[::2]

    for p in rows:
        html = ctx.page(
            "trainops/status-learners-rows.html", "status/go-live/1.md", rows=[p], assessed=True,
            learner=labels.get, missing_listed=MISSING_LISTED, missed=some_missed, attendance=True,
            program=None, slug="go-live",
        )  # fmt: skip
        (row,) = [line for line in html.splitlines() if line.startswith('<tr><th scope="row">')]
        counted = learner_row_bytes(p, labels[p.learner])
        # (never fewer bytes than the row has, so that no page passes its budget; and not many more,
        # so that pages are as few as the budget allows)
        assert len(row.encode()) + 1 <= counted <= len(row.encode()) + 100, (p.learner, row)
    # the shortest row there is (an id of one character, no assessment): never under ROW_AT_LEAST
    least = LearnerProgress("x", "c", None, None, {}, (), None, None, False, None, False)
    html = ctx.page(
        "trainops/status-learners-rows.html", "status/go-live/1.md", rows=[least], assessed=False,
        learner=str, missing_listed=MISSING_LISTED, missed=some_missed, attendance=True, program=None, slug="go-live",
    )  # fmt: skip
    (row,) = [line for line in html.splitlines() if line.startswith('<tr><th scope="row">')]
    assert ROW_AT_LEAST <= len(row.encode()) < ROW_AT_LEAST + 20
