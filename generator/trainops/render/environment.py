"""The Jinja2 environment for every page trainops generates.

Templates are looked up in the project's ``theme/`` first, so a coordinator overrides any of them
by placing a file of the same name there, then in the templates that ship with trainops.
Autoescaping is on (text from YAML is shown as text, never run as HTML) and an undefined name is
an error, not an empty string. Templates run in Jinja's sandbox: an override reads the data it is
given, never Python's internals (``lipsum.__globals__``), so a build runs no command.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..model import formatting
from ..plan.urls import TEMPLATE_PATHS
from . import TEMPLATE_SUFFIXES

__all__ = [
    "make_environment",
    "markdown_escape",
    "describe_template_error",
    "template_source",
    "template_problem",
]

# Characters Python-Markdown gives a meaning to inline; '<', '>' and '&' are HTML-escaped instead
# (a backslash before them would be shown literally).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def markdown_escape(value: object) -> Markup:
    """Text for a Markdown context (a heading): Markdown syntax and HTML both neutralised."""
    return Markup(escape(_MARKDOWN_SPECIAL.sub(r"\\\1", str(value))))


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() or p.is_symlink() for p in folder.rglob("*"))


def make_environment(project_root: Path | None = None) -> Environment:
    loaders: list[BaseLoader] = []
    if project_root is not None and (Path(project_root) / "theme").is_dir():
        loaders.append(FileSystemLoader(str(Path(project_root) / "theme")))
    loaders.append(PackageLoader("trainops", "templates"))
    # Sandboxed when the repository overrides any of trainops' templates (``theme/trainops/``): an
    # override is text from the repository, not code to trust, and gets no attribute that leads out
    # of its data (``__globals__``, ``__subclasses__``, ``os``...). trainops' own templates alone are
    # trainops' code, and render without the sandbox's check on every attribute (a third of the
    # rendering time of a big site).
    overrides = project_root is not None and _has_files(Path(project_root) / "theme" / "trainops")
    env = (SandboxedEnvironment if overrides else Environment)(
        loader=ChoiceLoader(loaders),
        # Pages are HTML: escape. Messages (.txt) and scaffolded data files are plain text.
        autoescape=select_autoescape(disabled_extensions=("txt", "yaml", "yml"), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Each build makes its own environment, so templates cannot change under it; not checking
        # every template file's date on every use saves 100,000s of stat calls on a big site.
        auto_reload=False,
    )
    # The site's layout: templates link ``link(paths.guide(slug))``, never a path written out.
    env.globals["paths"] = TEMPLATE_PATHS
    env.filters["md"] = markdown_escape
    env.filters["day"] = formatting.format_day
    env.filters["long_date"] = formatting.format_long_date
    env.filters["iso_date"] = lambda d: d.isoformat()
    env.filters["time_range"] = formatting.format_time_range
    env.filters["utc_offset"] = formatting.format_utc_offset
    env.filters["zone_abbr"] = formatting.zone_abbreviation
    env.filters["utc_iso"] = formatting.utc_iso
    env.filters["duration"] = formatting.format_duration
    env.filters["pluralize"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    return env


def describe_template_error(exc: BaseException) -> str:
    """One line for a broken template: which file, which line, what is wrong."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if name is None:
        # Undefined names are raised from inside the render; the template's frame names it.
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".html") or "/templates/" in filename or "/theme/" in filename:
                name, line = filename, tb.tb_lineno
            tb = tb.tb_next
    where = f"{name}:{line}: " if name and line else (f"{name}: " if name else "")
    return f"{where}template error: {getattr(exc, 'message', None) or exc}"


def template_problem(exc: BaseException) -> str | None:
    """One line naming the template at fault when ``exc`` came from rendering a template (a
    syntax error, an undefined name, ``{{ 1 / 0 }}`` in an override); None for anything else,
    which is a bug in trainops."""
    if isinstance(exc, TemplateError):
        return describe_template_error(exc)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIXES) and ("/templates/" in filename or "/theme/" in filename):
            return describe_template_error(exc)
        tb = tb.tb_next
    return None


def template_source(env: Environment, name: str) -> str:
    """The text of a template file (an override in theme/ first), unrendered: CSS and JS assets."""
    assert env.loader is not None  # make_environment always sets one
    return env.loader.get_source(env, name)[0]
