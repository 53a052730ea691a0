"""`check` compiles every template in the theme folder and names the file and line of a broken one."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.base_project import write_project


def test_check_reports_a_template_override_that_does_not_compile(tmp_path: Path):
    from trainops.render.template_check import check_templates

    root = write_project(tmp_path)
    (root / "theme" / "trainops").mkdir(parents=True)
    (root / "theme" / "trainops" / "sop.html").write_text("<h1>{{ title }}</h1>\n{% if %}\n")
    (root / "theme" / "trainops" / "guide.html").write_text("{{ 1 / 0 }}\n")  # compiles; fails only when rendered
    (root / "theme" / "main.html").write_text('{% extends "base.html" %}\n{% block x %}\n')
    problems = sorted((d.path, d.line, d.rule) for d in check_templates(root, "theme"))
    assert problems == [("theme/main.html", 2, "template-syntax"), ("theme/trainops/sop.html", 2, "template-syntax")]


def test_a_block_defined_twice_is_found_before_the_build(tmp_path: Path):
    from trainops.render.template_check import check_templates

    root = write_project(tmp_path)
    (root / "theme" / "trainops").mkdir(parents=True)
    (root / "theme" / "trainops" / "manual.html").write_text(
        "x\n{% block x %}{% endblock %}{% block x %}{% endblock %}\n"
    )
    [problem] = check_templates(root, "theme")
    assert problem.path == "theme/trainops/manual.html" and "defined twice" in problem.message
