"""Read the trainops settings from mkdocs.yml without importing MkDocs.

``check`` must be quick and must not need a working theme, so we read only what we need: the
docs_dir, the site name and the ``trainops`` plugin's options. mkdocs.yml may hold tags such as
``!ENV`` or ``!!python/name:``; they are read as empty values here, never executed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from .diagnostics import Diagnostic
from .project import Settings

__all__ = ["read_settings", "make_settings", "SETTING_NAMES"]

SETTING_NAMES = ("programs_dir", "sops_dir", "schedule", "people", "paper_size", "ops_dir")


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
    settings = make_settings(options, data.get("docs_dir") or "docs", data.get("site_name"), data.get("site_url"))
    if isinstance(custom_dir, str) and custom_dir.strip():
        settings = replace(settings, theme_dir=custom_dir.strip().strip("/"))
    return settings, []


def make_settings(options: dict, docs_dir: str, site_name: object, site_url: object) -> Settings:
    """The one way settings are made, from the plugin's options and mkdocs.yml's values, for the
    command line (which reads mkdocs.yml itself) and the plugin (which MkDocs hands them) alike:
    the same file gives equal settings either way."""
    values = {k: str(options[k]).strip().strip("/") for k in SETTING_NAMES if options.get(k)}
    url = str(site_url or "").strip()
    return Settings(
        docs_dir=str(docs_dir).strip().strip("/"),
        site_name=str(site_name or "Training"),
        site_url=url if not url or url.endswith("/") else url + "/",  # as MkDocs normalises it
        **values,
    )
