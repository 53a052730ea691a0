"""The trainops settings, from mkdocs.yml as MkDocs reads it (``load.mkdocs_yml``), or from the
configuration MkDocs hands the plugin: ``make_settings`` makes them either way, so the same file
gives equal settings to ``check`` and to the build. Reading never imports MkDocs: ``check`` must be
quick and must not need a working theme.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from ..model.diagnostics import Diagnostic
from ..model.settings import Settings
from ..model.suggest import did_you_mean
from ..model.values import parse_duration
from .mkdocs_yml import MKDOCS_YML, MkDocsYmlError, RelativeTag, line_of, read_mkdocs_yml

__all__ = [
    "schedule_files",
    "ignored_schedule_files",
    "read_settings",
    "read_site_dir",
    "cache_keeps_out_of",
    "make_settings",
    "theme_folder",
    "parse_days",
    "plugin_setting",
    "site_url_problem",
    "records_dir_problem",
    "uid_domain",
    "PLUGIN_SETTINGS",
    "SETTING_NAMES",
]

SETTING_NAMES = (
    "programs_dir",
    "sops_dir",
    "schedule",
    "people",
    "paper_size",
    "ops_dir",
    "records_dir",
    "roster",
    "calendar_uid_domain",
    "changes_days",
    "ops_names",
    "records_keep",
)
_TEXT_SETTINGS = SETTING_NAMES[:-3]
# Paths in the repository: never absolute, never climbing out of it (where a link leads is checked
# when the file is read).
_REPOSITORY_PATHS = ("records_dir", "roster")
# Every setting of the plugin and its default. Its rules live in :func:`plugin_setting`, which
# MkDocs' validation of the plugin's config calls too: what `check` passes, the build accepts.
PLUGIN_SETTINGS: dict[str, object] = {
    "enabled": True,
    "programs_dir": "programs",
    "sops_dir": "sops",
    "schedule": "",
    "people": "",
    "today": "",
    "pdf": True,
    "paper_size": "A4",
    "ops_dir": "ops",
    "changes_days": 60,
    "audience": "learners",
    "records_dir": "records",
    "roster": "",
    "ops_names": False,
    "records_keep": "",
    "calendar_uid_domain": "",
}
_CHOICES = {"paper_size": ("A4", "Letter"), "audience": ("learners", "coordinators")}


def read_settings(root: Path) -> tuple[Settings, list[Diagnostic]]:
    """The settings of ``root/mkdocs.yml`` (the defaults without one), and its problems: a file
    that cannot be read gives the defaults and one error; a setting that cannot be used is left
    at its default, with an error, and the others still count."""
    try:
        data = read_mkdocs_yml(root)
    except MkDocsYmlError as exc:
        return Settings(), [exc.diagnostic]
    options: dict[str, Any] = {}
    plugins = data.get("plugins")
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("trainops"), dict):
            options = entry["trainops"]
    if isinstance(plugins, dict) and isinstance(plugins.get("trainops"), dict):
        options = plugins["trainops"]
    theme = data.get("theme")
    site = {
        "docs_dir": data.get("docs_dir"),
        "site_name": data.get("site_name"),
        "site_url": data.get("site_url"),
        "custom_dir": theme.get("custom_dir") if isinstance(theme, dict) else None,
    }
    problems = [_relative_problem(k, v) for k, v in (*site.items(), *options.items()) if isinstance(v, RelativeTag)]
    site = {k: None if isinstance(v, RelativeTag) else v for k, v in site.items()}
    options = {k: None if isinstance(v, RelativeTag) else v for k, v in options.items()}
    custom_dir = site["custom_dir"]
    theme_dir = theme_folder(root, str(custom_dir)) if custom_dir else None

    def make(options: dict) -> Settings:
        return make_settings(options, site["docs_dir"] or "docs", site["site_name"], site["site_url"], theme_dir)

    text = (Path(root) / MKDOCS_YML).read_text(encoding="utf-8-sig") if (Path(root) / MKDOCS_YML).is_file() else ""

    def at_its_line(key: str, message: str, rule: str = "invalid-value") -> Diagnostic:
        severity: Literal["error", "warning"] = "warning" if rule == "unknown-field" else "error"
        return Diagnostic(MKDOCS_YML, line_of(text, key), 1, severity, rule, message)

    # A setting that cannot be used is left at its default, with an error: the others still count.
    usable = {}
    for name, value in options.items():
        if name not in PLUGIN_SETTINGS:
            hint = did_you_mean(str(name), PLUGIN_SETTINGS)
            problems.append(at_its_line(str(name), f"unknown plugin setting '{name}'{hint}", "unknown-field"))
            continue
        try:
            usable[name] = plugin_setting(name, value)
        except ValueError as exc:
            problems.append(at_its_line(name, str(exc)))
    problem = site_url_problem(site["site_url"])
    if problem:  # (kept in the settings: an error stops the build, and check says it once)
        problems.append(at_its_line("site_url", problem))
    settings = make(usable)
    problem = records_dir_problem(settings, read_site_dir(root))
    if problem:  # (left at its default: a records folder in a site would be published)
        problems.append(at_its_line("records_dir", problem))
        settings = make({k: val for k, val in usable.items() if k != "records_dir"})
    return settings, problems


def plugin_setting(name: str, value: object) -> object:
    """``value`` of the plugin setting ``name`` as the build uses it (None: the default); a
    ValueError saying what is wrong and what to write otherwise."""
    if value is None:  # (`ops_dir:` with nothing after it: MkDocs takes the default)
        return None
    if name == "changes_days":
        return parse_days(value)
    if name == "records_keep":
        return _records_keep(value)
    if name == "calendar_uid_domain":
        return uid_domain(value)
    default = PLUGIN_SETTINGS[name]
    if name in _CHOICES and value not in _CHOICES[name]:
        choices = " or ".join(f"'{c}'" for c in _CHOICES[name])
        raise ValueError(f"plugin setting {name}: '{value}' is not a choice; write {choices}")
    if isinstance(default, bool) and not isinstance(value, bool):
        example = f"{name}: {str(default).lower()}"
        raise ValueError(f"plugin setting {name}: '{value}' is not true or false; write '{example}'")
    if isinstance(default, str) and not isinstance(value, str):
        raise ValueError(f"plugin setting {name}: '{value}' is not text; write it in quotes, '{name}: \"{value}\"'")
    if name in _REPOSITORY_PATHS and isinstance(value, str) and value.strip():
        path = value.strip().replace("\\", "/")
        if path.startswith("/") or posixpath.normpath(path).split("/")[0] == ".." or ":" in path.split("/")[0]:
            hint = " (a roster elsewhere: set TRAINOPS_ROSTER on your machine)" if name == "roster" else ""
            raise ValueError(
                f"plugin setting {name}: '{value}' is outside the repository; write a path inside it{hint}"
            )
    return value


def _records_keep(value: object) -> str:
    """``records_keep``: a duration such as ``5 years`` (kept as written; ``make_settings`` parses it)."""
    try:
        return str(parse_duration(str(value))) if str(value).strip() else ""
    except ValueError:
        raise ValueError(
            f"plugin setting records_keep: '{value}' is not a duration; write one such as 'records_keep: 5 years'"
        ) from None


def records_dir_problem(settings: Settings, site_dir: str) -> str | None:
    """Why the records folder may not be where ``records_dir`` puts it, or None: records are
    personal data, so never in docs_dir (published) or a built site (published, and replaced)."""
    records = posixpath.normpath(settings.records_dir)
    places = {"docs_dir": settings.docs_dir, "site_dir": site_dir, "ops_dir": settings.ops_dir}
    for what, folder in places.items():
        folder = posixpath.normpath(folder.strip().strip("/") or ".")
        if folder == "." or records == folder or records.startswith(folder + "/") or folder.startswith(records + "/"):
            return (
                f"plugin setting records_dir: '{settings.records_dir}' overlaps {what} '{folder}', which is "
                "published; keep the records in a folder of their own, such as 'records'"
            )
    return None


# A host name (RFC 1123): dot-separated labels of letters, digits and inner hyphens.
_HOST_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")


def uid_domain(value: object) -> str:
    """``calendar_uid_domain``: the host name the calendar events' UIDs end in (``""``: the host of
    ``site_url``), lower-cased as a URL's host is; a ValueError saying what to write otherwise."""
    text = value.strip().lower().rstrip(".") if isinstance(value, str) else None
    if text == "":
        return ""
    if text is None or len(text) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in text.split(".")):
        raise ValueError(
            f"plugin setting calendar_uid_domain: '{value}' is not a host name; write the host alone, "
            "such as 'calendar_uid_domain: learning.example.com'"
        )
    return text


