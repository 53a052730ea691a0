"""The JSON Schemas for editors: valid, up to date, and in agreement with the loader.

Editors validate YAML with a YAML 1.2 language server, so the tests read files the same way.
PyYAML's ``safe_load`` is YAML 1.1: it would turn ``end: 12:00`` into 720, ``2026-10-01`` into a
date and ``no`` into False, and the schemas would be tested against values no editor produces.
Reading everything as strings (``yaml.BaseLoader``) and converting the integer fields back would
build the answer into the question. So ``Yaml12Loader`` (tests/helpers/schemas.py, shared with the
scaffold's tests) resolves plain scalars by the YAML 1.2 core schema (null, true/false, integers,
floats; no dates, no sexagesimal, no yes/no), which is what the editor does; then every value
reaches the schema with the type an editor gives it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import REPO, TODAY
from tests.helpers.schemas import SCHEMAS, errors, front_matter, read_yaml12
from trainops.commands.schema import DIALECT, SCHEMA_FILES, write_schemas
from trainops.load.loading import load_project


def example_files() -> list[tuple[str, str, object]]:
    """(schema, repository path, data as an editor reads it) for every example data file."""
    out = []
    for path in sorted((REPO / "programs").glob("*.yaml")):
        schema = {"schedule": "schedule.schema.json", "people": "people.schema.json"}.get(
            path.stem, "program.schema.json"
        )
        out.append((schema, f"programs/{path.name}", read_yaml12(path.read_text(encoding="utf-8"))))
    for path in sorted((REPO / "sops").glob("*.md")):
        out.append(
            ("sop.schema.json", f"sops/{path.name}", read_yaml12(front_matter(path.read_text(encoding="utf-8"))))
        )
    return out


EXAMPLES = example_files()


# --- the reader itself --------------------------------------------------------------------------


def test_the_reader_types_scalars_as_yaml_1_2_does():
    data = read_yaml12(
        "a: 12:00\nb: 2026-12-01 09:30\nc: 2026-10-01\nd: no\ne: 20\nf: 0123\ng: 1.5\nh: true\ni:\nj: 0x1F\n"
    )
    assert data == {
        "a": "12:00",
        "b": "2026-12-01 09:30",
        "c": "2026-10-01",
        "d": "no",
        "e": 20,
        "f": 123,
        "g": 1.5,
        "h": True,
        "i": None,
        "j": 31,
    }


# --- the schemas --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_each_schema_is_valid_draft_2020_12_with_its_id(name):
    schema = SCHEMAS[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["$id"].startswith("urn:trainops:schema:")
    assert list(schema)[:2] == ["$schema", "$id"]


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_object_rejects_unknown_fields(name):
    objects = list(_objects(SCHEMAS[name]))
    assert objects and all(o.get("additionalProperties") is False for o in objects)


def test_descriptions_and_examples_reach_the_editor():
    program = SCHEMAS["program.schema.json"]["properties"]
    assert program["name"]["description"].startswith("The canonical name")
    assert program["owner"]["examples"] == ["jordan.lee"]
    session = SCHEMAS["schedule.schema.json"]["$defs"]["SessionEntry"]["properties"]
    assert "12:00" in session["end"]["anyOf"][0]["examples"]
    assert session["capacity"]["description"] and session["capacity"]["examples"] == [20]
    assert "intake" in session["cohort"]["description"] and session["cohort"]["examples"] == ["April 2027 intake"]
    assert SCHEMAS["sop.schema.json"]["properties"]["last_reviewed"]["description"]


def test_committed_schemas_are_up_to_date(tmp_path):
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(SCHEMA_FILES)
    committed = sorted(p.name for p in (REPO / "schemas").glob("*.json"))
    assert committed == sorted(SCHEMA_FILES), "schemas/ holds other files than trainops writes"
    for path in written:
        assert (REPO / "schemas" / path.name).read_bytes() == path.read_bytes(), (
            f"schemas/{path.name} is stale: run `trainops schema schemas` and commit the result"
        )


def test_write_is_deterministic(tmp_path):
    first = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "b")}
    assert first == second
    assert all(data.endswith(b"}\n") and b'\n  "$id"' in data for data in first.values())


# --- the example organisation -------------------------------------------------------------------


@pytest.mark.parametrize("schema,path,data", EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_every_example_file_validates(schema, path, data):
    assert errors(schema, data) == []


@pytest.mark.parametrize("path", sorted(p.name for p in (REPO / "programs").glob("*.yaml")))
def test_example_files_name_their_schema_for_the_editor(path):
    first = (REPO / "programs" / path).read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (REPO / "programs" / match[1]).resolve().is_file()


def test_editor_settings_map_every_data_file_to_its_schema():
    import json

    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for schema in mapping:
        assert (REPO / schema).resolve().is_file(), schema
    assert "programs/schedule.yaml" in mapping["./schemas/schedule.schema.json"]
    assert "programs/people.yaml" in mapping["./schemas/people.schema.json"]
    program = mapping["./schemas/program.schema.json"]
    assert "programs/*.yaml" in program and "!programs/schedule.yaml" in program and "!programs/people.yaml" in program


# --- misspelt fields fail -----------------------------------------------------------------------


def _example(path: str):
    return next(data for _, p, data in EXAMPLES if p == path)


def test_a_misspelt_program_field_fails():
    data = dict(_example("programs/onboarding.yaml"))
    data["sumary"] = data.pop("summary")
    found = errors("program.schema.json", data)
    assert any("'sumary' was unexpected" in e for e in found), found
    assert any("'summary' is a required property" in e for e in found), found


def test_misspelt_fields_fail_in_every_format():
    schedule = read_yaml12(
        "sessions:\n  - program: onboarding\n    start: 2026-12-01 09:30\n    end: 12:00\n    instuctor: sam.patel\n"
    )
    assert any("'instuctor' was unexpected" in e for e in errors("schedule.schema.json", schedule))
    people = read_yaml12("people:\n  - id: sam.patel\n    name: Sam Patel\n    emial: sam@example.com\n")
    assert any("'emial' was unexpected" in e for e in errors("people.schema.json", people))
    sop = read_yaml12("title: X\nownr: sam.patel\nlast_reviewed: 2026-10-01\n")
    assert any("'ownr' was unexpected" in e for e in errors("sop.schema.json", sop))


@pytest.mark.parametrize(
    "field,value",
    [
        ("capacity", "twenty"),
        ("capacity", "0"),
        ("status", "maybe"),
        ("fold", "2"),
        ("start", "next Monday"),
        ("end", "noon"),
        ("link", "example.com/x"),
    ],
)
def test_wrong_kinds_of_value_fail(field, value):
    session = read_yaml12("program: onboarding\nstart: 2026-12-01 09:30\nend: 12:00\n")
    session[field] = read_yaml12(f"value: {value}")["value"]
    found = errors("schedule.schema.json", {"sessions": [session]})
    assert any(e.startswith(f"sessions/0/{field}:") for e in found), found


# --- an organisation this repository has never seen ---------------------------------------------

NEW_ORG = {
    "programs/people.yaml": """\
