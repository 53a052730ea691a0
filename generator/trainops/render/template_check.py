"""``check`` compiles every template in the theme folder (mkdocs.yml's ``theme.custom_dir``, the
one the build reads) and names the file and line of a broken one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..model.diagnostics import Diagnostic
from ..store.cache import DataCache
from ..store.paths import is_inside
from . import TEMPLATE_SUFFIXES

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["check_templates"]


def check_templates(project_root: Path, theme_dir: str | None, cache: DataCache | None = None) -> list[Diagnostic]:
    """A diagnostic for every template in ``theme_dir`` (``Settings.theme_dir``) that does not
    compile: trainops' overrides (``<theme_dir>/trainops/``) and Material's alike, found before a
    build stops on them. A file whose real path leaves the repository is not read (the loading
    reports it). With a ``cache``, an unchanged template is not compiled again."""
    if theme_dir is None:  # no custom_dir: no template of the repository's own
        return []
    theme = Path(project_root) / theme_dir
    if not theme.is_dir() or not is_inside(project_root, theme):
        return []
    cache = cache or DataCache(None)
    env: Environment | None = None
    out: list[Diagnostic] = []
    for path in sorted(theme.rglob("*")):
        if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file() or not is_inside(project_root, path):
            continue
        rel = path.relative_to(project_root).as_posix()
        raw = path.read_bytes()
        found = cache.get("template", rel, raw)
        if found is None:
            from .environment import make_environment  # jinja2, only for a template not seen before

            env = env or make_environment(project_root, theme_dir)
            found = _compile(env, rel, raw)
            cache.put("template", rel, raw, found)
        out += found
    return out


def _compile(env: Environment, rel: str, raw: bytes) -> list[Diagnostic]:
    from jinja2 import TemplateSyntaxError

    try:
        env.compile(raw.decode("utf-8"), name=rel, filename=rel)  # (a block defined twice too)
    except TemplateSyntaxError as exc:
        message = f"template does not compile: {exc.message}"
        return [Diagnostic(rel, exc.lineno or 1, 1, "error", "template-syntax", message)]
    except UnicodeDecodeError:
        return [Diagnostic(rel, 1, 1, "error", "template-syntax", "template is not readable UTF-8 text")]
    return []
