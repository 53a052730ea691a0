"""Error goldens: a coordinator's mistake in, the exact diagnostics out (STYLE habit 7).

Each ``tests/errors/<case>.yaml`` holds one mistake (or a few, in different files) written over
the small valid project in :data:`BASE`:

    description: what the coordinator did wrong
    files:                  # path -> full new text (null deletes the file from the base)
      programs/onboarding.yaml: |
        ...
    files_base64:           # optional: path -> bytes, for text that is not UTF-8
      programs/onboarding.yaml: ...
    expected:               # what loading reports: `check`'s lines, in its order
      - "programs/onboarding.yaml:3:1: error: ... [rule]"
    xfail_reason: ...       # optional: a known gap in the core; `expected` is what it should say

``TRAINOPS_UPDATE_GOLDENS=1`` rewrites ``expected`` from the actual output instead of comparing
(only the ``expected:`` block is replaced, so the hand-written files and comments stay as they
are). Cases with ``xfail_reason`` are never rewritten: their ``expected`` is the right answer as
far as it can be written before the fix (the wording may differ). After fixing the core, delete
the case's ``xfail_reason``, run with the update flag, and read the new lines before committing.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from tests.helpers import TESTS, TODAY, UPDATE_GOLDENS
from tests.helpers.base_project import BASE, write_project
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.model.diagnostics import sort_diagnostics

ERRORS_DIR = TESTS / "errors"


def check_lines(root: Path) -> list[str]:
    """The diagnostics of reading ``root``'s data, as ``trainops check`` prints them (in its order:
    by file, then line and column as numbers), computed in-process. ``check`` adds launch-readiness
    warnings after these; the readiness rules have tests of their own, and the base project is
    ready, so the goldens hold only what loading reports."""
    settings, problems = read_settings(root)
    _, diagnostics = load_project(root, settings, TODAY)
    return [d.as_text() for d in sort_diagnostics(problems + diagnostics) if d.severity in ("error", "warning")]


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict) and case.get("description"), f"{path.name}: needs a description"
    unknown = set(case) - {"description", "files", "files_base64", "expected", "xfail_reason"}
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    return case


def case_files(case: dict) -> dict[str, str | bytes | None]:
    files: dict[str, str | bytes | None] = dict(case.get("files") or {})
    for rel, encoded in (case.get("files_base64") or {}).items():
        files[rel] = None if encoded is None else base64.b64decode("".join(str(encoded).split()))
    return files


# --- writing goldens back -----------------------------------------------------------------------


class _GoldenDumper(yaml.SafeDumper):
    """Readable goldens: multi-line text as '|' blocks, one-line messages double-quoted."""


def _represent_str(dumper: yaml.SafeDumper, text: str):
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')


_GoldenDumper.add_representer(str, _represent_str)


def dump_golden(value) -> str:
    return yaml.dump(
        value, Dumper=_GoldenDumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )


def rewrite_expected(path: Path, lines: list[str]) -> None:
    """Replace only the top-level ``expected:`` block of ``path`` (appending it when absent)."""
    text = path.read_text(encoding="utf-8")
    block = "expected:\n" + dump_golden(lines) if lines else "expected: []\n"
    out, skipping, replaced = [], False, False
    for line in text.splitlines(keepends=True):
        top_level = bool(line.strip()) and not line[0].isspace() and not line.startswith("#")
        if skipping and top_level and not line.startswith("- "):
            skipping = False
        if line.startswith("expected:"):
            out.append(block)
            skipping, replaced = True, True
            continue
        if not skipping:
            out.append(line)
    if not replaced:
        if out and not out[-1].endswith("\n"):
            out.append("\n")
        out.append(block)
    new = "".join(out)
    assert yaml.safe_load(new)["expected"] == lines, f"{path.name}: rewriting 'expected' went wrong"
    path.write_text(new, encoding="utf-8")


# --- the tests ----------------------------------------------------------------------------------

CASES = sorted(ERRORS_DIR.glob("*.yaml"))


def test_base_project_is_clean(tmp_path):
    assert check_lines(write_project(tmp_path)) == []


def test_there_are_enough_cases():
    assert len(CASES) >= 24


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_error_golden(case_path: Path, tmp_path: Path):
    case = load_case(case_path)
    root = write_project(tmp_path, case_files(case))
    reason = case.get("xfail_reason")
    try:
        actual = check_lines(root)
    except Exception as exc:  # a traceback is a bug in trainops, never in the data
        if reason:
            pytest.xfail(f"{reason} (raised {type(exc).__name__}: {exc})")
        raise
    if UPDATE_GOLDENS and not reason:
        rewrite_expected(case_path, actual)
        return
    expected = case.get("expected") or []
    if reason and actual != expected:
        pytest.xfail(f"{reason} (actual: {actual})")
    if reason:
        warnings.warn(
            f"{case_path.name}: the core now gives the expected output; delete its xfail_reason", stacklevel=1
        )
    assert actual == expected, f"{case_path.name}: TRAINOPS_UPDATE_GOLDENS=1 to accept the new output"


def test_rewrite_expected_replaces_only_that_block(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(
        'description: x\n# a comment\nexpected:\n- "old"\n- "older"\nfiles:\n  a.yaml: |\n    k:\tv\n'
        '    - "not a line of expected"\n',
        encoding="utf-8",
    )
    rewrite_expected(case, ['a.yaml:1:1: error: it\'s "wrong": fix it [rule]'])
    assert case.read_text(encoding="utf-8") == (
        'description: x\n# a comment\nexpected:\n- "a.yaml:1:1: error: it\'s \\"wrong\\": fix it [rule]"\n'
        'files:\n  a.yaml: |\n    k:\tv\n    - "not a line of expected"\n'
    )
    rewrite_expected(case, [])
    assert yaml.safe_load(case.read_text(encoding="utf-8"))["expected"] == []
    assert "k:\tv" in case.read_text(encoding="utf-8")


# --- text values stay text (YAML 1.1 guesses never reach the models) -------------------


def test_yaml_11_lookalikes_stay_text(tmp_path):
    files = {
        "programs/onboarding.yaml": BASE["programs/onboarding.yaml"]
        .replace("code: ONB-101", "code: 0123")
        .replace(
            "  - Sign in to every core system without help",
            "  - yes\n  - no\n  - 9:30\n  - on",
        )
        .replace(
            "metrics: [Days from start date to first sign-in to every core system]",
            "metrics: [off, 1e3, 0x1F, .inf, 2026-12-01]",
        )
        .replace("reinforcement: Managers hold a check-in at the end of week one.", "reinforcement: no"),
        "programs/schedule.yaml": BASE["programs/schedule.yaml"].replace("room: HQ 4B", "room: 0123"),
    }
    root = write_project(tmp_path, files)
    settings, _ = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert [d.as_text() for d in diagnostics] == []
    program = project.programs["onboarding"].data
    assert program.code == "0123"
    assert program.outcomes == ["yes", "no", "9:30", "on"]
    assert program.metrics == ["off", "1e3", "0x1F", ".inf", "2026-12-01"]
    assert program.reinforcement == "no"
    first = project.sessions[0]
    assert first.entry.room == "0123"
    # `9:30` is half past nine as a time, never 570 (sexagesimal YAML 1.1).
    assert (first.start.hour, first.start.minute) == (9, 30)


def test_bom_file_is_read_with_its_lines(tmp_path):
    text = BASE["programs/onboarding.yaml"].replace("owner: jordan.lee", "owner: jordan.leee")
    root = write_project(tmp_path, {"programs/onboarding.yaml": b"\xef\xbb\xbf" + text.encode()})
    assert check_lines(root) == [
        "programs/onboarding.yaml:4:8: error: owner: unknown person 'jordan.leee' — did you mean "
        "'jordan.lee'? [unknown-person]"
    ]


# --- the real command line ----------------------------------------------------------------------

# Cases where launch readiness has nothing to add (the base program and sessions are untouched or
# fail to load), so the whole of `check`'s output is the golden.
CLI_CASES = ["duplicate-key", "several-files-at-once", "sop-broken-links"]


def _run_check(root: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TRAINOPS_TODAY"}
    return subprocess.run(
        [sys.executable, "-m", "trainops", "check", "--project", str(root), "--today", "2026-11-23", *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_check_prints_the_golden_lines(name: str, tmp_path: Path):
    case = load_case(ERRORS_DIR / f"{name}.yaml")
    root = write_project(tmp_path, case_files(case))
    result = _run_check(root)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == case["expected"]


def test_cli_check_json_and_github_formats(tmp_path: Path):
    case = load_case(ERRORS_DIR / "several-files-at-once.yaml")
    root = write_project(tmp_path, case_files(case))

    as_json = _run_check(root, "--format", "json")
    assert as_json.returncode == 1 and "Traceback" not in as_json.stderr, as_json.stderr
    items = json.loads(as_json.stdout)
    assert isinstance(items, list) and len(items) == len(case["expected"])
    for item in items:
        assert set(item) == {"path", "line", "column", "severity", "rule", "message"}
        assert item["line"] >= 1 and item["column"] >= 1
    rebuilt = [f"{i['path']}:{i['line']}:{i['column']}: {i['severity']}: {i['message']} [{i['rule']}]" for i in items]
    assert rebuilt == case["expected"]

    as_github = _run_check(root, "--format", "github")
    assert as_github.returncode == 1 and "Traceback" not in as_github.stderr, as_github.stderr
    lines = as_github.stdout.splitlines()
    assert len(lines) == len(case["expected"])
    assert all(line.startswith("::error file=") for line in lines), lines
    assert lines[0].startswith("::error file=programs/onboarding.yaml,line=1,col=1,title=missing-field::"), lines[0]


def test_cli_check_base_project_passes(tmp_path: Path):
    result = _run_check(write_project(tmp_path))
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
