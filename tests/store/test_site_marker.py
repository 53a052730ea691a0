"""An output folder is replaced only when trainops built it: a build writes a marker into every
site it makes, and a non-empty folder without one (an intranet folder with an index.html beside
its photos/) is refused with exit 2, nothing in it touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.model.project import Settings
from trainops.store.paths import SITE_MARKER, mark_built_site, output_dir_problem


def _intranet_folder(folder: Path) -> None:
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "team.jpg").write_bytes(b"\xff\xd8 a photo")
    (folder / "index.html").write_text("<h1>Intranet</h1>")


def test_a_folder_with_an_index_but_no_marker_is_not_a_built_site(tmp_path: Path):
    org = copy_example(tmp_path / "org")
    _intranet_folder(tmp_path / "intranet")
    problem = output_dir_problem(org, Settings(), tmp_path / "intranet", "--ops-dir")
    assert problem is not None and "was not built by trainops" in problem and "remove it yourself" in problem


def test_an_empty_or_new_or_marked_folder_may_receive_a_site(tmp_path: Path):
    org = copy_example(tmp_path / "org")
    (tmp_path / "empty").mkdir()
    (tmp_path / "built").mkdir()
    (tmp_path / "built" / "index.html").write_text("old site")
    mark_built_site(tmp_path / "built")
    for folder in ("empty", "new", "built"):
        assert output_dir_problem(org, Settings(), tmp_path / folder) is None


@pytest.mark.parametrize("option", ["--site-dir", "--ops-dir"])
def test_a_folder_trainops_did_not_build_is_refused_and_left_intact(option: str, tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    _intranet_folder(tmp_path / "intranet")
    command = ["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat()]
    assert main([*command, option, str(tmp_path / "intranet")]) == 2
    assert "was not built by trainops" in capsys.readouterr().err
    assert (tmp_path / "intranet" / "photos" / "team.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert sorted(p.name for p in (tmp_path / "intranet").iterdir()) == ["index.html", "photos"]


def test_an_ops_dir_setting_at_a_foreign_folder_is_refused_with_exit_2(tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    _intranet_folder(org / "intranet")
    config = (org / "mkdocs.yml").read_text().replace("  - trainops\n", "  - trainops:\n      ops_dir: intranet\n")
    (org / "mkdocs.yml").write_text(config)
    assert main(["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat()]) == 2
    assert "ops_dir" in capsys.readouterr().err and (org / "intranet" / "photos" / "team.jpg").is_file()


def test_a_site_trainops_built_is_marked_and_replaced(tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    site, ops = tmp_path / "site", tmp_path / "ops"
    command = ["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat()]
    command += ["--site-dir", str(site), "--ops-dir", str(ops)]
    assert main(command) == 0
    assert (site / SITE_MARKER).is_file() and (ops / SITE_MARKER).is_file()
    (site / "left-over.txt").write_text("from the last build")
    assert main(command) == 0
    assert (site / SITE_MARKER).is_file() and (site / "index.html").is_file()
    assert not (site / "left-over.txt").exists()
    capsys.readouterr()


def test_plain_mkdocs_refuses_a_foreign_site_dir_and_marks_its_own(tmp_path: Path):
    import os
    import subprocess
    import sys

    org = copy_example(tmp_path / "org")
    _intranet_folder(tmp_path / "intranet")
    env = {**os.environ, "TRAINOPS_TODAY": TODAY.isoformat()}

    def mkdocs_build(site_dir: Path) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)]
        return subprocess.run(command, cwd=org, capture_output=True, text=True, env=env, timeout=300)

    refused = mkdocs_build(tmp_path / "intranet")
    assert refused.returncode != 0 and "was not built by trainops" in refused.stdout + refused.stderr
    assert (tmp_path / "intranet" / "photos" / "team.jpg").is_file()
    built = mkdocs_build(tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / SITE_MARKER).is_file()
