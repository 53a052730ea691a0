"""Privacy by construction: the build never reads the records. Its records folder here cannot be
parsed at all, ``load_records`` raises if anything calls it, and the build still succeeds; and
no roster id, name or e-mail reaches any file of the learner site."""

from __future__ import annotations

import csv

import trainops.load.records as records_package
import trainops.load.records.loading as records_loading
from tests.helpers import REPO, TODAY, copy_example
from trainops.cli import main


def test_the_build_never_reads_the_records(tmp_path, monkeypatch):
    root = copy_example(tmp_path / "org")  # (records included)
    (root / "records/attendance/2026/onb-2026-10-06.csv").write_bytes(b"\xff\xfe not UTF-8, not CSV\x00")

    def refuse(*args, **kwargs):
        raise AssertionError("the build read the records")

    monkeypatch.setattr(records_loading, "load_records", refuse)
    monkeypatch.setattr(records_package, "load_records", refuse)
    assert main(["build", "--project", str(root), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    with open(REPO / "records/learners.csv", encoding="utf-8") as file:
        secrets = {value for row in csv.DictReader(file) for value in (row["learner"], row["name"], row["email"])}
    for path in (root / "site").rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            assert not [s for s in secrets if s in text], path
