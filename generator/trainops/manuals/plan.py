"""Which manuals to build and their HTML: one learner and one instructor edition per program."""

from __future__ import annotations

from jinja2 import Environment

from ..model.project import Project
from ..readiness import check_readiness
from ..render.environment import template_source
from .html import MANUAL_EDITIONS, PrintRun, manual_specs, render_manual_html
from .jobs import ManualJob, manual_digest
from .paper import print_version
from .sop_html import sop_to_html

__all__ = ["plan_manuals", "manual_css", "paper_css", "print_run"]

PAPER = {"A4": "A4", "Letter": "letter"}


def paper_css(env: Environment, template: str, paper_size: str) -> str:
    """A print style sheet of the theme, with the page size of the plugin setting ``paper_size``."""
    css = template_source(env, template)
    return css + f"\n@page {{ size: {PAPER.get(paper_size, 'A4')}; }}\n"


def manual_css(env: Environment, paper_size: str) -> str:
    return paper_css(env, "trainops/manual.css", paper_size)


def print_run(project: Project, logo: str = "") -> PrintRun:
    return PrintRun(print_version(project.history, project.today), logo)


def plan_manuals(
    project: Project,
    env: Environment,
    editions: tuple[str, ...] = MANUAL_EDITIONS,
    run: PrintRun | None = None,
) -> list[ManualJob]:
    run = run or print_run(project)
    css = manual_css(env, project.settings.paper_size)
    readiness = check_readiness(project)
    jobs = []
    for spec in manual_specs(project, editions):
        html = render_manual_html(project, spec, readiness[spec.slug], env, css, run)
        sops = list(project.sops_of(spec.slug))
        parts = tuple(
            (
                s.path,
                f'<html lang="en"><head><title>{s.slug}</title><style>{css}</style></head>'
                f"<body>{sop_to_html(project, s, set())}</body></html>",
            )
            for s in sops
        )
        jobs.append(ManualJob(spec.docs_path, html, manual_digest(html), parts))
    return jobs
