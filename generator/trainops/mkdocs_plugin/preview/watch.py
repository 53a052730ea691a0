"""The project's source folders watched for saves, through the system's own notifications
(inotify, FSEvents, ReadDirectoryChangesW): no polling, so an idle preview uses no processor.

Only what a build reads is watched: mkdocs.yml and the files beside it, the programs, the SOPs,
docs_dir, the theme folder and the records, never an installed package nor the built sites.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ...model.settings import Settings

__all__ = ["SourceWatcher", "watched_folders"]

# What a save is: a file written, made, removed or renamed (an inotify watcher also reports files
# opened and closed unwritten, which the preview's own reading would cause).
_SAVES = frozenset({"created", "modified", "deleted", "moved", "closed"})


def watched_folders(root: Path, settings: Settings) -> list[tuple[Path, bool]]:
    """``(folder, recursive)`` of every source folder of the project that exists: the project's
    folder itself for mkdocs.yml and its neighbours, not below it."""
    folders = [(root, False)]
    below = [settings.programs_dir, settings.sops_dir, settings.docs_dir, settings.records_dir]
    if settings.theme_dir:
        below.append(settings.theme_dir)
    for name in below:
        folder = (root / name).resolve()
        if folder.is_dir() and (folder, True) not in folders:
            folders.append((folder, True))
    for name in (settings.schedule, settings.people, settings.roster):  # files kept elsewhere
        if name:
            folder = (root / name).resolve().parent
            if folder.is_dir() and not any(_covers(f, r, folder) for f, r in folders):
                folders.append((folder, False))
    return folders


def _covers(folder: Path, recursive: bool, other: Path) -> bool:
    return other == folder or (recursive and folder in other.parents)


class _Saves(FileSystemEventHandler):
    def __init__(self, saved: threading.Event):
        self.saved = saved

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in _SAVES:
            return
        name = os.path.basename(os.fsdecode(event.src_path))
        if name.startswith(".") or name.endswith("~"):  # an editor's swap or backup file
            return
        self.saved.set()


class SourceWatcher:
    """Sets :attr:`saved` whenever a file of the watched folders is saved."""

    def __init__(self, folders: Iterable[tuple[Path, bool]]):
        self.saved = threading.Event()
        self._observer = Observer()
        handler = _Saves(self.saved)
        for folder, recursive in folders:
            self._observer.schedule(handler, str(folder), recursive=recursive)
        self._observer.daemon = True

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
