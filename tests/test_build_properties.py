"""Properties of ``trainops build`` that need builds of their own: reproducibility (and the same
pages from ``mkdocs build``), atomic failure, escaping of hostile text, a minimal new organisation."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers import TODAY, copy_example
from trainops.cli import main


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(project: Path, *extra: str) -> int:
    return main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf", *extra])


def mkdocs_build(project: Path, site_dir: Path) -> None:
    """Plain ``mkdocs build`` of ``project`` on TODAY, in a process of its own, into ``site_dir``."""
    env = {**os.environ, "TRAINOPS_TODAY": TODAY.isoformat()}
    env.pop("SOURCE_DATE_EPOCH", None)  # the plugin derives it from TRAINOPS_TODAY
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def test_mkdocs_build_gives_the_same_bytes_as_trainops_build(built_site, tmp_path):
    """Reproducible across processes, and the plugin alone does the same generation."""
    project = copy_example(tmp_path / "org")
    mkdocs_build(project, tmp_path / "mk")
    assert tree_digest(tmp_path / "mk") == tree_digest(built_site)


def test_a_failed_build_leaves_both_previous_sites_untouched(tmp_path):
    project = copy_example(tmp_path / "org")
    assert build(project) == 0
    before = tree_digest(project / "site"), tree_digest(project / "ops")
    schedule = project / "programs" / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("instructor: sam.patel", "instructor: sam.patle", 1))
    assert build(project) == 1
    assert (tree_digest(project / "site"), tree_digest(project / "ops")) == before
    # A failure inside MkDocs (a broken template override) is just as harmless, in either site:
    # the learner site is not replaced when the coordinator site fails after it.
    schedule.write_text(schedule.read_text().replace("instructor: sam.patle", "instructor: sam.patel", 1))
    (project / "theme" / "trainops").mkdir(parents=True, exist_ok=True)
    for template in ("guide.html", "handoff.html"):
        (project / "theme" / "trainops" / template).write_text("# {{ program.nmae }}\n")
        assert build(project) == 1
        assert (tree_digest(project / "site"), tree_digest(project / "ops")) == before
        (project / "theme" / "trainops" / template).unlink()
    assert not [p for p in project.iterdir() if p.name.startswith((".site-", ".ops-"))]


def test_mkdocs_build_for_coordinators_gives_the_coordinator_site(ops_site, tmp_path):
    """The plugin's ``audience: coordinators`` makes plain MkDocs give the coordinator site's pages."""
    project = copy_example(tmp_path / "org")
    config = (
        (project / "mkdocs.yml").read_text().replace("  - trainops\n", "  - trainops:\n      audience: coordinators\n")
    )
    (project / "mkdocs.yml").write_text(config)
    mkdocs_build(project, tmp_path / "mk")
    pages = {p for p in tree_digest(tmp_path / "mk") if p.endswith(".html")}
    assert pages == {p for p in tree_digest(ops_site) if p.endswith(".html")}


MINIMAL_MKDOCS = """\
site_name: Riverside Training
docs_dir: content
theme: {name: material, custom_dir: theme}
plugins: [search, trainops]
"""


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_hostile_text_is_shown_as_text_in_a_minimal_new_organisation(tmp_path, capsys):
    import shutil

    from tests.helpers import REPO

    root = tmp_path / "riverside"
    shutil.copytree(REPO / "theme", root / "theme")
    write(
        root,
        {
            "mkdocs.yml": MINIMAL_MKDOCS,
            "content/index.md": "# Riverside\n\nStart with the [forklift course](../programs/forklift.yaml).\n",
            "programs/people.yaml": """\
            people:
              - {id: ana.ruiz, name: "Ana <b>Ruiz</b>", email: ana@example.com}
            """,
            "programs/forklift.yaml": """\
            name: "Forklift <script>alert('name')</script> Safety *now*"
            summary: "<img src=x onerror=alert(1)> Drive safely"
            owner: ana.ruiz
            audience: "Warehouse staff & </div> visitors"
            outcomes: ["<iframe src=https://example.com></iframe>"]
            faq:
              - {q: "Is <b>this</b> bold?", a: "[click](javascript:alert(1))"}
            """,
            "sops/lift-check.md": """\
            ---
            title: "</title><script>alert('sop')</script> Lift check"
            owner: ana.ruiz
            programs: [forklift]
            audience: learner
            last_reviewed: 2026-09-01
            ---
            1. Check the forks. See the [course](../programs/forklift.yaml).
            """,
            "programs/schedule.yaml": """\
            timezone: Europe/Madrid
            sessions:
              - {program: forklift, title: "<script>x</script>", start: 2026-12-03 09:00, end: 11:00, room: "Bay <3", instructor: ana.ruiz}
            """,  # noqa: E501 - a session a line, as coordinators write them
        },
    )
    assert build(root) == 0, capsys.readouterr().err
    html = (root / "site" / "programs" / "forklift" / "index.html").read_text()
    for hostile in ("<script>alert", "<img src=x", "<iframe", "<b>this</b>", "<b>Ruiz</b>", 'href="javascript:'):
        assert hostile not in html
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in html or "&lt;script&gt;alert" in html
    assert "Bay &lt;3" in html
    schedule = (root / "site" / "schedule" / "index.html").read_text()
    assert "<script>x</script>" not in schedule
    sop = (root / "site" / "sops" / "lift-check" / "index.html").read_text()
    assert "<script>alert('sop')" not in sop
    assert (
        "<title>&lt;/title&gt;&lt;script&gt;alert('sop')&lt;/script&gt; Lift check - Riverside Training</title>" in sop
    )
    assert 'href="../../programs/forklift/"' in sop
    home = (root / "site" / "index.html").read_text()
    assert 'href="programs/forklift/"' in home
    for page in ("programs/index.html", "sops/index.html", "schedule/index.html"):
        assert (root / "site" / page).is_file()