people:
  - id: ana.souza
    name: Ana Souza
    timezone: America/Sao_Paulo
  - id: kenji.ito
    name: Kenji Ito
""",
    "programs/forklift-safety.yaml": """\
name: Forklift Safety
code: 4711
summary: Drive a forklift in the warehouse without hurting anyone.
owner: ana.souza
audience: Warehouse staff
outcomes: [Pass the practical test, Do the daily check]
format: workshop
prerequisites:
  - Safety shoes
  - {text: Medical check, link: https://example.org/medical}
materials:
  - {title: Checklist, link: https://example.org/checklist, for: instructor}
assessment: {name: Practical test, pass_mark: 100}
completion: {due: 2 weeks}
reminders:
  - {template: invite, before: 7d}
review: {last_reviewed: 2026-01-31, every: 1 year}
faq:
  - q: Is it paid time?
    a: yes
""",
    "programs/schedule.yaml": """\
timezone: America/Sao_Paulo
sessions:
  - program: forklift-safety
    start: 2026-12-07 7:30
    end: 2026-12-07 16:00
    room: 412
    instructor: kenji.ito
    capacity: 6
  - program: forklift-safety
    id: fork-2027-01
    title: 2027
    start: 2027-01-11 08:00
    duration: 90m
    link: https://example.org/call
    status: tentative
""",
    "sops/run-the-practical-test.md": """\
---
title: Run the practical test
owner: kenji.ito
programs: [forklift-safety]
audience: instructor
last_reviewed: 2026-11-01
review_every: 6 months
---
1. Check the forklift.
""",
}


def test_a_new_organisation_validates_against_the_schemas_and_the_loader(tmp_path):
    for rel, text in NEW_ORG.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    _, diagnostics = load_project(tmp_path, today=TODAY)
    assert [d.as_text() for d in diagnostics if d.severity == "error"] == []
    for rel, text in NEW_ORG.items():
        if rel.endswith(".md"):
            schema, data = "sop.schema.json", read_yaml12(front_matter(text))
        else:
            stem = Path(rel).stem
            schema = {"schedule": "schedule.schema.json", "people": "people.schema.json"}.get(
                stem, "program.schema.json"
            )
            data = read_yaml12(text)
        assert errors(schema, data) == [], rel
