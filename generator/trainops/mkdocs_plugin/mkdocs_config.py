"""mkdocs.yml as MkDocs loads it for ``build`` and ``serve``, its mistakes as one line each.

MkDocs logs each value it refuses ("Config value 'theme': Unrecognised theme name") and then
raises an ``Abort`` whose own words say nothing ("Aborted with a configuration error!"); its live
preview prints a traceback for any failed rebuild. Here the refusals become diagnostics at their
line (``mkdocs.yml:4:1: error: theme: … [mkdocs-config]``), and a rebuild of the preview that fails
says so in one line and keeps the server, and the last good build, up.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from ..load.mkdocs_yml import MKDOCS_YML, line_of
from ..load.settings import read_settings
from ..model.diagnostics import sort_diagnostics
from ..model.errors import TrainopsError

__all__ = ["MkDocsConfigFailed", "load_mkdocs_config", "read_safely", "rebuilds_in_one_line"]

_REFUSED = "Config value '"


class MkDocsConfigFailed(Exception):
    """mkdocs.yml cannot be used; the message is its diagnostics, one a line."""


class _Refusals(logging.Filter):
    """MkDocs' refusals of mkdocs.yml's values while it loads the file, kept for the diagnostics
    (and kept off the terminal: they are said once, with their line)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.levelno < logging.ERROR or not message.startswith(_REFUSED):
            return True
        key, _, why = message.removeprefix(_REFUSED).partition("': ")
        self.found.append((key, " ".join(why.split())))  # (an extension's import error spans lines)
        return False


def read_safely(root: Path) -> None:
    """mkdocs.yml read as ``check`` reads it before MkDocs may: MkDocs' loader would run what a
    ``!!python/...`` tag names. MkDocsConfigFailed with the errors, if any."""
    errors = [d for d in read_settings(root)[1] if d.severity == "error"]
    if errors:
        raise MkDocsConfigFailed("\n".join(d.as_text() for d in sort_diagnostics(errors)))


def load_mkdocs_config(root: Path, **options: Any) -> MkDocsConfig:
    """MkDocs' configuration of ``root/mkdocs.yml`` (read safely first; ``options`` as
    ``load_config`` takes them); MkDocsConfigFailed with a line per value MkDocs refuses."""
    read_safely(root)
    refusals = _Refusals()
    logger = logging.getLogger("mkdocs.config")
    logger.addFilter(refusals)
    try:
        return load_config(config_file=str(root / MKDOCS_YML), **options)
    except (Abort, MkDocsException) as exc:
        path = root / MKDOCS_YML
        text = path.read_text(encoding="utf-8-sig", errors="replace") if path.is_file() else ""
        lines = [
            f"{MKDOCS_YML}:{line_of(text, key)}:1: error: {key}: {why} [mkdocs-config]" for key, why in refusals.found
        ]
        raise MkDocsConfigFailed("\n".join(lines) or f"{MKDOCS_YML}: {exc}") from None
    finally:
        logger.removeFilter(refusals)


def rebuilds_in_one_line(builder: Callable[[], None], root: Path) -> Callable[[], None]:
    """The live preview's rebuild, which MkDocs runs on every edit: mkdocs.yml is read safely
    first, and a rebuild that fails says why in one line instead of MkDocs' traceback; the server
    keeps serving the last good build."""

    def rebuild() -> None:
        try:
            load_mkdocs_config(root)  # (MkDocs' own load would log its refusals without their lines)
            builder()
        except MkDocsConfigFailed as exc:
            _say(str(exc))
        except (Abort, MkDocsException, TrainopsError) as exc:
            _say(f"{exc}")

    return rebuild


def _say(reason: str) -> None:
    first, *more = reason.splitlines() or [""]
    print(f"trainops: the preview was not rebuilt (it shows the last good build): {first}", file=sys.stderr)
    for line in more:
        print(f"trainops: {line}", file=sys.stderr)
