"""The build's coordinator records kept per program in the cache (trainops.mkdocs_plugin.records):
the same value as worked out from the records, none of them read when nothing changed, and an
edited sheet, feedback sheet or setting worked out again (tests/plan/status_fixture.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.plan.status_fixture import load
from trainops.load.records import load_records
from trainops.mkdocs_plugin import records as build_records
from trainops.plan.coordinator_records import coordinator_records


def fresh(project):
    recs, _problems = load_records(project.root, project.settings, project, None, None)
    return coordinator_records(project, recs, project.settings.ops_names)


@pytest.fixture
def project(tmp_path):
    return load(tmp_path)


def test_the_kept_records_are_the_records_worked_out(project):
    expected = fresh(project)
    assert expected.followups and expected.status and expected.messages  # (the fixture has each)
    assert build_records.coordinator_site_records(project) == expected


def test_nothing_is_read_when_nothing_changed(project, monkeypatch):
    first = build_records.coordinator_site_records(project)

    def no_reading(*args, **kwargs):
        raise AssertionError("the records were read again")

    monkeypatch.setattr(build_records, "load_records", no_reading)
    assert build_records.coordinator_site_records(project) == first


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("records/attendance/2026/d1-tyo-nov.csv", "learner,status,minutes,note\nn04,present,,\nn05,absent,,\n"),
        ("records/feedback/d2-nyc-nov.csv", None),
    ],
)
def test_an_edited_sheet_is_worked_out_again(project, path, text):
    before = build_records.coordinator_site_records(project)
    file = project.root / path
    if text is None:  # a feedback sheet: every numeric answer one point lower
        lines = file.read_text(encoding="utf-8").splitlines()
        text = (
            "\n".join(
                [
                    lines[0],
                    *(",".join(str(int(v) - 1) if v.isdigit() else v for v in line.split(",")) for line in lines[1:]),
                ]
            )
            + "\n"
        )
    file.write_text(text, encoding="utf-8")
    after = build_records.coordinator_site_records(project)
    assert after == fresh(project)
    assert after != before


def test_names_are_kept_apart_from_ids(project):
    roster = "learner,name,email,manager,unit,location\n" + "".join(
        f"{i},Name {i},{i}@example.org,,,\n" for i in ("n01", "n02", "n05", "n08")
    )
    (project.root / "records" / "learners.csv").write_text(roster, encoding="utf-8")
    without = build_records.coordinator_site_records(project)
    named = replace(project, settings=replace(project.settings, ops_names=True))
    with_names = build_records.coordinator_site_records(named)
    assert with_names == fresh(named)
    assert with_names.names and not without.names


def test_the_status_pages_are_kept_and_rendered_again_when_their_records_change(project, monkeypatch):
    from trainops.plan.sites import COORDINATORS
    from trainops.render import site as site_render

    def ops(kept, directory_urls=True):
        return site_render.render_site(project, None, directory_urls, False, COORDINATORS, records, kept=kept)

    records, kept = build_records.coordinator_site_share(project)
    assert kept is not None
    rendered = ops(None)
    assert ops(kept) == rendered  # (rendered, and kept)

    def no_rendering(*args, **kwargs):
        raise AssertionError("a status page was rendered again")

    with monkeypatch.context() as patched:
        patched.setattr(site_render, "render_status_pages", no_rendering)
        records, kept = build_records.coordinator_site_share(project)
        assert ops(kept) == rendered
        # other addresses (use_directory_urls: false) are other pages
        records, kept = build_records.coordinator_site_share(project, None, False)
        with pytest.raises(AssertionError, match="rendered again"):
            ops(kept, directory_urls=False)
        sheet = project.root / "records/attendance/2026/d1-tyo-nov.csv"
        sheet.write_text("learner,status,minutes,note\nn04,present,,\nn05,absent,,\n", encoding="utf-8")
        records, kept = build_records.coordinator_site_share(project)
        with pytest.raises(AssertionError, match="rendered again"):
            ops(kept)
    assert ops(kept) == ops(None) != rendered


def test_no_status_page_is_kept_where_the_theme_folder_overrides_a_template(project):
    override = project.root / "theme" / "trainops" / "status-cohorts.html"
    override.parent.mkdir(parents=True)
    override.write_text("{{ status.program }}\n", encoding="utf-8")
    themed = replace(project, settings=replace(project.settings, theme_dir="theme"))
    records, kept = build_records.coordinator_site_share(themed)
    assert records == build_records.coordinator_site_records(project) and kept is None


def test_a_kept_status_is_read_only_when_a_page_is_rendered_from_it(project, monkeypatch):
    """The status (every learner's standing) is most of the records' data: a build whose status
    pages are kept never reads it; the checklist and the overview only ask whether there is one."""
    expected = fresh(project).status
    build_records.coordinator_site_records(project)  # (the first: worked out, kept)
    read: list[str] = []
    get = build_records.DataCache.get

    def noting(self, kind, path, data, shared=False):
        read.append(kind)
        return get(self, kind, path, data, shared)

    monkeypatch.setattr(build_records.DataCache, "get", noting)
    kept = build_records.coordinator_site_records(project)
    assert "coordinator-records-status" not in read and read.count("coordinator-records-program") == len(
        project.programs
    )
    assert sorted(kept.status) == sorted(expected) and "go-live" in kept.status and "nothing" not in kept.status
    assert "coordinator-records-status" not in read  # (asking whether there is one reads none)
    assert kept.status["go-live"] == expected["go-live"] and "coordinator-records-status" in read


def test_a_status_that_cannot_be_read_is_worked_out_again(project):
    expected = fresh(project).status
    build_records.coordinator_site_records(project)
    kept = build_records.coordinator_site_records(project)
    entry = build_records.DataCache.digest(
        kept.status.cache, "coordinator-records-status", "go-live", kept.status.entries["go-live"]
    )
    (kept.status.cache.folder / f"{entry}.pickle").write_bytes(b"damaged")
    assert kept.status["go-live"] == expected["go-live"]
    assert build_records.coordinator_site_records(project).status == expected


def test_a_status_the_cache_let_go_of_is_worked_out_with_the_build_not_when_its_page_is(project, monkeypatch):
    """The cache's bound removes the entries used least first: a status whose pages are not kept
    either is worked out when the build begins, in one reading of the records."""
    expected = fresh(project).status
    kept = build_records.coordinator_site_records(project)
    entry = build_records.DataCache.digest(
        kept.status.cache, "coordinator-records-status", "go-live", kept.status.entries["go-live"]
    )
    (kept.status.cache.folder / f"{entry}.pickle").unlink()
    readings: list[frozenset] = []
    load = build_records.load_records

    def noted(*args, only=None, **kwargs):
        readings.append(only)
        return load(*args, only=only, **kwargs)

    monkeypatch.setattr(build_records, "load_records", noted)
    again = build_records.coordinator_site_records(project)
    assert len(readings) == 1 and "go-live" in readings[0]
    assert again.status["go-live"] == expected["go-live"] and len(readings) == 1


def test_a_status_gone_while_the_site_is_built_is_worked_out_and_not_kept(project, monkeypatch):
    expected = fresh(project).status
    build_records.coordinator_site_records(project)
    kept = build_records.coordinator_site_records(project)  # (shares and statuses read from the cache)
    entry = build_records.DataCache.digest(
        kept.status.cache, "coordinator-records-status", "go-live", kept.status.entries["go-live"]
    )
    (kept.status.cache.folder / f"{entry}.pickle").unlink()
    assert kept.status["go-live"] == expected["go-live"]  # (its page: made from the records as they are)
    assert not (kept.status.cache.folder / f"{entry}.pickle").exists()  # (not kept under the build's keys)


def test_a_first_build_holds_no_status_the_cache_kept(project, monkeypatch):
    """Worked out, each status goes to the cache and is let go of (all of them at once were most of a
    first build's memory), and is read back when its page is made; one the cache could not keep
    stays in memory."""
    expected = fresh(project).status
    first = build_records.coordinator_site_records(project)
    assert first.status.known == {} and sorted(first.status) == sorted(expected)
    assert dict(first.status) == dict(expected)  # (each read back from the cache)

    put = build_records.DataCache.put

    def refusing_statuses(self, kind, path, data, value, shared=False):
        if kind != "coordinator-records-status":
            put(self, kind, path, data, value, shared)

    monkeypatch.setattr(build_records.DataCache, "put", refusing_statuses)
    for entry in first.status.cache.folder.iterdir():  # (nothing kept: worked out again)
        entry.unlink()
    second = build_records.coordinator_site_records(project)
    assert second.status.known == dict(expected) and dict(second.status) == dict(expected)


def test_a_sheet_saved_after_the_keys_are_taken_is_shown_and_neither_it_nor_its_pages_kept(project, monkeypatch):
    """An editor saves a sheet while the build reads the records: this build shows the new bytes,
    and once the sheet has its old bytes again (an undo), the next build shows those: neither the
    new bytes' share nor the status pages made from it were kept under the key of the old."""
    from trainops.plan.sites import COORDINATORS
    from trainops.render import site as site_render

    def ops(records, kept):
        return site_render.render_site(project, None, True, False, COORDINATORS, records, kept=kept)

    sheet = project.root / "records/attendance/2026/d1-tyo-nov.csv"
    before = sheet.read_text(encoding="utf-8")
    real = build_records.load_records

    def saved_first(*args, **kwargs):
        sheet.write_text("learner,status,minutes,note\nn04,present,,\nn05,absent,,\n", encoding="utf-8")
        return real(*args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(build_records, "load_records", saved_first)
        records, kept = build_records.coordinator_site_share(project)
    edited = fresh(project)
    assert records == edited and kept is not None
    assert ops(records, kept) == ops(records, None)  # (its pages rendered from what was read)
    sheet.write_text(before, encoding="utf-8")  # (the old bytes, with other stat data than the key saw)
    records, kept = build_records.coordinator_site_share(project)
    assert records == fresh(project) != edited
    assert ops(records, kept) == ops(records, None)


def test_a_status_gone_while_the_site_is_built_keeps_its_pages_when_no_file_changed(project):
    """A status the cache let go of while the build ran is worked out again when its page is made:
    the records being as the keys saw them, its pages are kept for the next build."""
    from trainops.plan.sites import COORDINATORS
    from trainops.render import site as site_render

    build_records.coordinator_site_share(project)
    records, kept = build_records.coordinator_site_share(project)  # (statuses read from the cache)
    assert kept is not None
    cache = records.status.cache
    status_key = records.status.entries["go-live"]
    entry = build_records.DataCache.digest(cache, "coordinator-records-status", "go-live", status_key)
    (cache.folder / f"{entry}.pickle").unlink()
    pages = site_render.render_site(project, None, True, False, COORDINATORS, records, kept=kept)
    assert pages == site_render.render_site(project, None, True, False, COORDINATORS, records, kept=None)
    assert cache.holds("coordinator-status-pages", "go-live", kept.status.keys["go-live"])
