"""Layers point down only, modules stay small, and no tricks: read from the source, not assumed.

Model <- readers <- rules <- renderers <- adapters. The core never imports MkDocs (moving to
another site engine changes the adapter only); the model knows no reader; rules neither render
nor print; no two modules import each other, directly or round a circle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator" / "trainops"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, top_level_only: bool) -> set[str]:
    """The trainops modules ``path`` imports (``from . import x`` resolved to ``trainops.x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    return {m for m in found if m in modules}


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _reaches(start: str, top_level_only: bool = False) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        for target in _imports(MODULES[stack.pop()], top_level_only):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def test_core_modules_do_not_import_mkdocs():
    core = [m for m in MODULES if not m.startswith("trainops.mkdocs_plugin") and m != "trainops.__main__"]
    code = "import sys\n" + "".join(f"import {m}\n" for m in core)
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


# The layers, bottom first: a module may import its own folder and the folders below it, never
# one above. ``load/`` holds the git history too (reading what changed is reading).
LAYERS = ["model", "store", "load", "plan", "readiness", "render", "manuals", "commands"]
ADAPTERS = {"trainops.cli", "trainops.__main__", "trainops.mkdocs_plugin"}


def _layer(module: str) -> int:
    """Its layer's position; the adapters sit on top; the package's ``__init__`` at the bottom."""
    if module == "trainops":
        return -1
    if module in ADAPTERS or module.startswith("trainops.mkdocs_plugin."):
        return len(LAYERS)
    folder = module.split(".")[1]
    assert folder in LAYERS, f"{module} lies in no layer folder: move it into one of {LAYERS}"
    return LAYERS.index(folder)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_layers_point_down(module: str):
    upward = {m for m in _imports(MODULES[module], top_level_only=False) if _layer(m) > _layer(module)}
    assert not upward, f"{module} imports a layer above its own: {sorted(upward)}"


def test_every_layer_is_a_folder():
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").is_file()


def test_only_the_mkdocs_plugin_imports_mkdocs():
    for module, path in MODULES.items():
        if not module.startswith("trainops.mkdocs_plugin"):
            imported = {n for n in _imported_modules(path) if n.split(".")[0] in {"mkdocs", "material"}}
            assert not imported, f"{module} imports {sorted(imported)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_circles(module: str):
    assert module not in _reaches(module), f"{module} imports itself round a circle"


@pytest.mark.parametrize("path", sorted(MODULES.values()), ids=sorted(MODULES))
def test_modules_are_small(path: Path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", sorted(MODULES.values()), ids=sorted(MODULES))
def test_no_tricks(path: Path):
    """No reading of a library's memory, no forking by hand: one plain mechanism per concern."""
    names = _all_names(path)
    assert not names & {"ctypes", "os.fork", "multiprocessing.shared_memory"}
    if path.name != "cli.py":  # collector control, if any, lives in the command line's process only
        assert not {n for n in names if n.startswith("gc.")}


def _all_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names.add(f"{node.value.id}.{node.attr}")
    return names


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _unbounded_caches(path: Path) -> list[str]:
    """Functions with a cache that never lets go (``@cache``, ``lru_cache(maxsize=None)``) keyed by
    values that come from the data: a day-long ``serve`` would grow them with every save. A cache
    of a function without arguments, or keyed by a type (of the code, not the data), is bounded."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            name = ast.unparse(decorator)
            unbounded = name in {"cache", "functools.cache"} or (
                "lru_cache" in name and "maxsize=None" in name.replace(" ", "")
            )
            arguments = [a for a in node.args.args if a.arg not in {"self", "cls"}]
            keyed_by_code = all(a.annotation is not None and ast.unparse(a.annotation) == "type" for a in arguments)
            if unbounded and not keyed_by_code:
                found.append(f"{node.name} (line {node.lineno})")
    return found


@pytest.mark.parametrize("path", sorted(MODULES.values()), ids=sorted(MODULES))
def test_caches_that_live_as_long_as_the_process_are_bounded(path: Path):
    assert not _unbounded_caches(path), f"give these a maxsize: {_unbounded_caches(path)}"
