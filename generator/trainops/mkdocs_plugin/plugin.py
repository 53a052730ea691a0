"""Hooks only: each one calls the core (load, render) and hands MkDocs the result."""

from __future__ import annotations

import html
import os
from pathlib import Path

from jinja2 import TemplateError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..diagnostics import Diagnostic, format_diagnostics, sort_diagnostics
from ..links import neutralise_unsafe_urls, rewrite_links
from ..loading import load_project
from ..manuals.build import build_project_manuals
from ..parallel import in_background
from ..paths import is_inside, output_dir_problem
from ..project import Project, Settings
from ..readiness import readiness_findings
from ..render.environment import describe_template_error, make_environment, template_source
from ..render.site import GeneratedFile, SitePages, calendar_paths, materials_outside_docs, render_calendars
from ..render.sop_pages import link_index
from ..today import resolve_today, source_date_epoch
from .config import TrainopsConfig
from .navigation import extend_navigation

__all__ = ["TrainopsPlugin"]

log = get_plugin_logger(__name__)
CSS_PATH = "trainops/trainops.css"
JS_PATH = "trainops/trainops.js"


class TrainopsPlugin(BasePlugin[TrainopsConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.project: Project | None = None
        self.generated: list[GeneratedFile] = []
        self.titles: dict[str, str] = {}
        self.serving = False
        self.preloaded: Project | None = None  # set by build_site: the CLI has loaded it already
        self.pending_calendars = None  # rendering since on_files; MkDocs needs them after on_env
        self.calendar_files: dict[str, File] = {}
        self.pages: SitePages | None = None  # the generated pages, some still being rendered...
        self.pending_pages: dict[str, File] = {}  # ...in these files, until on_pre_page
        self.links = None  # for hand-written pages, from on_files
        self.docs_dir = ""

    def on_startup(self, *, command, dirty):
        # A live preview must be quick: manuals are made by `build`, not on every edit.
        self.serving = command == "serve"

    @property
    def make_manuals(self) -> bool:
        return bool(self.config.pdf) and not self.serving

    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        today = resolve_today(self.config.today)
        # Sitemap dates and the gzip header come from SOURCE_DATE_EPOCH: pin them to "today".
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(today)))
        settings = settings_from(self.config, config, root)
        problem = output_dir_problem(root, settings, config.site_dir, "site_dir")
        if problem:  # `mkdocs build -d programs` would replace the programs with the site
            raise PluginError(problem)
        preloaded, self.preloaded = self.preloaded, None
        diagnostics: list[Diagnostic]
        if preloaded is not None and (preloaded.root.resolve(), preloaded.settings, preloaded.today) == (
            root,
            settings,
            today,
        ):
            project, diagnostics = preloaded, []  # loaded by the CLI, which stops on errors
        else:
            project, diagnostics = load_project(root, settings, today)
        errors = [d for d in diagnostics if d.severity == "error"]
        if errors:
            raise PluginError("the training data has errors:\n" + format_diagnostics(errors).rstrip())
        for finding in sort_diagnostics(f.as_diagnostic() for f in readiness_findings(project)):
            log.warning(finding.as_text())
        self.project = project
        _add_markdown_extensions(config)
        _add_theme_features(config)
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        if JS_PATH not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(JS_PATH)
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
        for file in list(files):
            if _leaves(project.root, file.abs_src_path):
                files.remove(file)
        # The calendar files are needed only when MkDocs copies the static files, after it has
        # converted every page: a low-priority second process writes them meanwhile, on the core
        # MkDocs leaves idle (trainops.parallel; without one, they are rendered in on_env).
        self.pending_calendars = in_background(render_calendars, project, config.use_directory_urls, low_priority=True)
        try:
            # Some pages are ready now, the rest come from a second process when MkDocs first
            # needs one (on_pre_page): MkDocs gets the ready ones first and converts them meanwhile.
            self.pages = SitePages(project, use_directory_urls=config.use_directory_urls, manuals=self.make_manuals)
        except TemplateError as exc:  # a user's template override is user input
            raise PluginError(describe_template_error(exc)) from None
        self.generated = self.pages.files + materials_outside_docs(project)
        self.titles = {g.docs_path: g.title for g in self.generated if g.title}
        self.calendar_files, self.pending_pages = {}, {}
        calendars = [GeneratedFile(path, b"") for path in calendar_paths(project)]
        ready = [g for g in self.generated if g.content is not None]
        pending = [g for g in self.generated if g.content is None]
        for item in ready + pending + calendars:
            if files.get_file_from_path(item.docs_path) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{item.docs_path} has the same path as a page trainops generates; "
                    f"rename or remove it"
                )
            inclusion = (
                InclusionLevel.INCLUDED
                if item.in_nav or not item.docs_path.endswith(".md")
                else InclusionLevel.NOT_IN_NAV
            )
            file = File.generated(
                config, item.docs_path, content="" if item.content is None else item.content, inclusion=inclusion
            )
            files.append(file)
            if item.docs_path.endswith(".ics"):
                self.calendar_files[item.docs_path] = file
            elif item.content is None:
                self.pending_pages[item.docs_path] = file
        env = make_environment(project.root)
        for asset in (CSS_PATH, JS_PATH):
            if files.get_file_from_path(asset) is None:  # a copy in theme/trainops/ is already there
                files.append(File.generated(config, asset, content=template_source(env, asset)))
        config.nav = extend_navigation(config.nav, files, self.generated)
        # Memory: MkDocs holds the pages from here on; hand-written pages need only the link index,
        # and the project itself only the manuals (at 20,000 sessions it is 200 MB of the peak).
        self.generated, self.pages.files = [], []
        self.links, self.docs_dir = link_index(project), project.settings.docs_dir
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
        if not page.file.generated_by or page.file.src_uri.startswith("sops/"):
            html_text = neutralise_unsafe_urls(html_text)  # Markdown a person wrote: no javascript: links
        return html_text

    def on_pre_page(self, page, config, files):
        """Before MkDocs reads a page: the pages of the second process get their content."""
        if page.file.src_uri in self.pending_pages:
            self._fill_pending_pages()
        return page

    def _fill_pending_pages(self) -> None:
        pending, self.pending_pages = self.pending_pages, {}
        if pending:
            assert self.pages is not None  # set in on_files, which MkDocs calls before any page
            try:
                later = self.pages.later()
            except TemplateError as exc:
                raise PluginError(describe_template_error(exc)) from None
            for path, file in pending.items():
                file.content_string = later[path]
            self.pages = None  # MkDocs holds the pages now

    def on_env(self, env, config, files):
        """Last call before MkDocs copies the static files: the calendar files and the send
        schedule get their content."""
        self._fill_pending_pages()
        pending, self.pending_calendars = self.pending_calendars, None
        if pending is not None:
            for item in pending.result():
                self.calendar_files[item.docs_path].content_bytes = item.content
        return env

    def on_build_error(self, *, error):
        pending, self.pending_calendars = self.pending_calendars, None
        if pending is not None:
            pending.discard()
        if self.pages is not None:
            self.pages.discard()

    def on_post_build(self, config):
        """The manuals, once the site is in place (a failure fails the build: nothing is swapped)."""
        if not self.config.enabled or self.project is None or not self.make_manuals:
            return
        results = build_project_manuals(self.project, Path(config.site_dir), log.info)
        failed = [r for r in results if r.status == "failed"]
        for r in results:
            for url, reason in r.refused:
                log.warning(f"{r.docs_path}: left out {url}: {reason}")
        if failed:
            raise PluginError("manuals failed:\n" + "\n".join(f"{r.docs_path}: {r.message}" for r in failed))

    def on_page_markdown(self, markdown, page, config, files):
        """Hand-written pages link to SOPs and programs by their repository files: rewrite them."""
        if not self.config.enabled or self.links is None:
            return markdown
        if page.file.generated_by:
            title = self.titles.get(page.file.src_uri)
            if title:
                # Material prints meta.title into <title> as it is, but strips tags from (and so
                # unescapes) a title taken from the heading: give it the text, escaped once.
                page.meta["title"] = html.escape(title, quote=False)
            return markdown
        return rewrite_links(markdown, f"{self.docs_dir}/{page.file.src_uri}", page.file.src_uri, self.links)


