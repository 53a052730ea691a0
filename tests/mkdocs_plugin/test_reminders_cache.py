"""Each program's reminders page kept by the build (trainops.mkdocs_plugin.records, the status
fixture of tests/plan/status_fixture.py): served on a second build with the same inputs, made again
when anything it is made of changes (a session's time, a person, a record row, today, the names
shown, the addresses' form, the manuals), never kept with a template overridden, and always the
page a build without the cache makes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

import trainops
from tests.plan.status_fixture import TODAY, write_fixture
from trainops.load.loading import load_project
from trainops.mkdocs_plugin import records as build_records
from trainops.plan.sites import COORDINATORS
from trainops.plan.urls import SEND_SCHEDULE, reminders_page
from trainops.render import program_reminders
from trainops.render import site as site_render

PAGE = reminders_page("go-live")


@pytest.fixture
def root(tmp_path):
    return write_fixture(tmp_path)


def loaded(root, today=TODAY):
    project, diagnostics = load_project(root, today=today)
    assert not [d for d in diagnostics if d.severity == "error"]
    return project


class Renders:
    """How many reminders pages were rendered (not served from the cache)."""

    def __init__(self, monkeypatch):
        self.count = 0
        render = program_reminders.render_reminder_page

        def counted(*args, **kwargs):
            self.count += 1
            return render(*args, **kwargs)

        monkeypatch.setattr(program_reminders, "render_reminder_page", counted)

    def taken(self) -> int:
        count, self.count = self.count, 0
        return count


def built(project, directory_urls=True, manuals=False, cache=True):
    """The coordinator site's reminders page and send schedule of go-live, with the build's cache
    (``cache``) or without."""
    records, kept = build_records.coordinator_site_share(project, None, directory_urls, manuals)
    files = site_render.render_site(
        project, None, directory_urls, manuals, COORDINATORS, records, kept=kept if cache else None
    )
    return {f.docs_path: f for f in files if f.docs_path in (PAGE, SEND_SCHEDULE)}


def test_a_kept_page_is_served_on_a_second_build_and_is_the_page_made_without_the_cache(root, monkeypatch):
    project = loaded(root)
    renders = Renders(monkeypatch)
    first = built(project)
    assert renders.taken() == 1
    assert "missed" in first[PAGE].content and not first[PAGE].searchable  # (the records' messages: learners)
    again = built(loaded(root))  # (another load of the same files)
    assert renders.taken() == 0
    assert again == first == built(project, cache=False)


def _edit(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        # a session's time (the December Day 2, whose reminders are ahead)
        ("programs/schedule.yaml", "start: 2026-12-07 09:00", "start: 2026-12-07 10:30"),
        # a person: the program's owner answers learners' questions, by name
        ("programs/people.yaml", "name: Ana Ruiz", "name: Ana Ruiz Díaz"),
        # a record row: n03 was at Day 1 in New York after all (no missed-session message for them)
        ("records/attendance/2026/d1-nyc-nov.csv", "n03,absent", "n03,present"),
    ],
)
def test_an_edit_of_what_the_page_is_made_of_makes_it_again(root, monkeypatch, rel, old, new):
    before = built(loaded(root))
    renders = Renders(monkeypatch)
    assert built(loaded(root))[PAGE] == before[PAGE] and renders.taken() == 0
    _edit(root, rel, old, new)
    project = loaded(root)
    after = built(project)
    assert renders.taken() == 1
    assert after[PAGE] != before[PAGE]
    assert after == built(project, cache=False)


def test_another_day_names_shown_or_form_of_the_addresses_makes_it_again(root, monkeypatch):
    project = loaded(root)
    first = built(project)
    renders = Renders(monkeypatch)
    later = loaded(root, TODAY + timedelta(days=1))
    assert built(later)[PAGE] != first[PAGE] and renders.taken() == 1
    (root / "records" / "learners.csv").write_text(
        "learner,name,email,manager,unit,location\n" + "".join(f"n0{i},Name {i},,,,\n" for i in range(1, 10)),
        encoding="utf-8",
    )
    ids = loaded(root)
    shown = built(ids)
    assert renders.taken() == 1
    named = replace(ids, settings=replace(ids.settings, ops_names=True))
    with_names = built(named)
    assert renders.taken() == 1 and with_names[PAGE] != shown[PAGE] and "Name 3" in with_names[PAGE].content
    assert with_names == built(named, cache=False)
    renders.taken()
    for directory_urls, manuals in ((False, False), (True, True)):
        other = built(ids, directory_urls, manuals)
        assert renders.taken() == 1 and other[PAGE] != shown[PAGE]
        assert other == built(ids, directory_urls, manuals, cache=False)
        renders.taken()


def test_another_history_makes_it_again(root, monkeypatch):
    """The change notices and cancellation days come from the history read: another commit read
    (the same files) is another key."""
    project = loaded(root)

    def read_at(head: str):
        return replace(project, history=replace(project.history, available=True, head=head))

    built(read_at("1" * 40))
    renders = Renders(monkeypatch)
    built(read_at("1" * 40))
    assert renders.taken() == 0
    later = read_at("2" * 40)
    assert built(later) == built(later, cache=False) and renders.taken() == 2


@pytest.mark.parametrize("template", ["reminders.html", "reminders/missed-session.txt"])
def test_no_page_is_kept_where_the_theme_folder_overrides_a_template(root, template):
    override = root / "theme" / "trainops" / template
    override.parent.mkdir(parents=True)
    source = (Path(trainops.__file__).parent / "templates" / "trainops" / template).read_text(encoding="utf-8")
    override.write_text(source.replace("missed", "did not see"), encoding="utf-8")
    project = loaded(root)
    themed = replace(project, settings=replace(project.settings, theme_dir="theme"))
    _records, kept = build_records.coordinator_site_share(themed)
    assert kept is None
    assert "did not see" in built(themed)[PAGE].content


MKDOCS_YML = "site_name: Go-Live Learning\ndocs_dir: content\ntheme: {name: material}\nplugins: [search, trainops]\n"


def _ops_bytes(root) -> dict[str, bytes]:
    ops = root / "ops"
    return {p.relative_to(ops).as_posix(): p.read_bytes() for p in sorted(ops.rglob("*")) if p.is_file()}


def test_the_built_coordinator_site_is_the_same_bytes_with_and_without_the_cache(root, monkeypatch):
    from trainops.cli import main
    from trainops.store.cache import CACHE_DIR

    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Go-Live Learning\n", encoding="utf-8")
    command = ["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf"]
    renders = Renders(monkeypatch)
    assert main(command) == 0 and renders.taken() == 1
    cold = _ops_bytes(root)
    assert main(command) == 0 and renders.taken() == 0  # (kept)
    assert _ops_bytes(root) == cold
    _edit(root, "records/attendance/2026/d1-nyc-nov.csv", "n03,absent", "n03,present")
    assert main(command) == 0 and renders.taken() == 1
    warm = _ops_bytes(root)
    assert warm["programs/go-live/reminders/index.html"] != cold["programs/go-live/reminders/index.html"]
    shutil.rmtree(root / CACHE_DIR)
    assert main(command) == 0 and renders.taken() == 1
    assert _ops_bytes(root) == warm
