"""The theme's static files (Material's scripts, stylesheets, fonts) added to a snapshot's files
without walking Material's package at every save.

MkDocs' ``Files.add_files_from_theme`` lists every file of every theme folder (Material's has
14,000, its icons among them) and filters them, at each build: a third of a second of every save.
Which theme files a site gets depends on the theme's folders, their contents' names and the
theme's ``static_templates``: MkDocs' own method is run once on no files, and its result (each
path and the folder it is taken from) kept under all of these. An installed package's folder
(Material's, MkDocs' own) is taken to stay as it is while the preview runs, as the package's code
does (it is imported once; the preview watches no installed package); any other folder (a
``custom_dir``) is walked at every save and its names are part of the key.
"""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..kept import KeptByKey

__all__ = ["add_theme_files"]


def _installed_folders() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(sorted({str(Path(paths[name]).resolve()) for name in ("purelib", "platlib") if name in paths}))


def _is_installed(folder: str) -> bool:
    real = Path(folder).resolve()
    return any(real.is_relative_to(root) for root in _installed_folders())


def _names(folder: str) -> tuple[str, ...]:
    """Every file name below ``folder``, walked as Jinja's ``FileSystemLoader.list_templates`` walks."""
    found = []
    for dirpath, _, filenames in os.walk(folder):
        found += [os.path.join(dirpath, name) for name in filenames]
    return tuple(sorted(found))


def _signature(config: MkDocsConfig) -> tuple:
    folders = tuple((folder, None if _is_installed(folder) else _names(folder)) for folder in config.theme.dirs)
    return folders, tuple(config.theme.static_templates), config.use_directory_urls


def add_theme_files(files: Files, env: Environment, config: MkDocsConfig, kept: KeptByKey | None) -> None:
    """What ``files.add_files_from_theme(env, config)`` adds, listed once per signature."""
    if kept is None:
        files.add_files_from_theme(env, config)
        return
    key = _signature(config)
    listed = kept.get(key)
    if not isinstance(listed, tuple):
        alone = Files([])
        alone.add_files_from_theme(env, config)  # (MkDocs' own choice of files, on no files of the docs)
        listed = tuple((f.src_uri, f.src_dir) for f in alone)
        kept.put(key, listed, len(listed))
    for path, folder in listed:
        if files.get_file_from_path(path) is None:  # (as MkDocs: the docs' file of that path wins)
            files.append(File(path, folder, config.site_dir, config.use_directory_urls))
