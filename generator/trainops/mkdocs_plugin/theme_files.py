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

__all__ = ["served_by_theme", "named_in_config"]


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
