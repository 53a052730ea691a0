"""``build_project_manuals``: plan, render (cached, parallel) and place the printed documents of a
project in a built site: manuals, and sign-in sheets for the coordinator site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..load.records import load_records, records_present
from ..load.settings import cache_keeps_out_of
from ..model.project import Project
from ..model.training_records import Records
from ..plan import urls
from ..render.environment import project_environment
from ..store.cache import data_cache
from ..store.cache_folder import CACHE_DIR, cache_folder
from .html import MANUAL_EDITIONS, logo_url
from .jobs import ManualJob, ManualResult, build_manuals
from .plan import paper_css, plan_manuals, print_run
from .signin import plan_sign_in_sheets, sign_in_learners

__all__ = ["build_project_manuals", "sign_in_records", "note_page_counts", "CACHE_DIR"]


def build_project_manuals(
    project: Project,
    site_dir: Path,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    editions: tuple[str, ...] = MANUAL_EDITIONS,
    logo: str | None = None,
    sign_in_sheets: bool = False,
    note: Callable[[str], None] | None = None,
    records: Records | None = None,
) -> list[ManualResult]:
    """The manuals of ``editions`` into ``site_dir/manuals/`` and, with ``sign_in_sheets``, a
    sign-in sheet for every upcoming in-person session at ``site_dir/sessions/<id>/sign-in.pdf``
    (one pool of workers for both). ``logo`` is mkdocs.yml's ``theme.logo``, printed on covers.
    ``note``: says once that the cache cannot keep the manuals (they are rendered all the same).
    ``records``: the coordinator site's, for the learners each sign-in sheet lists (None: numbered
    rows only); they go to the sheets alone, never to a manual."""
    run = print_run(project, logo_url(project, logo))
    env = project_environment(project)
    jobs = plan_manuals(project, env, editions, run)
    if sign_in_sheets:
        css = paper_css(env, "trainops/sign-in.css", project.settings.paper_size)
        learners = sign_in_learners(project, records) if records is not None else None
        jobs += plan_sign_in_sheets(project, env, css, run, learners)
    return _render(project, jobs, site_dir, progress, workers, note)


def sign_in_records(
    project: Project, site_dir: Path, roster_env: str | None, warn: Callable[[str], None]
) -> Records | None:
    """The records, read for the coordinator site's sign-in sheets (None without any). Their
    problems are ``check``'s to list: the sheets take the rows that could be read, and ``warn``
    says so once when some could not."""
    if not records_present(project.root, project.settings, roster_env):
        return None
    cache = data_cache(project.root, [*cache_keeps_out_of(project.root, project.settings), site_dir])
    records, problems = load_records(project.root, project.settings, project, roster_env, cache)
    errors = sum(1 for d in problems if d.severity == "error")
    if errors:
        warn(
            f"the records have {errors} {'error' if errors == 1 else 'errors'} ('trainops check' lists them): "
            "the sign-in sheets list the enrolments that could be read"
        )
    return records


def _render(
    project: Project,
    jobs: list[ManualJob],
    site_dir: Path,
    progress: Callable[[str], None] | None,
    workers: int | None,
    note: Callable[[str], None] | None,
) -> list[ManualResult]:
    # (A cache folder that cannot be used at all has been said when the data was loaded.)
    cache_dir, _ = cache_folder(project.root, [*cache_keeps_out_of(project.root, project.settings), site_dir])
    return build_manuals(
        jobs,
        site_dir,
        cache_dir,
        [project.root, site_dir],
        base_url=project.root.resolve().as_uri() + "/",
        workers=workers,
        progress=progress,
        note=note,
    )


def note_page_counts(site_dir: Path, results: list[ManualResult]) -> None:
    """Beside each learner manual's link on its guide, how long it is: "(PDF, 5 pages)". A manual's
    length is known only once it is rendered, after MkDocs wrote the guide, so the built guide gets
    the count written into the marker its template left (``data-manual="manuals/<slug>.pdf"``)."""
    for result in results:
        if result.pages is None or not result.docs_path.startswith(urls.MANUALS_FOLDER):
            continue
        slug = urls.manual_slug(result.docs_path)
        guide = site_dir / urls.Urls().output_file(urls.guide(slug))  # index.html, with directory URLs or not
        marker = f'data-manual="{result.docs_path}">(PDF)<'
        try:
            text = guide.read_text(encoding="utf-8")
        except OSError:
            continue  # a guide of another name (use_directory_urls off puts it at the same path)
        pages = f"{result.pages} page" + ("" if result.pages == 1 else "s")
        if marker in text:
            guide.write_text(
                text.replace(marker, f'data-manual="{result.docs_path}">(PDF, {pages})<'), encoding="utf-8"
            )
