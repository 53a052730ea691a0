"""``read_bytes``: a repository file's bytes, never a file outside it; bytes already read (by the
check's key) stand in for a second read only for a regular file with the same stat data."""

from __future__ import annotations

import os

import pytest

from trainops.load.loading import read_bytes
from trainops.load.yamlsource import YamlError


def test_kept_bytes_stand_in_for_a_regular_files_read(tmp_path):
    (tmp_path / "sheet.csv").write_text("learner,status\nE-1,present\n")
    asked = []

    def kept(rel, stat):
        asked.append((rel, stat.st_size))
        return b"kept"

    assert read_bytes(tmp_path, "sheet.csv", kept=kept) == b"kept"
    assert asked == [("sheet.csv", 27)]
    assert read_bytes(tmp_path, "sheet.csv", kept=lambda rel, stat: None) == b"learner,status\nE-1,present\n"


def test_a_link_out_of_the_repository_is_refused_whatever_is_kept(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("secret\n")
    repository = tmp_path / "repo"
    repository.mkdir()
    os.symlink(outside, repository / "sheet.csv")
    with pytest.raises(YamlError) as raised:
        read_bytes(repository, "sheet.csv", kept=lambda rel, stat: b"kept")
    assert raised.value.diagnostic.rule == "outside-repository"


def test_a_link_inside_the_repository_is_read_not_taken_from_what_is_kept(tmp_path):
    (tmp_path / "real.csv").write_text("learner\nE-1\n")
    os.symlink(tmp_path / "real.csv", tmp_path / "sheet.csv")
    assert read_bytes(tmp_path, "sheet.csv", kept=lambda rel, stat: b"kept") == b"learner\nE-1\n"
