"""Golden files for every generated page of the example organisation.

``TRAINOPS_UPDATE_GOLDENS=1 scripts/test tests/render`` rewrites them; review the diff, then commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_golden

from trainops.render.site import render_site

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "site"


@pytest.fixture(scope="module")
def generated(example_project):
    return {g.docs_path: g for g in render_site(example_project)}


def test_generated_pages_match_their_goldens(generated):
    pages = {path: g.content for path, g in generated.items() if path.endswith(".md")}
    for path, content in sorted(pages.items()):
        assert_golden(content, GOLDEN / path)
    stale = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")) if GOLDEN.exists() else []
    assert [p for p in stale if p not in pages] == []


def test_rendering_is_deterministic(example_project, generated):
    again = {g.docs_path: g.content for g in render_site(example_project)}
    assert again == {path: g.content for path, g in generated.items()}


def test_a_template_in_theme_overrides_the_default(tmp_path, example_project):
    from dataclasses import replace
    from trainops.render.environment import make_environment

    (tmp_path / "theme" / "trainops").mkdir(parents=True)
    (tmp_path / "theme" / "trainops" / "schedule.html").write_text("# Our schedule\n\n{{ days|length }} days\n")
    project = replace(example_project, root=tmp_path)
    pages = {g.docs_path: g.content for g in render_site(project, make_environment(tmp_path))}
    assert pages["schedule/index.md"].startswith("# Our schedule\n")


def test_undefined_names_in_templates_are_errors(tmp_path, example_project):
    from jinja2 import UndefinedError
    from trainops.render.environment import make_environment

    (tmp_path / "theme" / "trainops").mkdir(parents=True)
    (tmp_path / "theme" / "trainops" / "schedule.html").write_text("{{ sessoins }}")
    with pytest.raises(UndefinedError):
        render_site(example_project, make_environment(tmp_path))
