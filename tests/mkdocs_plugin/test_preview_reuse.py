"""What a preview reuses from one snapshot to the next (Markdown conversions, the theme's files)
is what MkDocs' own steps give for the same inputs, and is made again once an input changed."""

from __future__ import annotations

import json
import logging

from mkdocs.structure.pages import Page

from tests.helpers import TODAY, copy_example
from trainops.mkdocs_plugin.kept import KeptBetweenSaves
from trainops.mkdocs_plugin.preview.snapshot import SiteSnapshot
from trainops.plan.sites import LEARNERS


def _rendered(page: Page) -> dict:
    """All of a converted page that does not name another snapshot's objects."""
    state = {name: value for name, value in vars(page).items() if name not in ("file", "parent", "previous_page",
             "next_page", "links_to_anchors", "toc", "title", "_title_from_render")}  # fmt: skip
    state["title"] = page.title  # (a reused page has it set, a rendered one works it out)
    state["toc"] = _toc(page.toc)
    links = page.links_to_anchors
    state["links_to_anchors"] = None if links is None else {f.src_uri: v for f, v in links.items()}
    state["file"] = (page.file.src_uri, page.file.dest_uri)
    return state


def _toc(links) -> list:
    return [(link.title, link.id, link.level, _toc(link.children)) for link in links]


def _pages(snapshot: SiteSnapshot) -> dict[str, dict]:
    return {page.file.src_uri: _rendered(page) for page in snapshot.nav.pages}


def test_a_reused_conversion_is_the_page_as_mkdocs_renders_it(tmp_path):
    project = copy_example(tmp_path / "org")
    kept = KeptBetweenSaves()
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    made = kept.conversions.made
    assert made >= 5 and kept.conversions.reused == 0
    again = SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert kept.conversions.made == made and kept.conversions.reused >= made  # (nothing converted again)
    fresh = SiteSnapshot(project, LEARNERS, TODAY)  # (nothing kept: MkDocs' Page.render)
    assert _pages(again) == _pages(fresh)
    home = again.file_at("")
    assert home is not None and again.content(home) == fresh.content(fresh.file_at(""))


def test_an_edited_page_is_converted_again_and_its_warnings_said_at_every_save(tmp_path, caplog):
    project = copy_example(tmp_path / "org")
    help_page = project / "content" / "help.md"
    kept = KeptBetweenSaves()
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    help_page.write_text(help_page.read_text() + "\nSee [the old page](/no-such-page/).\n")
    made = kept.conversions.made
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        edited = SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert kept.conversions.made == made + 1  # (help.md alone)
    said = [r.getMessage() for r in caplog.records if "/no-such-page/" in r.getMessage()]
    assert said
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert kept.conversions.made == made + 1  # (reused, and the warning said again)
    assert [r.getMessage() for r in caplog.records if "/no-such-page/" in r.getMessage()] == said
    assert _pages(edited) == _pages(SiteSnapshot(project, LEARNERS, TODAY))
    assert "the old page" in (edited.files.get_file_from_path("help.md").page.content or "")


def test_a_new_file_converts_every_page_again(tmp_path):
    """A link's address depends on the site's files: one added, every page is converted again."""
    project = copy_example(tmp_path / "org")
    kept = KeptBetweenSaves()
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    made = kept.conversions.made
    (project / "content" / "later.md").write_text("# Later\n")
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert kept.conversions.made >= 2 * made


def test_an_extension_that_reads_files_leaves_every_page_converted_at_every_save(tmp_path):
    project = copy_example(tmp_path / "org")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "markdown_extensions:\n  - pymdownx.snippets\n")
    kept = KeptBetweenSaves()
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert kept.conversions.made == kept.conversions.reused == len(kept.conversions) == 0


def _theme_files(snapshot: SiteSnapshot) -> list[tuple]:
    return sorted((f.src_uri, f.abs_src_path, f.dest_uri, f.url) for f in snapshot.files if not f.generated_by)


