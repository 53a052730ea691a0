"""The Jinja2 environment for every page trainops generates.

Templates are looked up in the project's theme folder first (mkdocs.yml's ``theme.custom_dir``,
``Settings.theme_dir``: the one folder MkDocs takes Material's overrides from), so a coordinator
overrides any of them by placing a file of the same name there, then in the templates that ship
with trainops. A template there whose real path leaves the repository (a symbolic link) is refused
before it is read, never passed over for trainops' own copy.
Autoescaping is on (text from YAML is shown as text, never run as HTML) and an undefined name is
an error, not an empty string. Templates run in Jinja's sandbox: an override reads the data it is
given, never Python's internals (``lipsum.__globals__``), so a build runs no command.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import OrderedDict
from pathlib import Path

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..model import formatting
from ..model.diagnostics import Diagnostic
from ..model.project import Project
from ..plan.urls import TEMPLATE_PATHS
from ..store.paths import LEAVES, is_inside
from . import TEMPLATE_SUFFIXES
from .after_markdown import marked

__all__ = [
    "CompiledTemplates",
    "overrides_trainops_templates",
    "make_environment",
    "project_environment",
    "markdown_escape",
    "describe_template_error",
    "template_source",
    "template_problem",
    "TemplateOutside",
]

# Characters Python-Markdown gives a meaning to inline; '<', '>' and '&' are HTML-escaped instead
# (a backslash before them would be shown literally).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:])")


def _after_markdown(html: str, searched: bool = True) -> Markup:
    """``{% filter after_markdown %}…{% endfilter %}``: the block (whole HTML blocks, from the line
    after the opening tag to the line before the closing one) marked to go in after Markdown
    (:mod:`.after_markdown`), and the closing tag's line end kept; ``after_markdown(searched=false)``:
    out of the search index too."""
    return Markup(marked(str(html).removesuffix("\n"), searched)) + "\n"


def markdown_escape(value: object) -> Markup:
    """Text for a Markdown context (a heading): Markdown syntax and HTML both neutralised."""
    return Markup(escape(_MARKDOWN_SPECIAL.sub(r"\\\1", str(value))))


class TemplateOutside(TemplateError):
    """A template in the theme folder whose real path leaves the repository; the message is its
    diagnostic line (``path:1:1: error: ... [outside-repository]``)."""

    def __init__(self, rel: str):
        super().__init__(Diagnostic(rel, 1, 1, "error", "outside-repository", LEAVES).as_text())


class _ThemeFolderLoader(FileSystemLoader):
    """The theme folder's templates, each read only when its real path (every link followed) is
    inside the repository: ``store.paths.is_inside`` decides, before the file is opened."""

    def __init__(self, root: Path, theme_dir: str):
        super().__init__(str(Path(root) / theme_dir))
        self.root, self.theme_dir = Path(root), theme_dir

    def get_source(self, environment, template):
        rel = posixpath.join(self.theme_dir, *split_template_path(template))
        if os.path.lexists(self.root / rel) and not is_inside(self.root, rel):
            raise TemplateOutside(rel)
        return super().get_source(environment, template)


def _overrides_trainops(root: Path, theme_dir: str) -> bool:
    """Whether the theme folder holds anything in ``trainops/`` (a link that leaves counts)."""
    folder = Path(root) / theme_dir / "trainops"
    if os.path.lexists(folder) and not is_inside(root, folder):
        return True
    return folder.is_dir() and any(p.is_file() or p.is_symlink() for p in folder.rglob("*"))


def overrides_trainops_templates(project: Project) -> bool:
    """Whether the project's theme folder overrides any of trainops' templates."""
    theme_dir = project.settings.theme_dir
    return theme_dir is not None and _overrides_trainops(project.root, theme_dir)


def make_environment(project_root: Path | None = None, theme_dir: str | None = None) -> Environment:
    """The environment for a project whose theme folder is ``project_root/theme_dir`` (give both:
    ``project.root, project.settings.theme_dir``), or for trainops' own templates alone."""
    if project_root is None and theme_dir is not None:
        raise TypeError("make_environment takes the project's root with its theme folder")
    loaders: list[BaseLoader] = []
    if project_root is not None and theme_dir is not None:
        loaders.append(_ThemeFolderLoader(project_root, theme_dir))
    loaders.append(PackageLoader("trainops", "templates"))
    # Sandboxed when the repository overrides any of trainops' templates (``<theme>/trainops/``): an
    # override is text from the repository, not code to trust, and gets no attribute that leads out
    # of its data (``__globals__``, ``__subclasses__``, ``os``...). trainops' own templates alone are
    # trainops' code, and render without the sandbox's check on every attribute (a third of the
    # rendering time of a big site).
    overrides = project_root is not None and theme_dir is not None and _overrides_trainops(project_root, theme_dir)
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
    env.filters["after_markdown"] = _after_markdown
    env.filters["day"] = formatting.format_day
    env.filters["long_date"] = formatting.format_long_date
    env.filters["iso_date"] = lambda d: d.isoformat()
    env.filters["time_range"] = formatting.format_time_range
    env.filters["utc_offset"] = formatting.format_utc_offset
    env.filters["zone_label"] = formatting.zone_label
    env.filters["utc_iso"] = formatting.utc_iso
    env.filters["duration"] = formatting.format_duration
    env.filters["pluralize"] = lambda n, one, many=None: one if n == 1 else (many or one + "s")
    return env


