"""An entry made by other code, other libraries or other zone rules is never served: the salt
names all of them, and a different salt is a miss (and a cold check)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import trainops.commands.check as check_module
from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.store import salt
from trainops.store.cache import DataCache


def test_the_code_digest_is_of_the_files_not_of_where_they_are(tmp_path, monkeypatch, fresh_salt):
    copy = tmp_path / "trainops"
    shutil.copytree(salt.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    ours = salt.code_digest()
    salt.code_digest.cache_clear()
    monkeypatch.setattr(salt, "PACKAGE", copy)
    assert salt.code_digest() == ours  # another folder, the same files
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"bytecode")
    salt.code_digest.cache_clear()
    assert salt.code_digest() == ours  # what Python writes beside the code is no part of it
    message = next(copy.rglob("*.txt"))
    message.write_text(message.read_text() + "\n")
    salt.code_digest.cache_clear()
    assert salt.code_digest() != ours  # a template is code


def test_an_edited_trainops_misses_what_the_old_one_stored(tmp_path, monkeypatch, fresh_salt):
    copy = tmp_path / "trainops"
    shutil.copytree(salt.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(salt, "PACKAGE", copy)
    DataCache(tmp_path / "c").put("sop", "sops/a.md", b"text", "result")
    assert DataCache(tmp_path / "c").get("sop", "sops/a.md", b"text") == "result"
    suggest = copy / "model" / "suggest.py"
    suggest.write_text(suggest.read_text().replace("did you mean", "perhaps you meant"))
    salt.cache_salt.cache_clear()
    salt.code_digest.cache_clear()
    assert DataCache(tmp_path / "c").get("sop", "sops/a.md", b"text") is None


@pytest.mark.parametrize(
    "ingredient, other",
    [
        ("code_digest", lambda: "0" * 64),
        ("library_versions", lambda: ["pydantic==1.0", "PyYAML==5.1"]),
        ("zone_rules_version", lambda: "/usr/share/zoneinfo: # version 1999a"),
    ],
)
def test_a_check_made_by_other_code_or_libraries_is_worked_out_again(
    ingredient, other, tmp_path, capsys, monkeypatch, fresh_salt
):
    root = copy_example(tmp_path / "org")
    loads = []
    real = check_module.load_checked
    monkeypatch.setattr(check_module, "load_checked", lambda *a, **k: loads.append(1) or real(*a, **k))
    args = ["check", "--project", str(root), "--today", TODAY.isoformat()]
    main(args)
    first = capsys.readouterr()
    main(args)
    assert len(loads) == 1 and capsys.readouterr() == first  # the same code: the whole check came from the cache
    monkeypatch.setattr(salt, ingredient, other)
    salt.cache_salt.cache_clear()
    main(args)
    assert len(loads) == 2 and capsys.readouterr() == first


def test_the_libraries_named_are_installed_and_versioned():
    versions = salt.library_versions()
    assert [v.split("=")[0].split(" ")[0] for v in versions] == list(salt.CACHED_LIBRARIES)
    assert all("==" in v for v in versions if not v.startswith("tzdata"))


def test_the_zone_rules_are_those_zoneinfo_reads(tmp_path, monkeypatch):
    system = tmp_path / "zoneinfo"
    system.mkdir()
    (system / "tzdata.zi").write_text("# version 2031z\n# ddeps\n")
    monkeypatch.setattr(salt.zoneinfo, "TZPATH", (str(tmp_path / "none"), str(system)))
    assert salt.zone_rules_version() == f"{system}: # version 2031z"
    (system / "tzdata.zi").unlink()
    assert "modified" in salt.zone_rules_version()
    monkeypatch.setattr(salt.zoneinfo, "TZPATH", (str(tmp_path / "none"),))
    assert salt.zone_rules_version() == "no system zone database"


def test_the_package_is_where_trainops_is():
    assert (salt.PACKAGE / "__init__.py").is_file() and Path(salt.__file__).parent.parent == salt.PACKAGE
