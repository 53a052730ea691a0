import errno
import json
import subprocess
import sys

import pytest

from tests.helpers import TODAY, copy_example
from trainops import cli


def run(folder, *args):
    return subprocess.run([sys.executable, "-m", "trainops", *args], capture_output=True, text=True, cwd=folder)


@pytest.fixture
def example(tmp_path):
    """A copy of the example: a check writes its cache beside mkdocs.yml, never in the working copy."""
    return copy_example(tmp_path / "example")


def test_check_passes_on_the_example(example):
    result = run(example, "check", "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_json_is_a_list_of_objects(example):
    result = run(example, "check", "--today", TODAY.isoformat(), "--format", "json")
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    for item in items:
        assert set(item) == {"path", "line", "column", "severity", "rule", "message"}


def test_today_from_the_environment(example, monkeypatch, capsys):
    monkeypatch.setenv("TRAINOPS_TODAY", "not-a-date")
    assert cli.main(["check", "--project", str(example)]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["check", "--format", "xml"],
        ["check", "--today", "2026-13-01"],
        ["check", "--project", "/nonexistent/folder"],
        ["build", "--project", "/tmp"],
    ],
)
def test_usage_errors_exit_2(args, capsys):
    try:
        code = cli.main(args)
    except SystemExit as exc:  # argparse
        code = exc.code
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_internal_failure_says_it_is_a_bug(monkeypatch, capsys, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("trainops.commands.check.load_project", broken)
    assert cli.main(["check", "--project", str(copy_example(tmp_path))]) == 3
    assert "bug in trainops" in capsys.readouterr().err


def test_data_errors_exit_1(tmp_path, capsys):
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "people.yaml").write_text("people:\n  - id: a\n    nam: A\n")
    assert cli.main(["check", "--project", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (
        "programs/people.yaml:3:5: error: unknown field 'people[1].nam' — did you mean 'name'? [unknown-field]" in out
    )


def test_check_one_launch_and_strict(example, capsys):
    one_launch = ["check", "--project", str(example), "--today", TODAY.isoformat(), "--program", "onboarding"]
    assert cli.main(one_launch) == 0
    out = capsys.readouterr().out
    assert "[session-tentative]" in out and "warning" in out
    assert cli.main([*one_launch, "--strict"]) == 1
    assert cli.main(["check", "--project", str(example), "--program", "onbording"]) == 2
    assert "did you mean 'onboarding'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "refusal",
    [
        PermissionError(errno.EACCES, "Permission denied", "/srv/site"),
        OSError(errno.ENOSPC, "No space left on device", "/srv/site/a.pdf"),
        OSError(errno.EROFS, "Read-only file system", "/srv/site"),
    ],
)
def test_the_machine_refusing_to_write_is_one_line_and_exit_1(refusal, monkeypatch, capsys, tmp_path):
    def refused(*args, **kwargs):
        raise refusal

    monkeypatch.setattr("trainops.commands.schema.write_schemas", refused)
    assert cli.main(["schema", str(tmp_path / "schemas")]) == 1
    err = capsys.readouterr().err
    assert err == f"trainops: {refusal.strerror} ({refusal.filename})\n"


@pytest.mark.parametrize(
    "unexpected",
    [
        FileNotFoundError(errno.ENOENT, "No such file or directory", "/srv/x"),
        OSError(errno.EOVERFLOW, "Value too large for defined data type"),
        OSError(errno.EBADF, "Bad file descriptor"),
    ],
)
def test_any_other_oserror_is_a_bug_with_its_traceback(unexpected, monkeypatch, capsys, tmp_path):
    def broken(*args, **kwargs):
        raise unexpected

    monkeypatch.setattr("trainops.commands.check.load_project", broken)
    assert cli.main(["check", "--project", str(copy_example(tmp_path))]) == 3
    err = capsys.readouterr().err
    assert "bug in trainops" in err
    assert "Traceback" in err and unexpected.strerror in err


def test_schemas_into_a_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "taken").write_text("")
    for folder in (tmp_path / "taken", tmp_path / "taken" / "sub"):
        assert cli.main(["schema", str(folder)]) == 2
        err = capsys.readouterr().err
        assert "is a file, not a folder" in err and "Traceback" not in err
