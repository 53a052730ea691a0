"""Nothing leaks and nothing is lost: paths that leave the repository through symbolic links are
refused where they are met, and no output folder can replace the sources."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.sites import build_command
from trainops.cli import main
from trainops.load.links import is_unsafe_url, unsafe_links
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.model.project import Settings
from trainops.render.sanitize import sanitize_page_html
from trainops.store.paths import (
    NOT_A_FILE,
    is_inside,
    lies_under,
    linked_repo_path,
    named_below,
    output_dir_problem,
    overlap,
    real_path_inside,
    unsafe_entries,
)


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_is_inside_follows_links(tmp_path: Path):
    (tmp_path / "repo" / "a").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "repo" / "out.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "repo" / "in.txt").symlink_to(tmp_path / "repo" / "a")
    repo = tmp_path / "repo"
    assert is_inside(repo, "a") and is_inside(repo, "in.txt") and is_inside(repo, ".")
    assert not is_inside(repo, "out.txt") and not is_inside(repo, "../secret.txt")
    assert not is_inside(repo, tmp_path / "repository-next-door")


def test_real_path_inside_gives_where_a_path_really_goes(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / "a").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    (repo / "out.txt").symlink_to(tmp_path / "secret.txt")
    (repo / "in").symlink_to(repo / "a")
    assert real_path_inside(repo, "in/f.txt") == os.path.join(os.path.realpath(repo), "a", "f.txt")
    assert real_path_inside(repo, "out.txt") is None and real_path_inside(repo, "a/../../secret.txt") is None


def test_lies_under_compares_whole_names():
    assert lies_under("/srv/repo", "/srv/repo") and lies_under("/srv/repo/a/b", "/srv/repo")
    assert lies_under("/srv", "/") and not lies_under("/srv/repo-next-door", "/srv/repo")
    assert not lies_under("/srv", "/srv/repo")


def test_named_below_goes_by_name_not_by_links(tmp_path: Path):
    (tmp_path / "link").symlink_to("/")
    assert named_below(tmp_path, tmp_path / "link" / "etc")  # by name it is below; where it goes is is_inside's
    assert not named_below(tmp_path, f"{tmp_path}/a/../../x") and not named_below(tmp_path, f"{tmp_path}-b/x")


def test_overlap_is_either_way_round_and_follows_links(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    (tmp_path / "to-b").symlink_to(tmp_path / "a" / "b")
    assert overlap(tmp_path / "a", tmp_path / "a/b") and overlap(tmp_path / "a/b", tmp_path / "a")
    assert overlap(tmp_path / "to-b", tmp_path / "a") and overlap(tmp_path / "c", tmp_path / "c")
    assert not overlap(tmp_path / "a", tmp_path / "c")


def test_linked_repo_path_is_the_path_a_relative_link_names():
    assert linked_repo_path("sops/a.md", "b.md") == "sops/b.md"
    assert linked_repo_path("sops/a.md", "../content/files/x.pdf") == "content/files/x.pdf"
    assert linked_repo_path("a.md", "../x") == "../x" and linked_repo_path("sops/a.md", "../..") == ".."


def test_unsafe_entries_lists_links_out_dangling_links_and_pipes(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / "content" / "files").mkdir(parents=True)
    (repo / "content" / "files" / "passwd").symlink_to("/etc/passwd")
    (repo / "content" / "etc").symlink_to("/etc")
    (repo / "content" / "environ.txt").symlink_to("/proc/self/environ")
    (repo / "content" / "gone.txt").symlink_to(tmp_path / "missing")
    (repo / "content" / "fine.md").symlink_to(repo / "content" / "files")
    os.mkfifo(repo / "content" / "pipe.md")
    found = unsafe_entries(repo, "content")
    assert [rel for rel, _ in found] == [
        "content/environ.txt",
        "content/etc",
        "content/files/passwd",
        "content/gone.txt",
        "content/pipe.md",
    ]
    assert found[-1][1] == NOT_A_FILE


@pytest.fixture(scope="module")
def leaky_org(tmp_path_factory) -> Path:
    """The example organisation with files and a folder linked from outside, and links to them."""
    org = copy_example(tmp_path_factory.mktemp("leaky"))
    (org / "content" / "files" / "leak.txt").symlink_to("/etc/passwd")
    (org / "content" / "environ.txt").symlink_to("/proc/self/environ")
    (org / "content" / "etc").symlink_to("/etc")
    help_page = org / "content" / "help.md"
    help_page.write_text(help_page.read_text() + "\nSee [the file](files/leak.txt) and [env](environ.txt).\n")
    return org


def test_check_names_every_link_that_leaves(leaky_org: Path):
    settings, _ = read_settings(leaky_org)
    _, diagnostics = load_project(leaky_org, settings, TODAY)
    errors = sorted((d.path, d.rule) for d in diagnostics if d.severity == "error")
    assert errors == [
        ("content/environ.txt", "outside-repository"),
        ("content/etc", "outside-repository"),
        ("content/files/leak.txt", "outside-repository"),
        ("content/help.md", "broken-link"),
        ("content/help.md", "broken-link"),
    ]
    assert all("leads outside the repository" in d.message for d in diagnostics if d.path == "content/help.md")


def test_build_publishes_nothing_from_outside(leaky_org: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert (
        main(["build", "--project", str(leaky_org), "--no-pdf", "--today", TODAY.isoformat(), "--site-dir", str(site)])
        == 1
    )
    assert not site.exists()


def test_the_plugin_drops_files_that_leave_even_without_check(tmp_path: Path):
    """Defence in depth: a file under the project whose real path is outside is never handed to
    MkDocs to copy, whatever check said."""
    from trainops.mkdocs_plugin.plugin import _leaves

    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "leak.txt").symlink_to("/etc/passwd")
    (repo / "content" / "own.txt").write_text("ours")
    assert _leaves(repo, str(repo / "content" / "leak.txt"))
    assert not _leaves(repo, str(repo / "content" / "own.txt"))
    assert not _leaves(repo, "/usr/lib/python3/dist-packages/material/templates/base.html")  # a theme's own


@pytest.mark.parametrize(
    "folder", [".", "programs", "sops", "content", "theme", ".git", "programs/site", "..", "content/files"]
)
def test_no_site_dir_can_touch_the_sources(folder: str, tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    (org / ".git").mkdir()
    (org / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = _tree_digest(tmp_path)
    code = main(
        ["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat(), "--site-dir", str(org / folder)]
    )
    assert code == 2
    assert "nothing was touched" in capsys.readouterr().err
    assert _tree_digest(tmp_path) == before


@pytest.mark.parametrize("folder", [".", "programs", "content", ".git", ".."])
def test_no_ops_dir_can_touch_the_sources(folder: str, tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    (org / ".git").mkdir()
    before = _tree_digest(tmp_path)
    code = main(
        ["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat(), "--ops-dir", str(org / folder)]
    )
    assert code == 2 and "--ops-dir" in capsys.readouterr().err
    assert _tree_digest(tmp_path) == before


@pytest.mark.parametrize("ops", ["site", "site/ops", "."])
def test_the_two_sites_need_folders_of_their_own(ops: str, tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    out = tmp_path / "out"
    code = main(build_command(org, out / "site", out / ops))
    assert code == 2 and "separate folders" in capsys.readouterr().err
    assert not out.exists()


def test_an_ops_dir_setting_inside_the_learner_site_fails_the_build(tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    config = (org / "mkdocs.yml").read_text().replace("  - trainops\n", "  - trainops:\n      ops_dir: site/ops\n")
    (org / "mkdocs.yml").write_text(config)
    assert main(["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat()]) == 2
    assert "separate folders" in capsys.readouterr().err and not (org / "site").exists()


def test_a_site_dir_linked_into_the_sources_is_refused(tmp_path: Path):
    org = copy_example(tmp_path / "org")
    (tmp_path / "out").symlink_to(org / "programs")
    assert output_dir_problem(org, Settings(), tmp_path / "out") is not None
    assert output_dir_problem(org, Settings(), org / "site") is None
    assert output_dir_problem(org, Settings(), tmp_path / "elsewhere" / "site") is None


@pytest.mark.parametrize("where", ["/dev/null", "/etc", "file.txt", "notes"])
def test_a_site_dir_that_is_a_file_or_another_folder_is_refused(where: str, tmp_path: Path, capsys):
    """A build replaces its output folder whole: never a device, a file, or a folder of other things."""
    org = copy_example(tmp_path / "org")
    (tmp_path / "file.txt").write_text("keep me")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("keep me too")
    target = where if where.startswith("/") else str(tmp_path / where)
    before = _tree_digest(tmp_path)
    assert main(["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat(), "--site-dir", target]) == 2
    assert _tree_digest(tmp_path) == before and os.path.exists("/dev/null") and not os.path.isdir("/dev/null")
    capsys.readouterr()


def test_plain_mkdocs_refuses_a_site_dir_over_the_sources(tmp_path: Path):
    import subprocess
    import sys

    org = copy_example(tmp_path / "org")
    before = _tree_digest(org / "programs")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(org / "programs")],
        cwd=org,
        capture_output=True,
        text=True,
        env={**os.environ, "TRAINOPS_TODAY": TODAY.isoformat()},
        timeout=300,
    )
    assert result.returncode != 0 and "would overwrite the programs" in result.stdout + result.stderr
    assert _tree_digest(org / "programs") == before


@pytest.mark.parametrize("args", [["schema", "/proc/nope"], ["build", "--no-pdf", "--site-dir", "/proc/x/site"]])
def test_unwritable_output_is_a_sentence_not_a_traceback(args: list[str], tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    assert main([*args[:1], "--project", str(org), "--today", TODAY.isoformat(), *args[1:]]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("trainops: ")


@pytest.mark.parametrize("today", ["0001-01-01", "1969-12-31", "10000-01-01", "2026-02-30"])
def test_today_outside_1970_to_9999_is_a_usage_error(today: str, tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    assert main(["check", "--project", str(org), "--today", today]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_last_possible_day_builds(tmp_path: Path):
    """--today 9999-12-31: every review overdue, no session upcoming; gzip's 32-bit time clamps."""
    org = copy_example(tmp_path / "org")
    assert (
        main(
            ["build", "--project", str(org), "--no-pdf", "--today", "9999-12-31", "--site-dir", str(tmp_path / "site")]
        )
        == 0
    )
    assert (tmp_path / "site" / "sitemap.xml.gz").is_file()


