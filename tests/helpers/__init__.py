"""What the tests share: the repository's paths, the example organisation's date, a copy of the
example, and golden-file comparison. Fixtures live in the conftest.py files; everything a test
imports lives here (``from tests.helpers import ...``), never in a conftest."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
GOLDEN_DIR = TESTS / "golden"  # generated Markdown, .ics and messages, compared by assert_golden
TODAY = date(2026, 11, 23)  # the example organisation's "today": its sessions are upcoming then
UPDATE_GOLDENS = os.environ.get("TRAINOPS_UPDATE_GOLDENS") == "1"

__all__ = ["GOLDEN_DIR", "REPO", "TESTS", "TODAY", "UPDATE_GOLDENS", "assert_golden", "copy_example"]


def copy_example(dest: Path, records: bool = False) -> Path:
    """A copy of the example organisation (data, content, theme, mkdocs.yml) in ``dest``, and its
    training records with ``records`` (most tests of records write their own)."""
    for name in ("programs", "sops", "content", "theme", *(("records",) if records else ())):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def assert_golden(actual: str, golden: Path) -> None:
    """Compare with a golden file; ``TRAINOPS_UPDATE_GOLDENS=1`` rewrites it instead."""
    if UPDATE_GOLDENS or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))  # bytes: CRLF in CSV and .ics must survive
        if not UPDATE_GOLDENS:
            pytest.fail(f"golden file {golden} was missing and has been written; check it and commit it")
        return
    assert actual == golden.read_bytes().decode("utf-8"), f"{golden} differs (TRAINOPS_UPDATE_GOLDENS=1 to accept)"
