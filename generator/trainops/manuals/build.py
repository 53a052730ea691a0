"""``build_project_manuals``: plan, render (cached, parallel) and place the manuals of a project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..cache import CACHE_DIR
from ..project import Project
from ..render.environment import make_environment
from .html import MANUAL_EDITIONS
from .jobs import ManualResult, build_manuals
from .plan import plan_manuals

__all__ = ["build_project_manuals", "CACHE_DIR"]


def build_project_manuals(
    project: Project,
    site_dir: Path,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    editions: tuple[str, ...] = MANUAL_EDITIONS,
) -> list[ManualResult]:
    """The manuals of ``editions`` into ``site_dir/manuals/``."""
    jobs = plan_manuals(project, make_environment(project.root), editions)
    return build_manuals(
        jobs,
        site_dir / "manuals",
        project.root / CACHE_DIR,
        [project.root, site_dir],
        base_url=project.root.resolve().as_uri() + "/",
        workers=workers,
        progress=progress,
    )
