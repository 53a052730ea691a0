"""The whole check's key: every input counts, however its folder is named; only the built sites,
.git and the cache at the root are left out. A check after an edit reports what a cold one does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.store.fingerprint import project_fingerprint

SOURCES = ["programs", "sops", "content", "theme"]


def _check(root: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--project", str(root), "--today", TODAY.isoformat()])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("folder", ["ops", "site", ".drafts", "node_modules", "__pycache__"])
def test_a_page_in_a_folder_of_any_name_is_checked_again_when_it_changes(folder, tmp_path, capsys):
    """The issue's case: content/ops/notes.md with a broken link, then fixed: the error goes at once."""
    root = copy_example(tmp_path / "org")
    page = root / "content" / folder / "notes.md"
    page.parent.mkdir()
    page.write_text("# Notes\n\nSee [the plan](missing-plan.md).\n")
    code, out = _check(root, capsys)
    assert code == 1 and f"content/{folder}/notes.md:3" in out and "missing-plan.md" in out
    page.write_text("# Notes\n\nNothing to see.\n")
    code, out = _check(root, capsys)
    assert code == 0 and "notes.md" not in out
    shutil.rmtree(root / ".trainops-cache")
    assert _check(root, capsys) == (code, out)


def _fingerprint(root: Path, outputs=("site", "ops")) -> bytes:
    return project_fingerprint(root, SOURCES, ["programs/people.yaml", ""], list(outputs), ".trainops-cache")


def test_the_built_sites_git_and_the_cache_at_the_root_are_left_out(tmp_path):
    root = copy_example(tmp_path / "org")
    before = _fingerprint(root)
    for folder in ("site", "ops", ".git", ".trainops-cache"):
        (root / folder).mkdir()
        (root / folder / "index.html").write_text("built")
    assert _fingerprint(root) == before
    # Built elsewhere (site_dir: public): site/ at the root is an ordinary folder, whose names count.
    elsewhere = _fingerprint(root, outputs=("public", "ops"))
    assert elsewhere != before
    (root / "public").mkdir()
    (root / "public" / "index.html").write_text("built")
    assert _fingerprint(root, outputs=("public", "ops")) == elsewhere


@pytest.mark.parametrize("outputs", [["content"], ["content/ops"], ["."], [".."], ["../elsewhere"], ["/"]])
def test_an_output_folder_never_hides_a_source(outputs, tmp_path):
    """A site_dir set to a source folder, inside one or above the root leaves nothing out."""
    root = copy_example(tmp_path / "org")
    (root / "content" / "ops").mkdir()
    before = _fingerprint(root, outputs)
    (root / "content" / "ops" / "page.md").write_text("# A page\n")
    assert _fingerprint(root, outputs) != before


def test_names_count_everywhere_bytes_only_in_the_sources(tmp_path):
    root = copy_example(tmp_path / "org")
    before = _fingerprint(root)
    (root / "bench").mkdir()
    (root / "bench" / "notes.txt").write_text("a file a link may name")
    named = _fingerprint(root)
    assert named != before
    (root / "bench" / "notes.txt").write_text("other text, same name")
    assert _fingerprint(root) == named  # outside the sources only names count
    sop = next((root / "sops").iterdir())
    sop.write_text(sop.read_text() + "\n")
    assert _fingerprint(root) != named


def test_a_people_file_set_outside_the_programs_counts_by_its_bytes(tmp_path):
    root = copy_example(tmp_path / "org")
    (root / "data").mkdir()
    (root / "data" / "people.yaml").write_text("people: []\n")

    def fingerprint() -> bytes:
        return project_fingerprint(root, SOURCES, ["data/people.yaml"], ["site", "ops"], ".trainops-cache")

    before = fingerprint()
    (root / "data" / "people.yaml").write_text("people: [] # edited\n")
    assert fingerprint() != before


def test_a_linked_source_counts_by_what_it_leads_to(tmp_path):
    """A source folder that is a symbolic link, and a linked page in one: their bytes are read."""
    root = tmp_path / "org"
    copy_example(tmp_path / "real")
    root.mkdir()
    (root / "mkdocs.yml").write_text((tmp_path / "real" / "mkdocs.yml").read_text())
    for name in SOURCES:
        (root / name).symlink_to(tmp_path / "real" / name)
    (root / "notes").mkdir()
    (root / "notes" / "extra.md").write_text("# Extra\n")
    (tmp_path / "real" / "content" / "extra.md").symlink_to(root / "notes" / "extra.md")
    before = _fingerprint(root)
    sop = next((tmp_path / "real" / "sops").iterdir())
    sop.write_text(sop.read_text() + "\n")
    edited = _fingerprint(root)
    assert edited != before
    (root / "notes" / "extra.md").write_text("# Extra, edited\n")
    assert _fingerprint(root) != edited


def test_a_hidden_folder_at_the_root_is_never_looked_into(tmp_path, capsys):
    """A root .venv of 25,000 files cost 0.4 s a warm check: links and materials refuse hidden
    paths without looking, so nothing in such a folder can change what a check says."""
    root = copy_example(tmp_path / "org")
    before = _fingerprint(root)
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "lib" / "notes.md").write_text("anything")
    assert _fingerprint(root) == before
    page = root / "content" / "help.md"
    page.write_text(page.read_text() + "\nSee [the notes](../.venv/lib/notes.md).\n")
    code, out = _check(root, capsys)
    assert code == 1 and "goes to a hidden file or folder" in out
    (root / ".venv" / "lib" / "notes.md").unlink()
    assert _check(root, capsys) == (code, out)
    shutil.rmtree(root / ".trainops-cache")
    assert _check(root, capsys) == (code, out)


@pytest.mark.parametrize("where", ["hidden", "linked"])
def test_a_people_file_counts_wherever_it_is(where, tmp_path, capsys):
    """The people file set to a hidden folder, or to a folder reached through a link, which the
    walk does not enter: its edit shows at once all the same."""
    root = copy_example(tmp_path / "org")
    folder = ".data" if where == "hidden" else "data"
    (root / folder).mkdir()
    (root / "programs" / "people.yaml").rename(root / folder / "people.yaml")
    setting = f"{folder}/people.yaml"
    if where == "linked":
        (root / "shared").symlink_to(root / "data", target_is_directory=True)
        setting = "shared/people.yaml"
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("  - trainops\n", f"  - trainops:\n      people: {setting}\n"))
    code, _ = _check(root, capsys)
    assert code == 0
    with (root / folder / "people.yaml").open("a") as people:
        people.write("  - this is: [broken\n")
    code, out = _check(root, capsys)
    assert code == 1 and "people.yaml" in out