def test_stale_staging_folders_of_dead_builds_are_swept(tmp_path: Path):
    org = copy_example(tmp_path / "org")
    dead = tmp_path / "org" / ".site-building-999999999-abc"  # no such process
    dead.mkdir()
    alive = tmp_path / "org" / f".site-building-{os.getpid()}-abc"
    alive.mkdir()
    assert main(["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat()]) == 0
    assert not dead.exists() and alive.exists()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_urls(url: str):
    assert is_unsafe_url(url)


@pytest.mark.parametrize("url", ["https://example.com", "mailto:a@example.com", "other.md", "#top", "../files/a.pdf"])
def test_safe_urls(url: str):
    assert not is_unsafe_url(url)


def test_unsafe_links_are_found_in_markdown_and_html_and_neutralised():
    text = (
        "# Page\n\n[click](javascript:alert(1)) and [ok](https://example.com)\n"
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a> <img src="data:image/png;base64,iVBO">\n'
    )
    assert [(line, target[:11]) for line, _, target in unsafe_links(text)] == [(3, "javascript:"), (4, "data:text/h")]
    page = '<a href="javascript:alert(1)">a</a><a href=\'https://x.org\'>b</a><img src="data:image/png;base64,AA">'
    assert sanitize_page_html(page) == '<a>a</a><a href="https://x.org">b</a><img src="data:image/png;base64,AA">'


@pytest.mark.parametrize(
    "link",
    [
        "theme/trainops/trainops.css",
        "theme/main.html",
        "theme/partials/footer.html",
        "sops/dangling.md",
        "programs/dangling.yaml",
    ],
)
def test_links_out_of_the_theme_and_data_folders_stop_the_build(link: str, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("SECRET_CANARY", "xyz123-canary")
    org = copy_example(tmp_path / "org")
    target = org / link
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    target.symlink_to("/nonexistent" if "dangling" in link else "/proc/self/environ")
    code = main(
        ["build", "--project", str(org), "--no-pdf", "--today", TODAY.isoformat(), "--site-dir", str(tmp_path / "site")]
    )
    out = capsys.readouterr()
    assert code == 1 and f"{link}:1:1: error:" in out.out
    assert not (tmp_path / "site").exists()


def test_a_pipe_in_the_pages_is_reported_and_never_opened(tmp_path: Path, capsys):
    org = copy_example(tmp_path / "org")
    os.mkfifo(org / "content" / "pipe.md")
    assert main(["check", "--project", str(org), "--today", TODAY.isoformat()]) == 1  # returns: nothing blocks
    assert "content/pipe.md:1:1: error: this is not a regular file" in capsys.readouterr().out


def test_a_custom_dir_of_another_name_is_a_source_too(tmp_path: Path):
    settings = Settings(theme_dir="overrides")
    org = tmp_path / "org"
    (org / "overrides").mkdir(parents=True)
    assert "would overwrite the theme" in (output_dir_problem(org, settings, org / "overrides") or "")
