"""Both sites of the preview, brought up to date after each save, and what a request gets.

A save marks both sites out of date. The learner site is made again at once (so the terminal says
what is wrong at every save); the coordinator site when it is next asked for. A site that cannot
be made (errors in the data, in mkdocs.yml or in a template) shows the reason on every page, and
its browsers reload to the mended site at the next save.
"""

from __future__ import annotations

import mimetypes
import sys
import threading
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.exceptions import Abort, MkDocsException

from ...model.errors import TrainopsError
from ...model.project import Project
from ...plan.sites import COORDINATORS, LEARNERS
from ..kept import KeptBetweenSaves
from ..mkdocs_config import MkDocsConfigFailed
from .snapshot import SiteSnapshot

__all__ = ["OPS_MOUNT", "Preview", "Response"]

OPS_MOUNT = "/ops/"  # where the coordinator site is previewed, beside the learner site at /
_ERROR_PAGE = Environment(
    loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=select_autoescape(["html"])
).get_template("error.html")


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # for a redirect


class _Site:
    def __init__(self, audience: str, mount: str):
        self.audience = audience
        self.mount = mount
        self.snapshot: SiteSnapshot | None = None
        self.problem: str | None = None  # why the site cannot be shown now
        self.current = False


class Preview:
    """The two sites of the project at ``root`` judged against ``today``; thread-safe (one lock
    for all of MkDocs' work: both sites go through one plugin instance)."""

    def __init__(self, root: Path, today: date | None, site_name: str):
        self.root = root
        self.today = today
        self.site_name = site_name
        self._sites = (_Site(LEARNERS, "/"), _Site(COORDINATORS, OPS_MOUNT))
        self._lock = threading.Lock()
        self.kept = KeptBetweenSaves()  # templates compiled once, the schedule's unchanged days
        # The learner site's project since the last save, for the coordinator site (one load a
        # save for both, as a build has): handed on once, let go at the next save.
        self._loaded: Project | None = None

    def saved(self) -> None:
        """A source file was saved: both sites are out of date; the learner site is made again now."""
        with self._lock:
            for site in self._sites:
                # (an old snapshot is never shown again: its project's memory back before the next load)
                site.current, site.snapshot = False, None
            self._loaded = None
            self._bring_up_to_date(self._sites[0])

    def respond(self, path: str) -> Response:
        """What a GET of ``path`` (decoded, starting with ``/``) returns."""
        site = self._sites[1] if (path + "/").startswith(OPS_MOUNT) else self._sites[0]
        relative = path[len(site.mount) :] if path.startswith(site.mount) else ""
        if path == OPS_MOUNT.rstrip("/"):
            return Response(302, location=OPS_MOUNT)
        if ".." in relative.split("/"):
            return Response(404, b"not found", "text/plain")
        with self._lock:
            self._bring_up_to_date(site)
            snapshot = site.snapshot
            if site.problem is not None or snapshot is None:
                if relative and not relative.endswith(("/", ".html")):
                    return Response(404, b"not found", "text/plain")  # (an asset of the page not shown)
                return self._error_page(site.problem or "the site is not ready")
            file = snapshot.file_at(relative)
            if file is None:
                if snapshot.is_folder(relative):
                    return Response(302, location=path + "/")
                return Response(404, b"not found", "text/plain")
            try:
                body = snapshot.content(file)
            except Exception as exc:  # noqa: BLE001  (a template's mistake is the user's: shown, not fatal)
                return self._error_page(_reason(exc))
        content_type = _content_type(file.dest_uri)
        return Response(200, body, content_type)

    def _error_page(self, problem: str) -> Response:
        body = _ERROR_PAGE.render(site_name=self.site_name, problem=problem).encode("utf-8")
        return Response(200, body)

    def _bring_up_to_date(self, site: _Site) -> None:
        if site.current:
            return
        site.current = True
        site.snapshot = None  # (the old one's memory back before the new one is made)
        loaded, self._loaded = self._loaded, None
        try:
            site.snapshot = SiteSnapshot(self.root, site.audience, self.today, self.kept, loaded)
            site.problem = None
            if site.audience == LEARNERS and not self._sites[1].current:
                self._loaded = site.snapshot.loaded
        except (MkDocsConfigFailed, Abort, MkDocsException, TrainopsError) as exc:
            site.problem = _reason(exc)
        except Exception:  # a bug in trainops: its traceback in the terminal, the server stays
            site.problem = "trainops failed (a bug; the traceback is in the terminal):\n" + traceback.format_exc()
            traceback.print_exc()
        if site.problem is not None:
            _say(site.mount, site.problem)


def _reason(exc: BaseException) -> str:
    return str(exc).strip() or type(exc).__name__


def _say(mount: str, problem: str) -> None:
    which = "coordinator site" if mount == OPS_MOUNT else "learner site"
    first, *more = problem.splitlines() or [""]
    print(f"trainops: the preview of the {which} shows errors: {first}", file=sys.stderr)
    for line in more:
        print(f"trainops: {line}", file=sys.stderr)


def _content_type(path: str) -> str:
    if path.endswith((".js", ".mjs")):
        return "application/javascript"
    guess = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{guess}; charset=utf-8" if guess.startswith("text/") or guess.endswith(("xml", "json")) else guess
