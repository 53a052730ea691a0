"""JSON Schemas of the data formats (``trainops schema``), for editors that validate as you type.

The schemas are generated from :mod:`trainops.model.formats`, so descriptions, examples, required fields
and ``additionalProperties: false`` (from ``extra="forbid"``) come from one place. An editor's YAML
language server reads the files as YAML 1.2, where an unquoted ``capacity: 20`` is an integer but
``end: 12:00`` and ``start: 2026-12-01 09:30`` are strings; the schemas describe exactly that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..model.errors import TrainopsError
from ..model.formats import PeopleFile, Program, ScheduleFile, SopFrontMatter
from ..model.record_formats import (
    AssessmentRow,
    AttendanceRow,
    EnrolmentRow,
    ExceptionsFile,
    ObservationRow,
    RosterRow,
)

__all__ = ["SCHEMA_FILES", "DIALECT", "build_schemas", "schema_text", "write_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# file name → (model, title, description of the file)
SCHEMA_FILES: dict[str, tuple[Any, str, str]] = {
    "program.schema.json": (
        Program,
        "trainops program",
        "A training program: programs/<slug>.yaml, one file per program.",
    ),
    "schedule.schema.json": (ScheduleFile, "trainops schedule", "The session schedule: programs/schedule.yaml."),
    "people.schema.json": (PeopleFile, "trainops people", "Everyone referenced by id: programs/people.yaml."),
    "sop.schema.json": (
        SopFrontMatter,
        "trainops SOP front matter",
        "The YAML front matter between the '---' lines at the top of sops/<slug>.md.",
    ),
    # The records (a row of each CSV file, for tools that check CSV against a schema; feedback has
    # no fixed columns, so no schema).
    "roster-row.schema.json": (
        RosterRow,
        "trainops roster row",
        "One row of the roster, records/learners.csv: learner,name,email,manager,unit,location.",
    ),
    "enrolment-row.schema.json": (
        EnrolmentRow,
        "trainops enrolment row",
        "One row of records/enrolments/<program>.csv: learner,cohort,status,date.",
    ),
    "attendance-row.schema.json": (
        AttendanceRow,
        "trainops attendance row",
        "One row of a sign-in sheet, records/attendance/<YYYY>/<session-id>.csv: learner,status,minutes,note.",
    ),
    "assessment-row.schema.json": (
        AssessmentRow,
        "trainops assessment row",
        "One row of records/assessments/<program>.csv: learner,date,attempt,score.",
    ),
    "observation-row.schema.json": (
        ObservationRow,
        "trainops observation row",
        "One row of records/observations/<program>.csv: learner,date,observer,rating,note.",
    ),
    "exceptions.schema.json": (
        ExceptionsFile,
        "trainops exceptions",
        "records/exceptions.yaml: one entry per exception, with its kind, reason and approver.",
    ),
}


class _EditorSchema(GenerateJsonSchema):
    """pydantic's schema, adjusted to what the loader accepts.

    The loader keeps every scalar as the text written, so a free-text field accepts ``room: 412``
    or ``title: 2027`` as text. A YAML 1.2 editor reads those as a number, so free text (a string
    without a pattern) also allows numbers and booleans; fields with a pattern (ids, dates,
    links) stay strings.
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        if "pattern" not in out and "format" not in out:
            out["type"] = ["string", "number", "boolean"]
        return out

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        # An editor completes a field with its default: "room: null" or "sops: []" would be noise
        # to delete. Absent already means empty; only real defaults (status: confirmed) stay.
        out = super().default_schema(schema)
        if out.get("default", 0) is None or out.get("default", 0) == []:
            del out["default"]
        return out

    def field_title_should_be_set(self, schema) -> bool:
        # "Pass Mark" above "Pass mark in percent." says nothing new in an editor's hover.
        return False


def _program_fixes(schema: dict[str, Any]) -> None:
    # A prerequisite is a line of text or {text, link}; the model turns text into the object
    # before validation, which pydantic's schema cannot see.
    prerequisites = schema["properties"]["prerequisites"]
    prerequisites["items"] = {
        "anyOf": [{"type": ["string", "number", "boolean"], "minLength": 1}, prerequisites["items"]]
    }
    prerequisites["examples"] = [
        [
            "Laptop issued and activated by IT",
            {"text": "Workday profile completed", "link": "https://example.com/workday/profile"},
        ]
    ]


def build_schemas() -> dict[str, dict]:
    """File name → JSON Schema (draft 2020-12) for each data format."""
    out = {}
    for name, (model, title, description) in SCHEMA_FILES.items():
        # (a TypeAdapter: the records' rows are typed dictionaries, the other formats models)
        body = TypeAdapter(model).json_schema(by_alias=True, schema_generator=_EditorSchema, mode="validation")
        body.pop("title", None)
        body.pop("description", None)
        if model is Program:
            _program_fixes(body)
        # $schema and $id first, so the file says what it is at the top.
        out[name] = {
            "$schema": DIALECT,
            "$id": f"urn:trainops:schema:{name.removesuffix('.schema.json')}",
            "title": title,
            "description": description,
            **body,
        }
    return out


def schema_text(schema: dict) -> str:
    """Stable text: the generator's key order (fields in the order of the format), indent 2."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (created if needed); returns the paths, in name order."""
    folder = Path(folder)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, schema in sorted(build_schemas().items()):
            path = folder / name
            data = schema_text(schema).encode("utf-8")
            if not path.is_file() or path.read_bytes() != data:  # unchanged files keep their timestamps
                path.write_bytes(data)
            written.append(path)
    except OSError as exc:  # (a folder in /proc says ENOENT, not EACCES: any refusal here is the machine's)
        raise TrainopsError(f"cannot write the schemas to {folder}: {exc.strerror or exc}") from None
    return written
