"""``trainops serve``: both sites previewed from memory, live reload, errors in the browser."""

from __future__ import annotations

import os
import time
import urllib.request

from tests.helpers import TODAY, copy_example
from tests.helpers.serve import serving, wait_for, wait_for_line
from trainops.cli import main
from trainops.mkdocs_plugin.preview.server import without_live_reload
from trainops.mkdocs_plugin.preview.sites import Preview
from trainops.mkdocs_plugin.preview.watch import watched_folders
from trainops.model.project import Settings


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def _wait_without(url: str, text: str, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text not in _get(url).decode():
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_after_a_program_edit(tmp_path):
    project = copy_example(tmp_path / "org")
    with serving(project) as address:
        url = f"{address}programs/onboarding/"
        assert wait_for(url, "New Hire Onboarding"), "the preview never came up"
        program = project / "programs" / "onboarding.yaml"
        program.write_text(program.read_text().replace("name: New Hire Onboarding", "name: New Hire Welcome Program"))
        assert wait_for(url, "New Hire Welcome Program"), "the edit was not picked up"


def test_served_pages_are_the_built_pages_byte_for_byte(tmp_path):
    """Every HTML page of both sites, as served, is what `build` writes, but for the live-reload
    script the preview adds before ``</body>`` (taken out here)."""
    project = copy_example(tmp_path / "org")
    site, ops = tmp_path / "site", tmp_path / "ops"
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf",
                 "--site-dir", str(site), "--ops-dir", str(ops)]) == 0  # fmt: skip
    with serving(project) as address:
        assert wait_for(address, "Harbor Health"), "the preview never came up"
        compared = 0
        for folder, mount in ((site, ""), (ops, "ops/")):
            for page in sorted(folder.rglob("*.html")):
                path = page.relative_to(folder).as_posix()
                if path == "404.html":  # (the preview answers a missing page with a plain 404)
                    continue
                url = address + mount + path.removesuffix("index.html")
                served = _get(url)
                assert b"/livereload/" in served, url
                assert without_live_reload(served) == page.read_bytes(), url
                compared += 1
        assert compared >= 40, compared
        sheet = "trainops/trainops.css"
        assert _get(address + sheet) == (site / sheet).read_bytes()
        sends = "reminders/send-schedule.csv"  # (the coordinator site's: made when asked for)
        assert _get(address + "ops/" + sends) == (ops / sends).read_bytes()
        feeds = sorted(site.rglob("*.ics"))  # (made when asked for, the same bytes)
        assert feeds
        for feed in feeds:
            assert _get(address + feed.relative_to(site).as_posix()) == feed.read_bytes(), feed


def test_an_error_in_the_data_shows_on_every_page_of_both_sites_until_it_is_mended(tmp_path):
    project = copy_example(tmp_path / "org")
    program = project / "programs" / "onboarding.yaml"
    good = program.read_text()
    log = tmp_path / "serve.log"
    with serving(project, log) as address:
        pages = [address, f"{address}programs/onboarding/", f"{address}ops/", f"{address}ops/handoff/"]
        for url in pages:
            assert wait_for(url, "New Hire Onboarding") or wait_for(url, "Harbor Health"), url
        program.write_text(good.replace("\nowner: jordan.lee", "\nowners: jordan.lee", 1))
        line = good.splitlines().index("owner: jordan.lee") + 1
        where = f"programs/onboarding.yaml:{line}:"
        for url in pages:
            assert wait_for(url, where, seconds=20), f"{url} does not show the error"
        body = _get(pages[1]).decode()
        assert "[" in body.split(where, 1)[1].splitlines()[0], "the rule's id"
        assert wait_for_line(log, where), log.read_text()
        program.write_text(good)
        for url in pages:
            assert _wait_without(url, where), f"{url} still shows the error"
            assert "the preview cannot show this page" not in _get(url).decode()
    assert "Traceback" not in log.read_text()


