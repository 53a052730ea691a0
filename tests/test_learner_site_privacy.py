"""Privacy by default: nothing of a roster reaches the learner site, and the coordinator site
shows a learner's name only where ``ops_names: true`` says it is behind a login.

Every file of a built learner site is read as a reader would find it (HTML and XML unescaped, the
search index's JSON decoded, the gzipped sitemap opened, each PDF's text through ``pdftotext``)
and searched for every learner id, name and e-mail of the example's roster and of a fixture
roster whose values are made to be hard to find (accents, an apostrophe that HTML escapes, a name
in Japanese, an e-mail that a link would percent-encode)."""

from __future__ import annotations

import csv
import gzip
import html
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest
from weasyprint import HTML

from tests.helpers import REPO, TODAY, copy_example
from tests.helpers.once import once_per_run
from trainops.cli import main

# Ids that occur nowhere by chance: a prefix and a check group no page, date or code can hold.
FIXTURE_ROSTER = """\
learner,name,email,manager,unit,location
PRV-7Q4Z-001,Quillon Vasquez-Oyelaran,quillon.vasquez+hr@fixture-roster.example,,Nursing,Boston
PRV-7Q4Z-002,Siobhán O'Driscoll-Ng,siobhan.odriscoll@fixture-roster.example,PRV-7Q4Z-001,Nursing,Boston
PRV-7Q4Z-003,大河原 澄香,sumika.okawara@fixture-roster.example,PRV-7Q4Z-001,Contact Center,Tokyo
PRV-7Q4Z-004,Thaddeus Brûlé-Winterbottom,thaddeus.brule@fixture-roster.example,PRV-7Q4Z-001,Operations,Berlin
"""
# Their records: two past sessions of the example, an absence, a late arrival, results, an
# observation, anonymous feedback and an exception.
FIXTURE_RECORDS = {
    "records/learners.csv": FIXTURE_ROSTER,
    "records/enrolments/onboarding.csv": (
        "learner,cohort,status,date\n"
        "PRV-7Q4Z-001,onb-2026-10-06,enrolled,2026-09-20\n"
        "PRV-7Q4Z-002,onb-2026-10-06,enrolled,2026-09-20\n"
        "PRV-7Q4Z-003,onb-2026-10-06,enrolled,2026-09-21\n"
    ),
    "records/enrolments/compliance-refresher.csv": (
        "learner,cohort,status,date\nPRV-7Q4Z-004,comp-2026-10-15,enrolled,2026-10-01\n"
    ),
    "records/attendance/2026/onb-2026-10-06.csv": (
        "learner,status,minutes,note\n"
        "PRV-7Q4Z-001,present,150,\n"
        "PRV-7Q4Z-002,late,120,train delayed\n"
        "PRV-7Q4Z-003,absent,,\n"
    ),
    "records/attendance/2026/comp-2026-10-15.csv": "learner,status,minutes,note\nPRV-7Q4Z-004,present,90,\n",
    "records/assessments/onboarding.csv": "learner,date,attempt,score\nPRV-7Q4Z-001,2026-10-07,1,91\n",
    "records/observations/onboarding.csv": (
        "learner,date,observer,rating,note\nPRV-7Q4Z-001,2026-11-02,PRV-7Q4Z-004,4,signed in unaided\n"
    ),
    "records/feedback/onb-2026-10-06.csv": "useful,comment\n5,More time for the systems\n4,\n",
    "records/exceptions.yaml": (
        "- {learner: PRV-7Q4Z-004, program: onboarding, kind: waived, reason: equivalent, approved_by: jordan.lee}\n"
    ),
}


def roster_values(roster_csv: str) -> list[tuple[str, str]]:
    """(what, value) for every learner id, name and e-mail of a roster's text."""
    values = []
    for row in csv.DictReader(roster_csv.splitlines()):
        values += [("id", row["learner"]), ("name", row["name"])]
        if row.get("email"):
            values.append(("e-mail", row["email"]))
    return [(what, value) for what, value in values if value]


def _normal(text: str) -> str:
    """Text as a reader sees it, for comparing: entities and percent-escapes undone, ligatures and
    widths folded (NFKC), no case, and neither white space nor hyphens: a PDF breaks a line inside
    a name, and pdftotext drops the hyphen before such a break; a Japanese name may be printed
    without its space."""
    text = unicodedata.normalize("NFKC", unquote(html.unescape(text)))
    return "".join(text.split()).replace("-", "").replace("\u00ad", "").casefold()


def readable_text(path: Path) -> str:
    """What a reader of ``path`` can find in it."""
    if path.suffix == ".pdf":
        run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
        return run.stdout.decode("utf-8")
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8", errors="replace")
    if path.suffix == ".json":  # the search index escapes every accented letter (\u00e1)
        text += "\n" + json.dumps(json.loads(text), ensure_ascii=False)
    return text


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site (path in the site → its normalised readable text)."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert files, f"nothing built in {site}"
    return {p.relative_to(site).as_posix(): _normal(readable_text(p)) for p in files}


def found(texts: dict[str, str], values: list[tuple[str, str]]) -> list[str]:
    """``path: what 'value'`` for each value that a file holds."""
    return [
        f"{path}: {what} {value!r}" for what, value in values for path, text in texts.items() if _normal(value) in text
    ]