def test_the_theme_files_listed_once_are_mkdocs_own_and_a_theme_folder_is_looked_at_each_save(tmp_path):
    project = copy_example(tmp_path / "org")
    kept = KeptBetweenSaves()
    first = SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert _theme_files(first) == _theme_files(SiteSnapshot(project, LEARNERS, TODAY))
    assert any(path.startswith("assets/javascripts/") for path, *_ in _theme_files(first))
    SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert kept.theme_files.reused == 1 and kept.theme_files.made == 1
    favicon = project / "theme" / "assets" / "images" / "favicon.png"  # (a copy of Material's wins)
    favicon.parent.mkdir(parents=True)
    favicon.write_bytes(b"\x89PNG not really")
    added = SiteSnapshot(project, LEARNERS, TODAY, kept)
    assert (favicon.as_posix(),) == tuple(f for p, f, *_ in _theme_files(added) if p == "assets/images/favicon.png")
    assert _theme_files(added) == _theme_files(SiteSnapshot(project, LEARNERS, TODAY))


def test_what_is_kept_is_bounded_by_count_and_by_size():
    from trainops.mkdocs_plugin.kept import KeptByKey

    kept = KeptByKey(most=2, chars=10)
    kept.put("a", "A", 4)
    kept.put("b", "B", 4)
    assert kept.get("a") == "A"  # ("a" used last: "b" goes first)
    kept.put("c", "C", 4)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == ("A", None, "C")
    kept.put("d", "D", 8)  # (over 10 characters with either other: both go)
    assert len(kept) == 1 and kept.get("d") == "D"
    kept.put("e", "E", 11)  # (bigger than all that may be kept: not kept)
    assert kept.get("e") is None and kept.get("d") == "D"
    assert kept.get("d", lambda value: value != "D") is None  # (kept, but not for what is asked)


def test_a_new_title_in_the_front_matter_alone_converts_the_page_again(tmp_path):
    """The same Markdown under another front-matter title: the page's title is the new one."""
    project = copy_example(tmp_path / "org")
    extra = project / "content" / "extra.md"
    extra.write_text("# Extra\n\nText.\n")
    kept = KeptBetweenSaves()

    def title(snapshot: SiteSnapshot) -> str:
        page = snapshot.files.get_file_from_path("extra.md")
        html = snapshot.content(page).decode()
        return html[html.index("<title>") : html.index("</title>")]

    assert title(SiteSnapshot(project, LEARNERS, TODAY, kept)).startswith("<title>Extra ")
    extra.write_text("---\ntitle: Ask for help here\n---\n# Extra\n\nText.\n")
    made = kept.conversions.made
    edited = title(SiteSnapshot(project, LEARNERS, TODAY, kept))
    assert kept.conversions.made == made + 1
    assert edited.startswith("<title>Ask for help here ")
    assert edited == title(SiteSnapshot(project, LEARNERS, TODAY))


def test_a_coordinator_page_rendered_again_by_the_preview_keeps_its_blocks(tmp_path, monkeypatch):
    """A preview renders a page again once it has let go of the rendered bytes (PAGES_KEPT): a page
    out of the search index (the status page's rows) and a block marked unsearched (a checklist's
    follow-ups) are put back after Markdown there, so the page converted once has them every time."""
    from trainops.mkdocs_plugin.preview import snapshot as preview
    from trainops.plan import urls
    from trainops.plan.sites import COORDINATORS

    monkeypatch.setattr(preview, "PAGES_KEPT", 0)  # (nothing kept: every request renders the page)
    project = copy_example(tmp_path / "org", records=True)
    site = SiteSnapshot(project, COORDINATORS, TODAY)
    for path, block in (
        (urls.status_page("onboarding"), b'<table class="trainops-status-learners">'),
        (urls.launch_checklist("onboarding"), b'class="trainops-section trainops-follow-ups"'),
    ):
        file = site.files.get_file_from_path(path)
        assert file is not None
        first, again = site.content(file), site.content(file)
        assert block in first and first == again
        assert b"trainops:html" not in again and b"trainops:unsearched" not in again
    # MkDocs keeps the one plugin for the process: a build after the preview is no preview (the
    # checklist's follow-ups go in after the theme, out of the search index)
    from trainops.cli import main

    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    docs = json.loads((project / "ops" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    page = (project / "ops" / "programs" / "onboarding" / "launch-checklist" / "index.html").read_text(encoding="utf-8")
    checklist = [d for d in docs if d["location"].startswith("programs/onboarding/launch-checklist/")]
    assert "trainops-follow-ups" in page and "To do:" in page
    assert checklist and not [d["title"] for d in checklist if "To do:" in d["text"]]
