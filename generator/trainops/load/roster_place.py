"""Where the roster is: the setting, or ``TRAINOPS_ROSTER`` on the coordinator's machine. Apart
from :mod:`.records` (whose package reads the records files) so that the command line and a warm
``check``, answered from its cache, ask it without importing the records' readers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ..model.settings import Settings
from ..store.paths import is_inside

__all__ = ["ROSTER_VARIABLE", "roster_from_environment", "roster_location"]

ROSTER_VARIABLE = "TRAINOPS_ROSTER"


def roster_from_environment(environ: Mapping[str, str]) -> str | None:
    """``TRAINOPS_ROSTER`` of ``environ``: a roster on the coordinator's machine (a secure share),
    which may lie outside the repository; a relative path is relative to the current folder, as
    in a shell. None when it is not set. (Asked by the adapters, which own the environment.)"""
    value = environ.get(ROSTER_VARIABLE, "").strip()
    return os.path.abspath(value) if value else None


def roster_location(root: Path, settings: Settings, roster_env: str | None) -> tuple[str, bool]:
    """(where the roster is, whether that is inside the repository). ``roster_env``: the value of
    ``TRAINOPS_ROSTER`` (the command line reads it): a path on the coordinator's machine, which may
    lie outside the repository, made absolute against the current folder by the caller."""
    if roster_env:
        inside = is_inside(root, roster_env)
        return (os.path.relpath(os.path.realpath(roster_env), os.path.realpath(root)) if inside else roster_env), inside
    return settings.roster_path, True
