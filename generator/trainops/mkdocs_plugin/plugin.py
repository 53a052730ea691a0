"""Hooks only: each one calls the core (load, render) and hands MkDocs the result."""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..load.links import link_index, rewrite_links
from ..load.loading import load_project
from ..load.published_calendar import read_published_calendar
from ..load.records import roster_from_environment
from ..load.settings import SETTING_NAMES, cache_keeps_out_of, make_settings, site_url_problem, theme_folder
from ..load.today import resolve_today
from ..manuals.build import build_project_manuals, note_page_counts, sign_in_records
from ..model.diagnostics import Diagnostic, format_diagnostics, sort_diagnostics
from ..model.errors import RenderFailed
from ..model.project import Project
from ..model.settings import Settings
from ..plan import urls
from ..plan.calendar_versions import uncommitted_events
from ..plan.reminders import plan_reminders
from ..plan.sites import COORDINATORS, LEARNERS, keeps_source
from ..plan.urls import Urls
from ..readiness import readiness_findings
from ..render.after_markdown import HtmlAfterMarkdown
from ..render.environment import project_environment, template_problem, template_source
from ..render.home import render_home
from ..render.pool import SiteRender
from ..render.sanitize import sanitize_page_html
from ..render.search_entries import SEARCH_INDEX, add_search_entries, added_search_entries
from ..render.site import CalendarsOnRequest, RenderContext
from ..store.cache import data_cache
from ..store.paths import is_inside, mark_built_site, named_below, output_dir_problem
from .build_date import BuildDate
from .config import TrainopsConfig
from .config_defaults import add_markdown_extensions, add_theme_features, theme_logo
from .kept import KeptBetweenSaves
from .mkdocs_config import rebuilds_in_one_line
from .navigation import extend_navigation
from .page_hooks_state import PageHooksState
from .records import coordinator_site_records
from .theme_files import SCRIPTS, STYLESHEETS, WORKER_SHIM, add_our_assets, drop_theme_folder_files, use_our_worker_shim

__all__ = ["PageHooksState", "TrainopsPlugin"]

log = get_plugin_logger(__name__)


