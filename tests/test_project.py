"""The loaded project: what it is made of is declared and typed, and it does not change after
loading."""

from __future__ import annotations

import ast
import inspect
import typing
from dataclasses import fields

from trainops.model.project import Derived


def test_every_derived_slot_is_typed_and_says_who_fills_it():
    hints = typing.get_type_hints(Derived)
    for slot in fields(Derived):
        assert hints[slot.name] is not typing.Any
        assert "Any" not in str(hints[slot.name]), slot.name
        assert slot.default is None, f"{slot.name}: None until worked out"
    tree = ast.parse(inspect.getsource(Derived))
    body = tree.body[0].body  # type: ignore[attr-defined]
    documented = {
        node.target.id
        for node, after in zip(body, body[1:], strict=False)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and isinstance(after, ast.Expr)
        and isinstance(after.value, ast.Constant)
        and isinstance(after.value.value, str)
        and "trainops." in after.value.value
    }
    assert documented == {slot.name for slot in fields(Derived)}
