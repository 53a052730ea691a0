"""Which files of the theme folder (``theme.custom_dir``) a site publishes.

MkDocs copies every file of a theme's folders that is not a template into the site, custom_dir
included: a repository's reminder-template overrides (``theme/trainops/reminders/…``), notes and
backups (``main.html.bak``) would reach learners. The theme folder holds templates; of its other
files a site publishes only what the theme serves: a file that takes the place of one the
installed theme has (Material's ``assets/…``), trainops' own style sheets and scripts
(``trainops/…``, which the pages load), and the files mkdocs.yml names (``theme.logo``,
``theme.favicon``, ``extra_css``, ``extra_javascript``). Anything else stays in the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

__all__ = [
    "add_our_assets",
    "served_by_theme",
    "named_in_config",
    "drop_theme_folder_files",
    "use_our_worker_shim",
    "STYLESHEETS",
    "SCRIPTS",
    "WORKER_SHIM",
]

log = get_plugin_logger(__name__)


def served_by_theme(src_uri: str, theme_dirs: Iterable[str], served: frozenset[str]) -> bool:
    """Whether the custom_dir file at ``src_uri`` is one the theme serves: named in ``served``
    (trainops' assets, the files mkdocs.yml names) or in place of a file of the installed theme
    (``theme_dirs``: its folders after custom_dir)."""
    if src_uri in served:
        return True
    return any(os.path.isfile(os.path.join(folder, src_uri)) for folder in theme_dirs)


def named_in_config(config) -> frozenset[str]:
    """The site paths of the files mkdocs.yml asks the theme to serve."""
    names = [config.theme.get("logo"), config.theme.get("favicon")]
    names += [str(entry) for entry in config.extra_css]
    names += [str(entry) for entry in config.extra_javascript]  # (ExtraScriptValue prints its path)
    return frozenset(name.lstrip("/") for name in names if isinstance(name, str) and name)


# trainops' own style sheets and scripts, added to every page (a copy in the theme folder's trainops/ wins).
STYLESHEETS = ("trainops/trainops.css", "trainops/schedule.css", "trainops/ops.css")
SCRIPTS = ("trainops/trainops.js", "trainops/schedule.js")
# Material's offline plugin (for a site opened from file://) loads this shim from unpkg.com: we
# serve our copy instead, so that no page asks another host for anything.
WORKER_SHIM = "trainops/vendor/iframe-worker-shim.js"


def drop_theme_folder_files(files: Files, config) -> None:
    """Leave out the files of custom_dir that MkDocs would copy but the theme does not serve
    (see :mod:`trainops.mkdocs_plugin.theme_files`): template overrides, notes, backups."""
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return
    custom_dir = os.path.abspath(custom_dir)
    installed = [folder for folder in config.theme.dirs if os.path.abspath(folder) != custom_dir]
    served = frozenset((*STYLESHEETS, *SCRIPTS, WORKER_SHIM)) | named_in_config(config)
    for file in list(files):
        from_custom_dir = file.src_dir is not None and os.path.abspath(file.src_dir) == custom_dir
        if from_custom_dir and not served_by_theme(file.src_uri, installed, served):
            files.remove(file)
            log.info(f"{file.src_uri} of the theme folder is not published: the theme does not serve it")


def use_our_worker_shim(config) -> None:
    """With Material's offline plugin on, its iframe-worker shim from our site, not unpkg.com (the
    offline plugin adds unpkg's only when no polyfill names iframe-worker, whichever runs first)."""
    offline = config.plugins.get("material/offline")
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    if offline is not None and offline.config.enabled:
        polyfills.append(WORKER_SHIM)
    config.extra["polyfills"] = polyfills


def add_our_assets(config) -> None:
    """Our stylesheets and scripts in the pages' heads (once, whichever config is given again)."""
    for sheet in STYLESHEETS:
        if sheet not in config.extra_css:
            config.extra_css.append(sheet)
    for script in SCRIPTS:
        if script not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(script)