def settings_from(plugin_config: TrainopsConfig, config, root: Path) -> Settings:
    docs_dir = Path(config.docs_dir).resolve()
    try:
        docs_rel = docs_dir.relative_to(root).as_posix()
    except ValueError:
        raise PluginError(f"docs_dir '{config.docs_dir}' must be inside the project folder {root}") from None
    return Settings(
        programs_dir=plugin_config.programs_dir.strip("/"),
        sops_dir=plugin_config.sops_dir.strip("/"),
        schedule=plugin_config.schedule,
        people=plugin_config.people,
        docs_dir=docs_rel,
        site_name=config.site_name,
        site_url=config.site_url or "",
        paper_size=plugin_config.paper_size,
    )


def _add_markdown_extensions(config) -> None:
    # No md_in_html: generated pages never ask for Markdown inside HTML, and its HTML parsing is the
    # largest cost of building a big site.
    for name in ("attr_list", "admonition", "tables", "toc"):
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink", True)


def _add_theme_features(config) -> None:
    if config.theme.name != "material":
        return
    features = config.theme.get("features") or []
    for feature in ("navigation.indexes", "search.suggest", "search.highlight", "content.code.copy"):
        if feature not in features:
            features.append(feature)
    config.theme["features"] = features


def _leaves(root: Path, source: str | None) -> bool:
    """A file under the project whose real path is outside it (a symbolic link that leaves).
    Files of themes and packages lie outside the project by nature and are left alone."""
    if not source:
        return False
    inside_by_name = os.path.normpath(source).startswith(str(root).rstrip(os.sep) + os.sep)
    return inside_by_name and not is_inside(root, source)