def project_environment(project: Project, compiled: BytecodeCache | None = None) -> Environment:
    """The environment for ``project``'s pages: its theme folder's templates first. ``compiled``:
    templates compiled by earlier environments (:class:`CompiledTemplates`)."""
    env = make_environment(project.root, project.settings.theme_dir)
    env.bytecode_cache = compiled
    return env


class CompiledTemplates(BytecodeCache):
    """Templates compiled once for the environments of a long-lived process (a preview makes one
    per save): Jinja keys each by its name and checks it against a digest of its source, so an
    edited template is compiled again. At most ``kept`` are kept (the oldest go first)."""

    def __init__(self, kept: int = 256):
        self.kept = kept
        self._compiled: OrderedDict[str, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._compiled)

    def load_bytecode(self, bucket: Bucket) -> None:
        key = _key(bucket)
        code = self._compiled.get(key)
        if code is not None:
            self._compiled.move_to_end(key)
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = _key(bucket)
        self._compiled[key] = bucket.bytecode_to_string()
        self._compiled.move_to_end(key)
        while len(self._compiled) > self.kept:
            self._compiled.popitem(last=False)


def _key(bucket: Bucket) -> str:
    # A template compiled for the sandbox checks every attribute it reads; one compiled without
    # does not: each kind is kept apart (and is never handed to the other kind of environment).
    return f"{type(bucket.environment).__name__}:{bucket.key}"


def describe_template_error(exc: BaseException) -> str:
    """One line for a broken template: which file, which line, what is wrong."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if name is None:
        # Undefined names are raised from inside the render; the template's frame names it.
        tb = exc.__traceback__
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(TEMPLATE_SUFFIXES):  # (a compiled template's code names its file)
                name, line = filename, tb.tb_lineno
            tb = tb.tb_next
    where = f"{name}:{line}: " if name and line else (f"{name}: " if name else "")
    return f"{where}template error: {getattr(exc, 'message', None) or exc}"


def template_problem(exc: BaseException) -> str | None:
    """One line naming the template at fault when ``exc`` came from rendering a template (a
    syntax error, an undefined name, ``{{ 1 / 0 }}`` in an override); None for anything else,
    which is a bug in trainops."""
    if isinstance(exc, TemplateOutside):
        return str(exc)
    if isinstance(exc, TemplateError):
        return describe_template_error(exc)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIXES):  # a template's frame, trainops' own or the theme folder's
            return describe_template_error(exc)
        tb = tb.tb_next
    return None


def template_source(env: Environment, name: str) -> str:
    """The text of a template file (the theme folder's copy first), unrendered: CSS and JS assets."""
    assert env.loader is not None  # make_environment always sets one
    return env.loader.get_source(env, name)[0]