def test_live_reload_answers_when_a_save_is_taken_in(tmp_path):
    project = copy_example(tmp_path / "org")
    with serving(project) as address:
        assert wait_for(f"{address}ops/", "Harbor Health"), "the preview never came up"
        version = int(_get(f"{address}livereload/0"))  # (any older version is answered at once)
        page = project / "content" / "help.md"
        page.write_text(page.read_text() + "\nA line added while serving.\n")
        assert int(_get(f"{address}livereload/{version}")) > version
        assert wait_for(f"{address}help/", "A line added while serving.")


def test_only_the_projects_source_folders_are_watched(tmp_path):
    project = copy_example(tmp_path / "org")
    folders = dict(watched_folders(project, Settings(theme_dir="theme")))
    assert folders[project] is False  # mkdocs.yml and its neighbours, not the built sites below
    for name in ("programs", "sops", "content", "theme"):
        assert folders[(project / name).resolve()] is True, name
    (project / "records").mkdir()
    assert dict(watched_folders(project, Settings()))[(project / "records").resolve()] is True
    assert all(project == folder or project in folder.parents for folder in folders)


def test_a_broken_mkdocs_yml_stops_serve_with_one_line_at_its_line(tmp_path, capsys):
    project = copy_example(tmp_path / "org")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("name: material", "name: nosuchtheme"))
    assert main(["serve", "--project", str(project), "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    line = config.read_text().splitlines().index("theme:") + 1  # (the setting MkDocs names)
    assert err.startswith(f"trainops: mkdocs.yml:{line}:1: error: theme: Unrecognised theme name: 'nosuchtheme'")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_broken_mkdocs_yml_while_serving_shows_in_the_browser_and_the_server_stays(tmp_path):
    project = copy_example(tmp_path / "org")
    config = project / "mkdocs.yml"
    good = config.read_text()
    log = tmp_path / "serve.log"

    def save(text: str) -> None:  # (whole at once, as an editor's save: the count below counts saves)
        (tmp_path / "mkdocs.yml.next").write_text(text)
        os.replace(tmp_path / "mkdocs.yml.next", config)

    with serving(project, log) as address:
        assert wait_for(address, "Harbor Health"), "the preview never came up"
        save(good.replace("name: material", "name: nosuchtheme"))
        assert wait_for(address, "error: theme: Unrecognised theme name"), "the page does not say why"
        assert wait_for_line(log, "error: theme: Unrecognised theme name"), log.read_text()
        save(good + "nav: [\n")
        assert wait_for(address, "[yaml-syntax]"), "the page does not say why"
        save(good.replace("site_name: Harbor Health", "site_name: Harbour Wealth"))
        assert wait_for(address, "Harbour Wealth"), "mended, the preview is back"
    text = log.read_text()
    assert "Traceback" not in text, text
    shown = [line for line in text.splitlines() if "the preview of the learner site shows errors" in line]
    assert len(shown) == 2 and all(line.count("mkdocs.yml:") == 1 for line in shown), text


def test_a_taken_address_is_one_line(tmp_path, capsys):
    import socket

    project = copy_example(tmp_path / "org")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["serve", "--project", str(project), "--today", TODAY.isoformat(), "--dev-addr", f"127.0.0.1:{port}"]
        assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"trainops: cannot serve on 127.0.0.1:{port}:") and err.count("\n") == 1


def _edit(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def _assert_served_as_built(preview: Preview, project, folder) -> None:
    site, ops = folder / "site", folder / "ops"
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf",
                 "--site-dir", str(site), "--ops-dir", str(ops)]) == 0  # fmt: skip
    preview.saved()
    compared = 0
    for built_folder, mount in ((site, "/"), (ops, "/ops/")):
        for built in sorted([*built_folder.rglob("*.html"), *built_folder.rglob("*.csv")]):
            path = built.relative_to(built_folder).as_posix()
            if path == "404.html":
                continue
            served = preview.respond(mount + path.removesuffix("index.html"))
            assert served.status == 200 and served.body == built.read_bytes(), path
            compared += 1
    assert compared >= 40, compared


