"""Golden files for every generated page of the example organisation's two sites: the learner
site's under ``golden/site/``, the coordinator site's under ``golden/ops/``.

``TRAINOPS_UPDATE_GOLDENS=1 scripts/test tests/render`` rewrites them; review the diff, then commit.
"""

from __future__ import annotations

import pytest

from tests.helpers import GOLDEN_DIR, assert_golden
from trainops.plan.sites import COORDINATORS, LEARNERS
from trainops.render.after_markdown import unmarked
from trainops.render.site import render_site

GOLDENS = GOLDEN_DIR
FOLDERS = {LEARNERS: "site", COORDINATORS: "ops"}


@pytest.fixture(scope="module", params=[LEARNERS, COORDINATORS])
def site(request):
    return request.param


@pytest.fixture(scope="module")
def generated(example_project, site):
    return {g.docs_path: g for g in render_site(example_project, site=site)}


def test_generated_pages_match_their_goldens(generated, site):
    golden = GOLDENS / FOLDERS[site]
    # (each page as Markdown alone would be given it: its blocks marked to go in after Markdown in place)
    pages = {path: unmarked(g.content) for path, g in generated.items() if path.endswith(".md")}
    for path, content in sorted(pages.items()):
        assert_golden(content, golden / path)
    stale = sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*.md")) if golden.exists() else []
    assert [p for p in stale if p not in pages] == []


def test_rendering_is_deterministic(example_project, generated, site):
    again = {g.docs_path: g.content for g in render_site(example_project, site=site)}
    assert again == {path: g.content for path, g in generated.items()}


def test_a_template_in_theme_overrides_the_default(tmp_path, example_project):
    from dataclasses import replace

    from trainops.render.environment import make_environment

    (tmp_path / "theme" / "trainops").mkdir(parents=True)
    (tmp_path / "theme" / "trainops" / "schedule.html").write_text("# Our schedule\n\n{{ days|length }} days\n")
    project = replace(example_project, root=tmp_path)
    pages = {g.docs_path: g.content for g in render_site(project, make_environment(tmp_path, "theme"))}
    assert pages["schedule/index.md"].startswith("# Our schedule\n")


def test_undefined_names_in_templates_are_errors(tmp_path, example_project):
    from jinja2 import UndefinedError

    from trainops.render.environment import make_environment

    (tmp_path / "theme" / "trainops").mkdir(parents=True)
    (tmp_path / "theme" / "trainops" / "schedule.html").write_text("{{ sessoins }}")
    with pytest.raises(UndefinedError):
        render_site(example_project, make_environment(tmp_path, "theme"))