def site_url_problem(site_url: object) -> str | None:
    """Why mkdocs.yml's ``site_url`` cannot be the learner site's address, or None. It lands in
    links, QR codes, calendar URLs and feed ids: only a web address will do (not ``javascript:``)."""
    if site_url is None or site_url == "":
        return None
    url = str(site_url).strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return None
    return f"site_url: '{url[:80]}' is not a web address; write the learner site's address, such as 'https://learning.example.com/'"


def _relative_problem(name: str, value: RelativeTag) -> Diagnostic:
    message = f"{name}: '!relative' is for the options of Markdown extensions; write the path itself"
    return Diagnostic(MKDOCS_YML, value.line, 1, "error", "invalid-value", message)


def theme_folder(root: Path, custom_dir: str) -> str:
    """mkdocs.yml's ``theme.custom_dir`` as ``Settings.theme_dir``: relative to the repository
    when it lies there by name, else absolute (the loading refuses a folder outside)."""
    base = os.path.abspath(root)
    path = os.path.normpath(os.path.join(base, custom_dir.strip()))
    return Path(os.path.relpath(path, base)).as_posix() if Path(path).is_relative_to(base) else path


def read_site_dir(root: Path) -> str:
    """mkdocs.yml's ``site_dir`` as written (``site`` when it is not set or mkdocs.yml cannot be
    read): where ``mkdocs build`` and ``trainops build`` put the learner site. Not a setting of
    the data (the plugin is handed a build's own folder instead), so not in :class:`Settings`."""
    try:
        data = read_mkdocs_yml(root)
    except MkDocsYmlError:
        return "site"
    site_dir = data.get("site_dir")
    return site_dir.strip() if isinstance(site_dir, str) and site_dir.strip() else "site"


