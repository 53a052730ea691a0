"""Which manuals to build and their HTML: one learner and one instructor edition per program."""

from __future__ import annotations

from jinja2 import Environment

from ..project import Project
from ..readiness import check_readiness
from ..render.environment import template_source
from .html import MANUAL_EDITIONS, manual_specs, render_manual_html
from .jobs import ManualJob, manual_digest
from .sop_html import sop_to_html

__all__ = ["plan_manuals", "manual_css"]

PAPER = {"A4": "A4", "Letter": "letter"}


def manual_css(env: Environment, paper_size: str) -> str:
    css = template_source(env, "trainops/manual.css")
    return css + f"\n@page {{ size: {PAPER.get(paper_size, 'A4')}; }}\n"


def plan_manuals(project: Project, env: Environment, editions: tuple[str, ...] = MANUAL_EDITIONS) -> list[ManualJob]:
    css = manual_css(env, project.settings.paper_size)
    readiness = check_readiness(project)
    jobs = []
    for spec in manual_specs(project, editions):
        html = render_manual_html(project, spec, readiness[spec.slug], env, css)
        sops = list(project.sops_of(spec.slug))
        parts = tuple(
            (s.path, f"<html><head><style>{css}</style></head><body>{sop_to_html(project, s, set())}</body></html>")
            for s in sops
        )
        jobs.append(ManualJob(spec.docs_path, html, manual_digest(html), parts))
    return jobs