def test_pages_after_saves_are_the_built_pages_of_the_edited_project(tmp_path):
    """What the preview keeps from one save to the next (the schedule's unchanged days and pages,
    the last load's files, compiled templates, Markdown conversions, the theme's files) never
    shows what changed: after a session's time, a program's name, an SOP's body and a hand-written
    page are saved, every page of both sites is what a build of the edited project writes, and
    what did not change was not made again; likewise after a second round of edits (a page's
    title in the navigation, a session moved to another month, a file of the theme folder)."""
    project = copy_example(tmp_path / "org")
    preview = Preview(project, TODAY, "Harbor Health")
    preview.saved()
    assert preview.respond("/ops/").status == 200  # (both sites made once: their work is kept)
    _edit(project / "programs" / "schedule.yaml", "start: 2026-12-02 09:30", "start: 2026-12-02 10:15")
    _edit(project / "programs" / "onboarding.yaml", "name: New Hire Onboarding", "name: New Hire Welcome Program")
    sop = project / "sops" / "launch-day-runbook.md"
    sop.write_text(sop.read_text() + "\nA line added after the first save.\n")
    page = project / "content" / "help.md"
    page.write_text(page.read_text() + "\nAnother line added after the first save.\n")
    _assert_served_as_built(preview, project, tmp_path / "first")
    rows, conversions = preview.kept.schedule_rows, preview.kept.conversions
    assert rows.rendered >= 1 and rows.reused >= 1, (rows.rendered, rows.reused)
    assert rows.pages.rendered >= 1 and rows.pages.reused >= 1, (rows.pages.rendered, rows.pages.reused)
    assert conversions.reused >= 1 and preview.kept.theme_files.reused >= 1
    # A second round: the navigation's titles (every page shows them), a session moved to another
    # month (the schedule's pages around it), and a style sheet of the theme folder.
    _edit(project / "mkdocs.yml", "  - Help: help.md", "  - Getting help: help.md")
    _edit(project / "programs" / "schedule.yaml", "start: 2026-12-02 10:15", "start: 2027-01-06 10:15")
    sheet = project / "theme" / "trainops" / "schedule.css"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text("/* the theme folder's copy */\n")
    _assert_served_as_built(preview, project, tmp_path / "second")
    assert b"Getting help" in preview.respond("/").body
    assert preview.respond("/trainops/schedule.css").body == sheet.read_bytes()


def test_the_coordinator_site_after_a_save_is_made_from_the_learner_sites_load(tmp_path, monkeypatch):
    """One load a save for both sites, as a build has (the pages are compared with a build's in
    the test above); a save between the two makes the coordinator site load the files again."""
    from trainops.mkdocs_plugin import plugin

    loads = []

    def counted(*args, **kwargs):
        loads.append(args[0])
        return load_project(*args, **kwargs)

    load_project = plugin.load_project
    monkeypatch.setattr(plugin, "load_project", counted)
    project = copy_example(tmp_path / "org")
    preview = Preview(project, TODAY, "Harbor Health")
    preview.saved()
    assert len(loads) == 1
    _edit(project / "programs" / "onboarding.yaml", "name: New Hire Onboarding", "name: New Hire Welcome Program")
    preview.saved()
    assert b"New Hire Welcome Program" in preview.respond("/ops/").body
    assert len(loads) == 2  # (the learner site's load, used by the coordinator site)
    assert b"New Hire Welcome Program" in preview.respond("/ops/").body and len(loads) == 2
    _edit(project / "programs" / "onboarding.yaml", "name: New Hire Welcome Program", "name: Welcome Days")
    preview.saved()
    preview.saved()  # (a second save before /ops/ is asked for: the last load is the one handed on)
    assert b"Welcome Days" in preview.respond("/ops/").body and len(loads) == 4
