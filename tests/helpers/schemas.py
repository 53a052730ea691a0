"""The JSON Schemas as an editor applies them: YAML read by the YAML 1.2 core schema, as
yaml-language-server reads it (see tests/commands/test_schema.py for why), and validated by draft
2020-12."""

from __future__ import annotations

import re

import yaml
from jsonschema import Draft202012Validator

from trainops.commands.schema import build_schemas

__all__ = ["SCHEMAS", "Yaml12Loader", "errors", "front_matter", "read_yaml12"]

SCHEMAS = build_schemas()


class Yaml12Loader(yaml.SafeLoader):
    """Plain scalars typed by the YAML 1.2 core schema (as yaml-language-server reads them)."""


Yaml12Loader.yaml_implicit_resolvers = {}
_CORE_SCHEMA = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
for _tag, _pattern, _first in _CORE_SCHEMA:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)  # YAML 1.2: 0123 is decimal 123, not octal


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _core_int)


def read_yaml12(text: str):
    return yaml.load(text, Loader=Yaml12Loader)


def front_matter(text: str) -> str:
    lines = text.split("\n")
    assert lines[0].rstrip() == "---"
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(lines[1:end])


def errors(schema_name: str, data) -> list[str]:
    validator = Draft202012Validator(SCHEMAS[schema_name])
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