def cache_keeps_out_of(root: Path, settings: Settings) -> list[str]:
    """The folders the cache may not lie in or around: the sources (it would be read or published
    with them) and the two sites (it would be published, or replaced with them)."""
    return [*settings.source_folders(), read_site_dir(root), settings.ops_dir]


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


def make_settings(
    options: dict, docs_dir: str, site_name: object, site_url: object, theme_dir: str | None = None
) -> Settings:
    """The one way settings are made, from the plugin's options and mkdocs.yml's values, for the
    command line (which reads mkdocs.yml itself) and the plugin (which MkDocs hands them) alike:
    the same file gives equal settings either way. ``theme_dir``: what :func:`theme_folder` made
    of ``theme.custom_dir``; None (no custom_dir) keeps the default, ``theme``."""
    values: dict[str, Any] = {k: str(options[k]).strip().strip("/") for k in _TEXT_SETTINGS if options.get(k)}
    days = options.get("changes_days")
    keep = str(options.get("records_keep") or "").strip()
    if keep:
        values["records_keep"] = parse_duration(keep)
    if options.get("ops_names") is not None:
        values["ops_names"] = bool(options["ops_names"])
    url = str(site_url or "").strip()
    settings = Settings(
        docs_dir=str(docs_dir).strip().strip("/"),
        site_name=str(site_name or "Training"),
        site_url=url if not url or url.endswith("/") else url + "/",  # as MkDocs normalises it
        **values,
    )
    if theme_dir:
        settings = replace(settings, theme_dir=theme_dir)
    # (0 is a number of days: not "unset" as an empty text is)
    return settings if days is None or days == "" else replace(settings, changes_days=parse_days(days))


def schedule_files(root: Path, settings: Settings) -> list[str]:
    """Every schedule file: the ``schedule`` setting; else ``programs/schedule.yaml`` (or
    ``programs/schedule.csv``) and the YAML files of a ``programs/schedule/`` folder."""
    if settings.schedule:
        return [settings.schedule]
    paths = []
    yaml_path = f"{settings.programs_dir}/schedule.yaml"
    csv_path = f"{settings.programs_dir}/schedule.csv"
    if (root / yaml_path).is_file() or not (root / csv_path).is_file():
        paths.append(yaml_path)
    else:
        paths.append(csv_path)
    folder = root / settings.programs_dir / "schedule"
    if folder.is_dir():
        paths += sorted(f"{settings.programs_dir}/schedule/{p.name}" for p in folder.iterdir() if _is_schedule_file(p))
    return [p for p in paths if (root / p).is_file()]


def _is_schedule_file(path: Path) -> bool:
    return path.suffix in _SCHEDULE_SUFFIXES and path.is_file()


_SCHEDULE_SUFFIXES = (".yaml", ".yml")


def ignored_schedule_files(root: Path, settings: Settings) -> list[tuple[str, str]]:
    """The files of the ``programs/schedule/`` folder that :func:`schedule_files` does not read
    (in a sub-folder, or with another suffix: ``B.YAML``, ``c.json``), each with what to do about
    it; a coordinator who put sessions there would otherwise see them silently missing. Hidden
    files (``.gitkeep``, ``.DS_Store``) are not schedules; nor is anything when the ``schedule``
    setting names the one file read."""
    if settings.schedule:
        return []
    folder = f"{settings.programs_dir}/schedule"
    base = root / folder
    if not base.is_dir() or base.is_symlink():
        return []
    ignored = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(n for n in filenames if not n.startswith(".")):
            path = Path(dirpath) / name
            if Path(dirpath) == base and _is_schedule_file(path):
                continue
            rel = path.relative_to(root).as_posix()
            stem = Path(name).stem if path.suffix.lower() in (*_SCHEDULE_SUFFIXES, ".json") else name
            target = f"{folder}/{stem}.yaml"
            if Path(dirpath) != base:
                remedy = f"move it to {target}"
            elif path.suffix.lower() in _SCHEDULE_SUFFIXES:
                remedy = f"rename it to {stem}.yaml"
            else:
                remedy = f"write it as YAML in {target}, or move it out of {folder}/"
            read = f"only .yaml and .yml files directly in {folder}/ are read"
            ignored.append((rel, f"this schedule file is not read: {read}; {remedy}"))
    return ignored