class TrainopsPlugin(BasePlugin[TrainopsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.project: Project | None = None
        self.titles: dict[str, str] = {}
        self.unsearchable: frozenset[str] = frozenset()  # generated pages kept out of the search index
        self.after_markdown = HtmlAfterMarkdown()  # a generated page's marked HTML, while it is converted
        self.serving = self.previewing = False  # (previewing: a preview's pages, see use_page_hooks_state)
        self.preloaded: Project | None = None  # set by build_site: the CLI has loaded it already
        self.render_ahead: SiteRender | None = None  # set by build_site: both sites' files, under way
        # Set by build_site and serve_site for their build (and reset after): the command's --today.
        # (MkDocs keeps one instance of a plugin with on_startup across the configs it loads.)
        self.given_today: date | None = None
        # Set by build_site for its build: the folder this site replaces (MkDocs is given a staging
        # folder beside it); otherwise it is MkDocs' site_dir, which a build replaces itself.
        self.replaced_site: Path | None = None
        self.build_date = BuildDate()
        self.links = None  # for hand-written pages, from on_files
        self.docs_dir = ""
        self.elsewhere = None  # the learner site's address of a document (coordinator site only)
        self.addresses = Urls()  # each document's address, for raw-HTML links (set in on_files)
        self.home = ""  # what the learner site's home page gets appended: programs, next sessions
        self.search_entries: list = []  # added to the search plugin's index (on_post_build)
        # A preview's (serving): what it keeps between saves; its calendar files made on request.
        self.kept: KeptBetweenSaves | None = None
        self.calendars: CalendarsOnRequest | None = None
        self.on_request: dict[str, Callable[[], str]] = {}  # pages made when the preview shows them

    def page_hooks_state(self) -> PageHooksState:
        return PageHooksState(
            self.config, self.titles, self.links, self.docs_dir, self.elsewhere, self.addresses, self.home,
            self.calendars, self.on_request,
        )  # fmt: skip

    def use_page_hooks_state(self, state: PageHooksState) -> None:
        self.config, self.titles, self.links, self.docs_dir = state.config, state.titles, state.links, state.docs_dir
        self.elsewhere, self.addresses, self.home = state.elsewhere, state.addresses, state.home
        self.calendars, self.on_request, self.previewing = state.calendars, state.on_request, True

    def on_startup(self, *, command, dirty):
        # A live preview must be quick: manuals are made by `build`, not on every edit.
        self.serving = command == "serve"

    def on_serve(self, server, *, config, builder):
        # Each edit's rebuild: mkdocs.yml read safely first, a failure one line (not a traceback).
        server.builder = rebuilds_in_one_line(builder, Path(config.config_file_path or ".").resolve().parent)
        return server

    @property
    def make_manuals(self) -> bool:
        return bool(self.config.pdf) and not self.serving

    @property
    def site(self) -> str:
        return COORDINATORS if self.config.audience == "coordinators" else LEARNERS

    def on_config(self, config):
        self.previewing = False  # (until a preview's snapshot makes its pages: use_page_hooks_state)
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        # (one per build: a failed build's blocks let go; they wait beside the site, not in memory)
        self.after_markdown = HtmlAfterMarkdown(str(Path(self.replaced_site or config.site_dir).parent))
        # The day `trainops build` or `serve` was given wins over mkdocs.yml's `today:` (the check
        # before the build judged that day); `mkdocs build` run by hand has the setting only.
        today = self.given_today or resolve_today(self.config.today)
        self.build_date.pin(today)  # (MkDocs' sitemap dates and the manuals' fonts: see build_date)
        settings = settings_from(self.config, config, root)
        problem = output_dir_problem(root, settings, config.site_dir, "site_dir")
        if problem:  # `mkdocs build -d programs` would replace the programs with the site
            raise PluginError(problem)
        preloaded, self.preloaded = self.preloaded, None
        diagnostics: list[Diagnostic]
        wanted = (root, settings, today)
        if preloaded is not None and (preloaded.root.resolve(), preloaded.settings, preloaded.today) == wanted:
            project, diagnostics = preloaded, []  # loaded by the CLI, which stops on errors
        else:
            cache = data_cache(root, [*cache_keeps_out_of(root, settings), config.site_dir])
            cache.shared = self.kept.results if self.kept else None
            if cache.problem:  # (`mkdocs build` by hand: `trainops build` has said it already)
                _note_on_stderr(f"nothing is cached: {cache.problem} [{cache.problem_id}]")
            # The calendar events of the site this one replaces (read before MkDocs empties site_dir).
            replaced = self.replaced_site or Path(config.site_dir)
            published = read_published_calendar(replaced, urls.ALL_SESSIONS_FEED) if self.site == LEARNERS else None
            project, diagnostics = load_project(
                root, settings, today, cache, history=True, published_calendar=published
            )
        errors = [d for d in diagnostics if d.severity == "error"]
        if errors:
            raise PluginError("the training data has errors:\n" + format_diagnostics(errors).rstrip())
        if self.kept and self.site == COORDINATORS:  # (a preview's: every message planned, the review reuses it)
            plan_reminders(project)
        # Said once: with the learner site by `trainops build` (the coordinator site is made next);
        # by a preview with the coordinator site, which shows them, when it is asked for (a save
        # makes the learner site at once, and its terminal keeps the data's errors only).
        if self.site == (COORDINATORS if self.kept else LEARNERS):
            findings = [f.as_diagnostic() for f in readiness_findings(project)]
            for finding in sort_diagnostics([*findings, *uncommitted_events(project)]):
                log.warning(finding.as_text())
            if project.history.note:
                log.info(f"{project.history.note} [history-enclosing]")
        self.project = project
        if self.site == COORDINATORS:
            # Its own name in the header, and no address: it is hosted apart, behind a login.
            config.site_name = f"{config.site_name}: coordinators"
            config.site_url = None
        add_markdown_extensions(config)
        add_theme_features(config)
        use_our_worker_shim(config)
        add_our_assets(config)
        for folder in (settings.programs_dir, settings.sops_dir):
            path = str(root / folder)
            if path not in config.watch and os.path.isdir(path):
                config.watch.append(path)
        return config

    def on_files(self, files: Files, config):
        if not self.config.enabled or self.project is None:
            return files
        project = self.project
        # MkDocs copies every file of docs_dir, following symbolic links: one that leads out of
        # the repository would publish what it points at (check reports each as an error).
        docs_dir = Path(config.docs_dir).resolve()
        for file in list(files):
            if _leaves(project.root, file.abs_src_path):
                files.remove(file)
            elif _in_folder(docs_dir, file.abs_src_path) and not keeps_source(project, file.src_uri, self.site):
                files.remove(file)  # the other site's page (front matter 'audience:') or an instructor's file
        drop_theme_folder_files(files, config)
        directory_urls, kept = config.use_directory_urls, self.kept
        ahead = self.render_ahead
        if ahead is not None and not (
            ahead.project is project
            and ahead.use_directory_urls == directory_urls
            and ahead.manuals == self.make_manuals
        ):
            ahead = self.render_ahead = None  # build_site rendered another project (or for other settings)
        if ahead is None:
            # (serve runs threads for its live reload: no worker process beside them; the records
            # are read for the coordinator site only)
            share = (lambda: (coordinator_site_records(project), None)) if self.site == COORDINATORS else None
            workers, serving = (1, True) if self.serving else (2, False)
            render = SiteRender(
                project, (self.site,), directory_urls, self.make_manuals, workers, share, serving,
                kept.templates if kept else None, kept.schedule_rows if kept and self.site == LEARNERS else None,
            )  # fmt: skip
        else:
            render = ahead
        try:
            generated = render.files(self.site)
        except RenderFailed as exc:  # a mistake in a user's template override is user input, not a bug
            raise PluginError(str(exc)) from None
        finally:
            if render is not ahead:
                render.close()
        self.titles = {g.docs_path: g.title for g in generated if g.title}
        self.unsearchable = frozenset(g.docs_path for g in generated if not g.searchable)
        self.on_request = {g.docs_path: g.make for g in generated if g.make is not None}
        taken = {file.src_uri for file in files}  # (a set: MkDocs' lookup makes a PurePath per call)
        for item in generated:
            _claim(taken, config, item.docs_path)
            in_nav = item.in_nav or not item.docs_path.endswith(".md")
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            if item.source is not None:  # (written out by the worker: MkDocs reads it when it needs it)
                files.append(File.generated(config, item.docs_path, abs_src_path=item.source, inclusion=inclusion))
            else:
                files.append(File.generated(config, item.docs_path, content=item.content, inclusion=inclusion))
        self.calendars = CalendarsOnRequest(project, directory_urls) if self.serving and self.site == LEARNERS else None
        for path in self.calendars.paths() if self.calendars else ():  # (no MkDocs files: see SiteSnapshot.file_at)
            _claim(taken, config, path)
        env = project_environment(project, kept.templates if kept else None)
        for asset in STYLESHEETS + SCRIPTS + (WORKER_SHIM,):
            if files.get_file_from_path(asset) is None:  # the theme folder's copy (custom_dir/trainops/) is there
                files.append(File.generated(config, asset, content=template_source(env, asset)))
        config.nav = extend_navigation(config.nav, files, generated, self.site)
        # Memory: MkDocs holds the pages from here on; hand-written pages need only the link index,
        # and the project itself only the manuals (at 20,000 sessions it is 200 MB of the peak).
        self.links, self.docs_dir = link_index(project), project.settings.docs_dir
        ctx = RenderContext(project, env, Urls(directory_urls), self.make_manuals, self.site)
        self.elsewhere = ctx.elsewhere if self.site == COORDINATORS else None
        self.addresses = ctx.urls
        self.home = render_home(ctx) if self.site == LEARNERS and project.page_at(urls.HOME) else ""
        # (a preview writes no search index: they would be added to none)
        self.search_entries = [] if kept else added_search_entries(project, self.site, ctx.urls, generated)
        if not self.make_manuals:
            self.project = None
        return files

    def on_page_content(self, html_text, page, config, files):
        """A generated page's Markdown is not needed once MkDocs has converted it: let it go
        (the file's copy too), a quarter of the peak memory of a big site."""
        if not self.config.enabled:
            return html_text
        if page.file.generated_by and page.file.src_uri in self.titles:
            page.markdown = None
            page.file.content_string = ""
        if page.file.generated_by:
            html_text = self.after_markdown.put_back(page.file.src_uri, html_text)
        if not page.file.generated_by or page.file.src_uri.startswith(urls.SOPS_FOLDER):
            html_text = sanitize_page_html(html_text)  # Markdown a person wrote: no script, no javascript: links
        return html_text

    @event_priority(100)  # (before any other plugin's: a minifier would drop the slots, HTML comments)
    def on_post_page(self, output, page, config):
        return self.after_markdown.put_back_after_theme(page.file.src_uri, output)

    # After the search plugin (priority 0) has written its index, before Material's offline plugin
    # (-100) copies it into search_index.js for a site opened from file://.
    @event_priority(-75)
    def on_post_build(self, config):
        try:
            if self.config.enabled:  # (`mkdocs build` by hand too: the next build may replace it)
                mark_built_site(config.site_dir)
                self._add_search_entries(config)
            self._make_manuals(config)
        finally:
            self.build_date.release()  # (the manuals' workers have started and ended by now)

    def _add_search_entries(self, config) -> None:
        """The sessions' entries in the index the search plugin wrote (none without a search plugin)."""
        index = Path(config.site_dir) / SEARCH_INDEX
        if self.search_entries and index.is_file():
            added = add_search_entries(index.read_text(encoding="utf-8"), self.search_entries)
            index.write_text(added, encoding="utf-8")

    def on_build_error(self, error):
        self.build_date.release()

    def on_shutdown(self):
        self.build_date.release()

    def _make_manuals(self, config) -> None:
        """The manuals (and on the coordinator site the sign-in sheets), once the site is in place
        (a failure fails the build: nothing is swapped)."""
        if not self.config.enabled or self.project is None or not self.make_manuals:
            return
        try:
            if self.render_ahead is not None:
                self.render_ahead.settle()  # (the worker's memory back before the manuals' workers start)
        except RenderFailed as exc:
            raise PluginError(str(exc)) from None
        try:
            coordinators = self.site == COORDINATORS
            records = None  # read for the coordinator site's sign-in sheets, and for nothing else
            if coordinators:
                roster = roster_from_environment(os.environ)
                records = sign_in_records(self.project, Path(config.site_dir), roster, log.warning)
            editions = ("instructor",) if coordinators else ("learner",)
            results = build_project_manuals(
                self.project, Path(config.site_dir), log.info, editions=editions, logo=theme_logo(config),
                sign_in_sheets=coordinators, note=_note_on_stderr, records=records,
            )  # fmt: skip
        except Exception as exc:  # a mistake in the manual's template override is user input
            problem = template_problem(exc)
            if problem is None:
                raise
            raise PluginError(problem) from None
        if not coordinators:
            note_page_counts(Path(config.site_dir), results)
        failed = [r for r in results if r.status == "failed"]
        for r in results:
            for url, reason in r.refused:
                log.warning(f"{r.docs_path}: left out {url}: {reason}")
        if failed:
            raise PluginError(
                "manuals or sign-in sheets failed:\n" + "\n".join(f"{r.docs_path}: {r.message}" for r in failed)
            )

    def on_page_markdown(self, markdown, page, config, files):
        """Hand-written pages link to SOPs and programs by their repository files: rewrite them."""
        if not self.config.enabled or self.links is None:
            return markdown
        if self.render_ahead is not None:
            try:  # the coordinator site failed in the worker: stop now, not after this site
                self.render_ahead.raise_failure()
            except RenderFailed as exc:  # (a bug there is raised as a bug)
                raise PluginError(str(exc)) from None
        if page.file.generated_by:
            title = self.titles.get(page.file.src_uri)
            if title:
                # Material prints meta.title into <title> as it is, but strips tags from (and so
                # unescapes) a title taken from the heading: give it the text, escaped once.
                page.meta["title"] = html.escape(title, quote=False)
            unsearchable = page.file.src_uri in self.unsearchable
            if unsearchable:
                page.meta["search"] = {"exclude": True}  # (Material's search plugin reads this)
            # (the blocks out of the index go in after the theme, unseen by the search plugin; not in
            # a preview, which renders a page again, once converted, when it has let go of it)
            late = not (self.serving or self.previewing)
            return self.after_markdown.lift(page.file.src_uri, markdown, not unsearchable, late)
        if page.file.src_uri == urls.HOME and self.home:
            markdown = markdown.rstrip("\n") + "\n\n" + self.home
        source = f"{self.docs_dir}/{page.file.src_uri}"

        def published(docs_path: str) -> bool:
            return files.get_file_from_path(docs_path) is not None

        return rewrite_links(
            markdown, source, page.file.src_uri, self.links, published, self.elsewhere, self.addresses.rel
        )


def settings_from(plugin_config: TrainopsConfig, config, root: Path) -> Settings:
    docs_dir = Path(config.docs_dir).resolve()
    try:
        docs_rel = docs_dir.relative_to(root).as_posix()
    except ValueError:
        raise PluginError(f"docs_dir '{config.docs_dir}' must be inside the project folder {root}") from None
    options = {name: plugin_config[name] for name in SETTING_NAMES}
    custom_dir = config.theme.custom_dir  # (MkDocs made it absolute)
    theme_dir = theme_folder(root, custom_dir) if custom_dir else None
    problem = site_url_problem(config.site_url)
    if problem:  # (`mkdocs build` run by hand: no check before it)
        raise PluginError(problem)
    return make_settings(options, docs_rel, config.site_name, config.site_url, theme_dir)


def _in_folder(folder: Path, source: str | None) -> bool:
    return bool(source) and named_below(folder, str(source))


def _leaves(root: Path, source: str | None) -> bool:
    """A file under the project that must not be copied: its real path is outside the project (a
    symbolic link that leaves), or it is no regular file (a FIFO would block the copy forever).
    Files of themes and packages lie outside the project by nature and are left alone."""
    if not source:
        return False
    return named_below(root, source) and not (is_inside(root, source) and os.path.isfile(source))


def _note_on_stderr(text: str) -> None:
    """A note that is no warning of MkDocs' (so ``strict: true`` does not fail on it): a cache that
    cannot be used makes a build slower, never a failed one."""
    print(f"trainops: warning: {text}", file=sys.stderr)


def _claim(taken: set[str], config: MkDocsConfig, docs_path: str) -> None:
    """A generated file's path, refused where a user's file (or another generated one) has it."""
    if docs_path in taken:
        where = f"{config.docs_dir}/{docs_path}"
        raise PluginError(f"{where} has the same path as a page trainops generates; rename or remove it")
    taken.add(docs_path)
