"""Templates come from the one theme folder (``Settings.theme_dir``, mkdocs.yml's
``theme.custom_dir``), and a template there whose real path leaves the repository is refused
before it is read."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trainops.render.after_markdown import END, START, marked
from trainops.render.environment import (
    TemplateOutside,
    make_environment,
    project_environment,
    template_problem,
    template_source,
)
from trainops.render.site import render_site

SECRET = "not-for-the-site-7f3a"
LEAVES = (
    "overrides/trainops/schedule.html:1:1: error: this symbolic link leads outside the repository (or nowhere), "
    "so it is not read or published; copy the file in instead [outside-repository]"
)


@pytest.fixture
def project(tmp_path, example_project):
    """The example project in ``tmp_path/repo`` (for its templates), its theme folder 'overrides'."""
    root = tmp_path / "repo"
    (root / "overrides" / "trainops").mkdir(parents=True)
    return replace(example_project, root=root, settings=replace(example_project.settings, theme_dir="overrides"))


def test_the_theme_folder_is_the_one_the_settings_name(project):
    (project.root / "overrides" / "trainops" / "schedule.html").write_text("# Our schedule\n\n{{ days|length }} days\n")
    (project.root / "theme" / "trainops").mkdir(parents=True)
    (project.root / "theme" / "trainops" / "schedule.html").write_text("# Not the theme folder\n")
    pages = {g.docs_path: g.content for g in render_site(project)}
    assert pages["schedule/index.md"].startswith("# Our schedule\n")


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_template_linked_from_outside_the_repository_is_refused_unread(linked, project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "schedule.html").write_text(f"{SECRET}\n")
    if linked == "file":
        (project.root / "overrides" / "trainops" / "schedule.html").symlink_to(outside / "schedule.html")
    else:
        (project.root / "overrides" / "trainops").rmdir()
        (project.root / "overrides" / "trainops").symlink_to(outside)
    with pytest.raises(TemplateOutside) as refused:
        render_site(project)
    assert str(refused.value) == template_problem(refused.value) == LEAVES
    # Only what leaves is refused: a template the theme folder does not override is trainops' own.
    packaged = template_source(make_environment(), "trainops/trainops.css")
    assert template_source(project_environment(project), "trainops/trainops.css") == packaged


def test_a_failing_override_is_the_users_mistake_whatever_the_folder_is_called(project):
    (project.root / "overrides" / "trainops" / "schedule.html").write_text("# Schedule\n\n{{ 1 / 0 }}\n")
    with pytest.raises(ZeroDivisionError) as failed:
        render_site(project)
    problem = template_problem(failed.value)
    assert problem is not None and "overrides/trainops/schedule.html:3: template error: division by zero" in problem


def test_no_custom_dir_means_trainops_own_templates_only(tmp_path):
    """Without theme.custom_dir MkDocs takes no overrides, and neither does trainops: a theme/
    folder then is an ordinary folder, not read for templates."""
    (tmp_path / "theme" / "trainops").mkdir(parents=True)
    (tmp_path / "theme" / "trainops" / "schedule.html").write_text("# Not an override\n")
    env = make_environment(tmp_path, None)
    source, filename, _ = env.loader.get_source(env, "trainops/schedule.html")  # type: ignore[union-attr]
    assert "Not an override" not in source and "/theme/" not in str(filename)
    assert make_environment().get_template("trainops/schedule.html") is not None
    with pytest.raises(TypeError):
        make_environment(None, "theme")


@pytest.mark.parametrize("sandboxed", [False, True])
def test_the_after_markdown_filter_writes_the_marks_as_a_template_would_by_hand(sandboxed, tmp_path):
    """``{% filter after_markdown %}`` is the one place the marks are written: its block comes out
    as the same text as the marks written around it on lines of their own, HTML not escaped again,
    in trainops' environment and in the sandbox an override gets."""
    env = make_environment()
    if sandboxed:
        (tmp_path / "theme" / "trainops").mkdir(parents=True)
        (tmp_path / "theme" / "trainops" / "home.md").write_text("# Home\n", encoding="utf-8")
        env = make_environment(tmp_path, "theme")
        assert type(env).__name__ == "SandboxedEnvironment"
    body = '<div class="a">\n{% if rows %}\n<p>{{ rows }}</p>\n{% endif %}\n</div>\n'
    by_filter = "# T\n\n{% filter after_markdown %}\n" + body + "{% endfilter %}\n\n## Next\n"
    by_hand = "# T\n\n" + START + body + END.lstrip("\n") + "\n\n## Next\n"
    text = env.from_string(by_filter).render(rows="a < b")
    assert text == env.from_string(by_hand).render(rows="a < b")
    assert text == "# T\n\n" + marked('<div class="a">\n<p>a &lt; b</p>\n</div>') + "\n\n## Next\n"