def test_the_search_finds_a_value_however_the_output_writes_it(tmp_path):
    """The grep is no weaker than a reader: a name escaped in HTML, an e-mail percent-encoded in a
    link, a name as JSON escapes, in a gzipped sitemap and in a PDF's text are each found."""
    values = roster_values(FIXTURE_ROSTER)
    (tmp_path / "page.html").write_text("<p>Siobh&aacute;n O&#39;Driscoll-Ng</p>", encoding="utf-8")
    (tmp_path / "link.html").write_text('<a href="mailto:quillon.vasquez%2Bhr%40fixture-roster.example">x</a>')
    (tmp_path / "search_index.json").write_text(json.dumps({"docs": [{"text": "大河原 澄香"}]}), encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b"<loc>https://x/PRV-7Q4Z-004/</loc>"))
    HTML(string="<p>Thaddeus Br\u00fbl\u00e9-<br>Winterbottom</p>").write_pdf(tmp_path / "manual.pdf")
    assert sorted(found(site_texts(tmp_path), values)) == [
        "link.html: e-mail 'quillon.vasquez+hr@fixture-roster.example'",
        "manual.pdf: name 'Thaddeus Brûlé-Winterbottom'",
        'page.html: name "Siobhán O\'Driscoll-Ng"',
        "search_index.json: name '大河原 澄香'",
        "sitemap.xml.gz: id 'PRV-7Q4Z-004'",
    ]


def test_every_learner_id_searched_for_is_distinctive():
    """An id found in a page must be a leak, not a coincidence: no roster id searched for is a
    word, a number or a date that a page could hold for another reason (letters and digits, at
    least five characters; the fixture's carry a check group besides)."""
    for roster in (_example_roster(), FIXTURE_ROSTER):
        for what, value in roster_values(roster):
            if what == "id":
                assert len(value) >= 5 and any(c.isdigit() for c in value), value
                assert any(c.isalpha() for c in value), f"{value} reads like a number or a date"


def _example_roster() -> str:
    roster = REPO / "records" / "learners.csv"
    assert roster.is_file(), "the example organisation has a roster (records/learners.csv)"
    return roster.read_text(encoding="utf-8")


def test_the_example_learner_site_holds_nothing_of_the_roster(built_site):
    texts = site_texts(built_site)
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "schedule/all.ics"} <= texts.keys()
    assert "manuals/onboarding.pdf" in texts and "newhireonboarding" in texts["manuals/onboarding.pdf"]
    assert found(texts, roster_values(_example_roster())) == []


def test_the_example_coordinator_site_shows_no_name_without_ops_names(ops_site):
    names = [(what, value) for what, value in roster_values(_example_roster()) if what != "id"]
    assert found(site_texts(ops_site), names) == []


def _fixture(project: Path, ops_names: bool) -> None:
    copy_example(project, records=True)
    shutil.rmtree(project / "records", ignore_errors=True)  # the fixture's records, not the example's
    for rel, text in FIXTURE_RECORDS.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    if ops_names:
        mkdocs = project / "mkdocs.yml"
        mkdocs.write_text(mkdocs.read_text().replace("  - trainops\n", "  - trainops:\n      ops_names: true\n"))
        assert "ops_names: true" in mkdocs.read_text()


@pytest.fixture(scope="module")
def fixture_sites(tmp_path_factory):
    """The fixture organisation built with its manuals: (learner site, coordinator site)."""

    def build(project: Path) -> None:
        _fixture(project, ops_names=False)
        assert main(["build", "--project", str(project), "--today", TODAY.isoformat()]) == 0

    project = once_per_run(tmp_path_factory, "privacy", build)
    return project / "site", project / "ops"


def test_the_fixture_learner_site_holds_nothing_of_its_roster(fixture_sites):
    site, _ = fixture_sites
    texts = site_texts(site)
    assert "manuals/onboarding.pdf" in texts and "newhireonboarding" in texts["manuals/onboarding.pdf"]
    assert found(texts, roster_values(FIXTURE_ROSTER)) == []


def test_the_fixture_coordinator_site_shows_ids_but_no_name_without_ops_names(fixture_sites):
    _, ops = fixture_sites
    texts = site_texts(ops)
    names = [(what, value) for what, value in roster_values(FIXTURE_ROSTER) if what != "id"]
    assert found(texts, names) == []
    # The absent learner is followed up by id: the search does find what the pages hold.
    assert "index.html: id 'PRV-7Q4Z-003'" in found(texts, [("id", "PRV-7Q4Z-003")])


def test_with_ops_names_the_coordinator_site_names_learners_and_the_learner_site_still_nothing(tmp_path):
    project = tmp_path / "org"
    _fixture(project, ops_names=True)
    site, ops = tmp_path / "site", tmp_path / "ops"
    argv = ["--no-pdf", "--today", TODAY.isoformat(), "--site-dir", str(site), "--ops-dir", str(ops)]
    assert main(["build", "--project", str(project), *argv]) == 0
    assert found(site_texts(site), roster_values(FIXTURE_ROSTER)) == []
    # Behind a login the coordinator site names the absent learner in its follow-ups.
    assert "index.html: name '大河原 澄香'" in found(site_texts(ops), [("name", "大河原 澄香")])
