"""One site of the preview, held in memory: MkDocs' files and navigation made once per edit, and
each page rendered only when it is asked for, through the same hooks, theme and templates as
``mkdocs build`` (the steps of ``mkdocs.commands.build.build``, without writing anything).

Why pages on request: MkDocs spends most of a build converting and templating every page; a
preview needs the one page the browser shows. What every page shows of the others (the titles in
the navigation, the previous and next links) is read from the pages of the navigation, which are
converted when the snapshot is made, as a build converts every page before it writes one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ...model.project import Project
from ..kept import KeptBetweenSaves
from ..mkdocs_config import load_mkdocs_config
from ..page_hooks_state import PageHooksState
from ..plugin import TrainopsPlugin
from .converting import conversion_context, convert
from .theme_listing import add_theme_files

__all__ = ["SiteSnapshot", "PAGES_KEPT"]

# Rendered pages kept per site (a page is a few to 250 KB): a crawl of the whole site does not
# hold all of it; the pages a coordinator goes back and forth between stay ready.
PAGES_KEPT = 200


class SiteSnapshot:
    """The site of ``audience`` ("learners" or "coordinators") of the project at ``root``, as its
    files are now. Not thread-safe: the preview renders one page at a time (MkDocs' plugins and
    Markdown converters keep state while they work)."""

    def __init__(
        self,
        root: Path,
        audience: str,
        today: date | None,
        kept: KeptBetweenSaves | None = None,
        loaded: Project | None = None,
    ):
        """``loaded``: the project as the other site's snapshot loaded it from the same files
        (without errors), used where it is the same project (folder, settings, day), as a build
        gives both sites one load."""
        config = load_mkdocs_config(root)
        plugin = config.plugins.get("trainops")
        self.plugin = plugin if isinstance(plugin, TrainopsPlugin) else None
        was = (self.plugin.serving, self.plugin.kept) if self.plugin is not None else (False, None)
        if self.plugin is not None:
            # MkDocs keeps one instance of the plugin for the whole process (it has on_startup):
            # both sites of the preview, and any later build. It is told which site, and for a
            # preview (no manuals, pages made on request), before each use, and given back as it
            # was after (a build in the same process is no preview).
            self.plugin.serving = True
            self.plugin.given_today = today
            self.plugin.config["pdf"] = False
            self.plugin.config["audience"] = audience
            self.plugin.kept = kept
            self.plugin.preloaded = loaded
        self.day: date | None = None  # the day the pages are judged against (the plugin's)
        # The project this snapshot's site was made from, for the other site's (Preview hands it on).
        self.loaded: Project | None = None
        try:
            config = config.plugins.on_config(config)
            self.loaded = self.plugin.project if self.plugin is not None else None
            if kept is not None and (loaded is None or self.loaded is not loaded):
                kept.results.turn()  # (the files this load did not use are let go)
            if self.loaded is not None:
                self.day = self.loaded.today
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            env = config.theme.get_env()
            if kept is not None:  # (MkDocs makes a new environment each time: its templates compiled once)
                env.bytecode_cache = kept.theme_templates
            add_theme_files(files, env, config, kept.theme_files if kept is not None else None)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
        finally:
            if self.plugin is not None:
                self.plugin.given_today, self.plugin.preloaded = None, None
                self.plugin.serving, self.plugin.kept = was
                # MkDocs' build date stays pinned only while a page is rendered (see _pinned):
                # between requests the process's environment is as it was.
                self.plugin.build_date.release()
        self.hooks_state: PageHooksState | None = self.plugin.page_hooks_state() if self.plugin else None
        self.config: MkDocsConfig = config
        self.files = files
        self.nav = nav
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.kept = kept
        self._conversion = conversion_context(config, files) if kept is not None else None
        with self._pinned():
            for file in self.doc_files:
                if file.page is None:
                    Page(None, file, config)
            # Every page shows the titles of the navigation's pages (and its neighbours'): those
            # are converted now, as a build converts all pages before it writes the first.
            for page in nav.pages:
                self._populate(page)
            self.env = config.plugins.on_env(env, config=config, files=files)
        self._published = {f.dest_uri: f for f in files if f.inclusion.is_included() and not f.dest_uri.endswith(".md")}
        self._rendered: OrderedDict[str, bytes] = OrderedDict()

    def file_at(self, path: str) -> File | None:
        """The published file at ``path`` (relative to the site, ``a/b/`` meaning ``a/b/index.html``)."""
        published = self._published.get(path + "index.html" if path.endswith("/") or not path else path)
        return published if published is not None else self._calendar_file(path)

    def _calendar_file(self, path: str) -> File | None:
        """The calendar file at ``path``, as a build has it. The plugin gives a preview no calendar
        files (at 20,000 sessions, 20,300 MkDocs ``File`` objects and their exclusions cost every
        save 0.6 s): the one asked for is made here; included, as a build's generated files are
        (``exclude_docs`` applies to the user's files)."""
        calendars = self.hooks_state.calendars if self.hooks_state else None
        if calendars is None or not calendars.has(path):
            return None
        return File.generated(self.config, path, content=b"", inclusion=InclusionLevel.INCLUDED)  # (bytes: ``content``)

    def is_folder(self, path: str) -> bool:
        """Whether ``path`` without its slash names a page's folder (``a/b`` for ``a/b/index.html``)."""
        return not path.endswith("/") and f"{path}/index.html" in self._published

    def content(self, file: File) -> bytes:
        """The bytes ``mkdocs build`` writes for ``file``: a page rendered through the theme, any
        other file as it is."""
        is_page = file.page is not None and file.is_documentation_page()
        if not is_page:
            calendars = self.hooks_state.calendars if self.hooks_state else None
            made = calendars.content(file.src_uri) if calendars and file.generated_by else None
            if made is not None:
                return made
            if self._made_on_request(file) is None:
                return file.content_bytes
        kept = self._rendered.get(file.dest_uri)
        if kept is None:
            kept = self._render(file.page) if is_page and file.page is not None else self._make(file)
            self._rendered[file.dest_uri] = kept
            while len(self._rendered) > PAGES_KEPT:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(file.dest_uri)
        return kept

    def _made_on_request(self, file: File):
        """How a generated file that is no page is made when it is asked for (the coordinator
        site's send schedule: all 60,000 messages), else None (its content is the file's)."""
        if not file.generated_by or self.hooks_state is None:
            return None
        return self.hooks_state.on_request.get(file.src_uri)

    def _make(self, file: File) -> bytes:
        make = self._made_on_request(file)
        assert make is not None
        self._use_hooks_state()
        return make().encode("utf-8")  # (as MkDocs writes a generated file's text)

    def _use_hooks_state(self) -> None:
        if self.plugin is not None and self.hooks_state is not None:
            self.plugin.use_page_hooks_state(self.hooks_state)

    def _populate(self, page: Page) -> None:
        """The page's Markdown read and converted, through the plugins' hooks, once per snapshot."""
        if page.content is not None:
            return
        self._use_hooks_state()
        config, files = self.config, self.files
        make = self.hooks_state.on_request.get(page.file.src_uri) if self.hooks_state else None
        if make is not None and page.file.generated_by:
            page.file.content_string = make()  # (a program's or an SOP's page: made now it is shown)
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        if self.kept is not None and self._conversion is not None:
            convert(page, config, files, self._conversion, self.kept.conversions)  # (unchanged: not again)
        else:
            page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)

    @contextmanager
    def _pinned(self) -> Iterator[None]:
        """MkDocs' build date (``SOURCE_DATE_EPOCH``) set to the snapshot's day while a page is
        made, as ``build`` sets it for its whole run (pages show it), and taken back after."""
        if self.plugin is None or self.day is None:
            yield
            return
        self.plugin.build_date.pin(self.day)
        try:
            yield
        finally:
            self.plugin.build_date.release()

    def _render(self, page: Page) -> bytes:
        with self._pinned():
            return self._render_pinned(page)

    def _render_pinned(self, page: Page) -> bytes:
        self._populate(page)
        self._use_hooks_state()
        config = self.config
        page.active = True  # (the theme marks the page being shown in the navigation)
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
        return output.encode("utf-8", errors="xmlcharrefreplace")
