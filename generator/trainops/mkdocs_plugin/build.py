"""Building and serving the site with MkDocs: the CLI's way into the engine.

``build_site`` is atomic: MkDocs writes into a fresh folder beside the site, which replaces the
old site only when the whole build succeeded. A failed build leaves the old site as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..commands.check import Quiet
from ..load.published_calendar import read_published_calendar
from ..load.settings import read_settings
from ..model.diagnostics import sort_diagnostics
from ..model.errors import BuildFailed, ServeFailed, UsageError
from ..model.settings import Settings
from ..plan.sites import SITES
from ..plan.urls import ALL_SESSIONS_FEED
from ..render.pool import SiteRender
from ..store.paths import mark_built_site, output_dir_problem, overlap
from ..store.staged_folder import discard, staging_for, swap
from .mkdocs_config import MkDocsConfigFailed, load_mkdocs_config
from .plugin import TrainopsPlugin
from .preview import serve_preview
from .preview.run import DEFAULT_ADDRESS
from .records import coordinator_site_share

__all__ = ["build_site", "serve_site"]


class _Stderr(logging.Handler):
    """MkDocs' messages to the standard error of the moment (not of when the handler was made)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


class _Errors(logging.Handler):
    """The errors MkDocs logs during one build: a failed build names its cause."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _quiet_mkdocs(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def build_site(
    root: Path,
    site_dir: Path | None = None,
    pdf: bool = True,
    verbose: bool = False,
    project=None,
    ops_dir: Path | None = None,
    today: date | None = None,
    loading: Quiet = contextlib.nullcontext,
) -> tuple[Path, Path]:
    """Build the learner site into ``site_dir`` (default: mkdocs.yml's) and the coordinator site
    into ``ops_dir`` (default: the plugin's ``ops_dir``, ``ops/``); returns both folders.
    ``project``: already loaded without errors, for the plugin to use when it is the same
    project (same folder, settings and day). ``today``: the day to judge against (default: the
    plugin's ``today`` setting, else ``TRAINOPS_TODAY``, else the real date). Both sites replace
    the old ones only when both built: a failure leaves both as they were. ``loading``: a context
    the training records are read in (the command line keeps the collector out of it: a year of
    a large organisation's records is millions of objects, whose unpickling took 10 s with it)."""
    root = Path(root).resolve()
    _quiet_mkdocs(verbose)
    config_file = root / "mkdocs.yml"
    settings = settings_for_mkdocs(root)
    try:
        config = load_mkdocs_config(root)
    except MkDocsConfigFailed as exc:
        raise BuildFailed(str(exc)) from None
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir).resolve()
    ops = Path(ops_dir).resolve() if ops_dir else (root / settings.ops_dir).resolve()
    problem = (
        output_dir_problem(root, settings, target, "site_dir")
        or output_dir_problem(root, settings, ops, "ops_dir")
        or sites_overlap(target, ops)
    )
    if problem:  # where to write, not what: a usage error, as the same folders given as options are
        raise UsageError(f"{problem}; nothing was touched")
    stagings: list[Path] = []
    plugins: list[TrainopsPlugin] = []
    errors = _Errors()
    logging.getLogger("mkdocs").addHandler(errors)
    # A big project's calendar events and coordinator site are rendered by a worker process while
    # MkDocs builds the learner site (trainops.render.pool).
    ours = isinstance(config.plugins.get("trainops"), TrainopsPlugin) and config.plugins["trainops"].config.enabled
    if project is not None and ours:
        # The events of the site this build replaces, read before it is replaced: no calendar
        # event goes below them. The CLI loaded the project with them; another caller may not have.
        published = project.published_calendar
        if published is None or published.site != os.path.realpath(target):
            project = replace(project, published_calendar=read_published_calendar(target, ALL_SESSIONS_FEED))
    # The records are read for the coordinator site's render only (never the learner site's), by
    # the worker that renders it when there is one, while MkDocs starts on the learner site.
    ahead = None
    if project is not None and ours:
        loaded, directory_urls = project, config.use_directory_urls

        def share():
            with loading():
                return coordinator_site_share(loaded, None, directory_urls, pdf)

        # (the worker writes the coordinator site's pages beside it, where MkDocs reads them)
        ahead = SiteRender(project, SITES, directory_urls, manuals=pdf, share=share, scratch=ops)
    try:
        for folder, audience in ((target, "learners"), (ops, "coordinators")):
            staging = _staging_for(folder)
            stagings.append(staging)
            config = load_config(config_file=str(config_file), site_dir=str(staging))
            plugin = config.plugins.get("trainops")
            if isinstance(plugin, TrainopsPlugin):
                plugin.config["pdf"] = pdf
                plugin.config["audience"] = audience
                plugin.preloaded = project
                plugin.render_ahead = ahead
                plugin.given_today = today
                plugin.replaced_site = folder
                plugins.append(plugin)
            mkdocs_build(config)
            mark_built_site(staging)  # (also when the trainops plugin is switched off in mkdocs.yml)
        for staging, folder in zip(stagings, (target, ops), strict=True):
            swap(staging, folder, 0o755)  # (mkdtemp makes 0700; a web server must read the site)
    except (Abort, MkDocsException, SystemExit) as exc:
        for staging in stagings:
            discard(staging)
        raise BuildFailed(errors.messages[-1] if errors.messages else str(exc) or "the build failed") from None
    except BaseException:
        for staging in stagings:
            discard(staging)
        raise
    finally:
        if ahead is not None:
            ahead.close()
        for plugin in plugins:  # (the same instance serves every later config in this process)
            plugin.given_today = None
            plugin.replaced_site = None
            plugin.render_ahead = None  # (closed: its coordinator files are gone)
        logging.getLogger("mkdocs").removeHandler(errors)
    return target, ops


def settings_for_mkdocs(root: Path) -> Settings:
    """The settings, once mkdocs.yml has been read as safely as ``check`` reads it: MkDocs' own
    loader would run what a ``!!python/...`` tag names, so a file refused here never reaches it."""
    settings, problems = read_settings(root)
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise BuildFailed("\n".join(d.as_text() for d in sort_diagnostics(errors)))
    return settings


def sites_overlap(site: Path, ops: Path) -> str | None:
    """The two sites need folders of their own: one may not be, or hold, the other."""
    if overlap(site, ops):
        return (
            f"the learner site ({site}) and the coordinator site ({ops}) need separate folders, "
            "neither inside the other"
        )
    return None


def _staging_for(target: Path) -> Path:
    try:
        return staging_for(target)
    except OSError as exc:
        raise BuildFailed(f"cannot write the site to {target}: {exc.strerror or exc}") from None


def serve_site(
    root: Path,
    dev_addr: str | None = None,
    open_in_browser: bool = False,
    today: date | None = None,
    during_save: Callable[[], contextlib.AbstractContextManager[object]] = contextlib.nullcontext,
    when_idle: Callable[[], None] = lambda: None,
) -> None:
    """A live preview of both sites (:mod:`trainops.mkdocs_plugin.preview`). ``today``: as for
    :func:`build_site`, for every page; ``during_save``, ``when_idle``: as for ``serve_preview``."""
    _quiet_mkdocs(False)
    root = Path(root).resolve()
    address = DEFAULT_ADDRESS
    if dev_addr:
        host, _, port = dev_addr.rpartition(":")
        if not host or not port.isdigit():
            raise UsageError(f"--dev-addr: '{dev_addr}' is not IP:PORT (such as 127.0.0.1:8000)")
        address = (host.strip("[]"), int(port))
    try:
        serve_preview(root, address, open_in_browser, today, during_save, when_idle)
    except MkDocsConfigFailed as exc:
        raise ServeFailed(str(exc)) from None
