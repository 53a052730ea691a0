"""From a pydantic ``ValidationError`` to diagnostics a coordinator understands.

Library messages are rewritten in one table (:data:`_FRIENDLY`), every error is mapped back to
the line and column of the field through the file's :class:`~trainops.load.yamlsource.SourceMap`, and
an unknown field gets the nearest valid name.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..model.diagnostics import Diagnostic, field_label
from ..model.sourcemap import SourceMap
from ..model.suggest import did_you_mean

__all__ = ["validate_model", "field_label", "error_diagnostic"]

M = TypeVar("M", bound=BaseModel)

_FRIENDLY = {
    "missing": "missing required field '{field}'",
    "string_type": "'{field}' must be text",
    "int_parsing": "'{field}' must be a whole number, not '{input}'",
    "int_type": "'{field}' must be a whole number",
    "int_from_float": "'{field}' must be a whole number, not '{input}'",
    "bool_parsing": "'{field}' must be yes or no, not '{input}'",
    "list_type": "'{field}' must be a list (one '- item' per line, or [a, b])",
    "model_type": "'{field}' must be a group of fields ('key: value' lines)",
    "model_attributes_type": "'{field}' must be a group of fields ('key: value' lines)",
    "dict_type": "'{field}' must be a group of fields ('key: value' lines)",
    "too_short": "'{field}' needs at least one item",
    "string_too_short": "'{field}' is empty",
    "greater_than_equal": "'{field}' must be at least {ge}, not '{input}'",
    "less_than_equal": "'{field}' must be at most {le}, not '{input}'",
    "string_pattern_mismatch": "'{field}' has an unexpected form: '{input}'",
}


def validate_model(
    model: type[M], data: Any, source: SourceMap, prefix: tuple = ()
) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``data`` (found at ``prefix`` of the file) against ``model``."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_diagnostic(model, err, source, prefix, data) for err in exc.errors()]


def error_diagnostic(model: Any, err: ErrorDetails, source: SourceMap, data: Any, prefix: tuple = ()) -> Diagnostic:
    """One pydantic error (``err``, its ``loc`` within ``data``) as a coordinator's diagnostic: for
    readers that validate many values at once (the records' CSV rows) and map each error
    themselves. ``model``: the model (or typed dictionary) ``data`` was validated against, found
    at ``prefix`` of the file."""
    return _diagnostic(model, err, source, prefix, data)


def _clean_loc(loc: tuple, data: Any) -> tuple:
    """``loc`` without the names pydantic adds for union branches and validators.

    We follow ``loc`` through the data the coordinator wrote: a step that exists there is kept
    (so a field really called 'date' or 'time[1]' stays), a step that does not is pydantic's own,
    except the last one, which names a missing or unknown field.
    """
    kept: list[int | str] = []
    current = data
    for i, item in enumerate(loc):
        if _present(current, item):
            kept.append(item)
            current = current[item]
        elif i == len(loc) - 1 and isinstance(item, str) and not _is_internal(item):
            kept.append(item)
    return tuple(kept)


def _present(data: Any, step: Any) -> bool:
    """Whether ``step`` (an index or a key) exists in ``data``."""
    if isinstance(data, list):
        return isinstance(step, int) and 0 <= step < len(data)
    return isinstance(data, dict) and isinstance(step, str) and step in data


def _is_internal(item: str) -> bool:
    return item.startswith("function-") or ("[" in item and item.endswith("]") and "-" in item)


def _diagnostic(model: type[BaseModel], err: ErrorDetails, source: SourceMap, prefix: tuple, data: Any) -> Diagnostic:
    loc = _clean_loc(tuple(err["loc"]), data)
    full = prefix + loc
    kind = err["type"]
    label = field_label(full)
    field = field_label(loc[-1:]) if loc and isinstance(loc[-1], str) else label
    if kind == "extra_forbidden" and loc:
        line, col = source.locate(full, key=True)
        allowed = _allowed_fields(model, loc[:-1])
        if str(loc[-1]) in ("date", "time") and "start" in allowed:
            # A session's date and time are one field: 'start: 2026-12-01 09:30'.
            return Diagnostic(
                source.path,
                line,
                col,
                "error",
                "unknown-field",
                f"unknown field '{label}' — write the date and time together as 'start: 2026-12-01 09:30'",
            )
        hint = did_you_mean(str(loc[-1]), allowed) or (f"; allowed: {', '.join(sorted(allowed))}" if allowed else "")
        return Diagnostic(source.path, line, col, "error", "unknown-field", f"unknown field '{label}'{hint}")
    line, col = source.locate(full)
    if kind == "missing":
        where = field_label(full[:-1])
        where = f" in {where}" if full[:-1] else ""
        return Diagnostic(source.path, line, col, "error", "missing-field", f"missing required field '{field}'{where}")
    if kind == "value_error":
        error = err.get("ctx", {}).get("error")
        message = str(error) if error is not None else err["msg"]
        return Diagnostic(source.path, line, col, "error", "invalid-value", f"{label}: {message}")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        hint = did_you_mean(str(err.get("input")), choices)
        return Diagnostic(
            source.path,
            line,
            col,
            "error",
            "invalid-value",
            f"{label}: '{err.get('input')}' is not one of {expected}{hint}",
        )
    if err.get("input") is None and kind not in ("missing",):
        return Diagnostic(
            source.path, line, col, "error", "empty-field", f"'{label}' is empty; write a value or remove the line"
        )
    template = _FRIENDLY.get(kind)
    if template:
        ctx = dict(err.get("ctx", {}))
        message = template.format(field=label, input=_short(err.get("input")), **ctx)
    else:
        message = f"{label}: {err['msg']}"
    return Diagnostic(source.path, line, col, "error", "invalid-value", message)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names (as written, i.e. aliases) of the model found at ``loc`` below ``model``."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        field = _fields(current).get(item)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(_fields(current))


def _fields(model: Any) -> dict:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return {}
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside ``Optional[list[Annotated[X, ...]]]`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and isinstance(origin, type) and issubclass(origin, BaseModel):
        return origin
    metadata_origin = getattr(annotation, "__metadata__", None)
    if metadata_origin is not None:
        return _inner_model(annotation.__origin__)
    return None
