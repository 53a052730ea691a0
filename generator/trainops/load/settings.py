"""Read the trainops settings from mkdocs.yml without importing MkDocs.

``check`` must be quick and must not need a working theme, so we read only what we need: the
docs_dir, the site name and the ``trainops`` plugin's options. mkdocs.yml may hold tags such as
``!ENV`` or ``!!python/name:``; they are read as empty values here, never executed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..model.diagnostics import Diagnostic
from ..model.project import Settings

__all__ = ["read_settings", "read_site_dir", "make_settings", "parse_days", "SETTING_NAMES"]

SETTING_NAMES = ("programs_dir", "sops_dir", "schedule", "people", "paper_size", "ops_dir", "changes_days")
_TEXT_SETTINGS = SETTING_NAMES[:-1]


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:", lambda loader, suffix, node: None)


def read_settings(root: Path) -> tuple[Settings, list[Diagnostic]]:
    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return Settings(), []
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError) as exc:  # PyYAML builds dates and numbers
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Settings(), [
            Diagnostic(
                "mkdocs.yml",
                line,
                col,
                "error",
                "yaml-syntax",
                f"mkdocs.yml is not valid YAML: {getattr(exc, 'problem', exc)}",
            )
        ]
    if not isinstance(data, dict):
        return Settings(), [
            Diagnostic("mkdocs.yml", 1, 1, "error", "file-shape", "mkdocs.yml must be a set of 'key: value' lines")
        ]
    options = {}
    plugins = data.get("plugins")
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("trainops"), dict):
            options = entry["trainops"]
    if isinstance(plugins, dict) and isinstance(plugins.get("trainops"), dict):
        options = plugins["trainops"]
    theme = data.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    try:
        settings = make_settings(options, data.get("docs_dir") or "docs", data.get("site_name"), data.get("site_url"))
    except ValueError as exc:  # a setting that is no number: the others still count
        text = path.read_text(encoding="utf-8-sig")
        line = next((i for i, s in enumerate(text.splitlines(), 1) if s.lstrip().startswith("changes_days:")), 1)
        problem = Diagnostic("mkdocs.yml", line, 1, "error", "invalid-value", str(exc))
        options = {k: v for k, v in options.items() if k != "changes_days"}
        settings = make_settings(options, data.get("docs_dir") or "docs", data.get("site_name"), data.get("site_url"))
        return _with_theme(settings, custom_dir), [problem]
    return _with_theme(settings, custom_dir), []


def read_site_dir(root: Path) -> str:
    """mkdocs.yml's ``site_dir`` as written (``site`` when it is not set or mkdocs.yml cannot be
    read): where ``mkdocs build`` and ``trainops build`` put the learner site. Not a setting of
    the data (the plugin is handed a build's own folder instead), so not in :class:`Settings`."""
    try:
        data = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError, ValueError, TypeError):
        return "site"
    site_dir = data.get("site_dir") if isinstance(data, dict) else None
    return site_dir.strip() if isinstance(site_dir, str) and site_dir.strip() else "site"


def _with_theme(settings: Settings, custom_dir: object) -> Settings:
    if isinstance(custom_dir, str) and custom_dir.strip():
        return replace(settings, theme_dir=custom_dir.strip().strip("/"))
    return settings


def parse_days(value: object) -> int:
    """``changes_days``: a whole number of days, 0 or more (``60``, or ``"60"`` quoted); a
    ValueError that says what is wrong otherwise."""
    text = str(value).strip()
    if isinstance(value, (bool, float)) or not text.isascii() or not text.isdigit():
        raise ValueError(
            f"plugin setting changes_days: '{value}' is not a number of days; write a whole number, "
            "0 or more, such as 'changes_days: 60'"
        )
    return int(text)


def make_settings(options: dict, docs_dir: str, site_name: object, site_url: object) -> Settings:
    """The one way settings are made, from the plugin's options and mkdocs.yml's values, for the
    command line (which reads mkdocs.yml itself) and the plugin (which MkDocs hands them) alike:
    the same file gives equal settings either way."""
    values: dict[str, Any] = {k: str(options[k]).strip().strip("/") for k in _TEXT_SETTINGS if options.get(k)}
    days = options.get("changes_days")
    url = str(site_url or "").strip()
    settings = Settings(
        docs_dir=str(docs_dir).strip().strip("/"),
        site_name=str(site_name or "Training"),
        site_url=url if not url or url.endswith("/") else url + "/",  # as MkDocs normalises it
        **values,
    )
    # (0 is a number of days: not "unset" as an empty text is)
    return settings if days is None or days == "" else replace(settings, changes_days=parse_days(days))
