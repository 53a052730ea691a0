"""Both sites in a real browser: the example organisation built once, served on 127.0.0.1 from a
thread (the learner site at ``/``, the coordinator site at ``/ops/``, as two hosts would serve
them: no page of one links into the other), and driven in Debian's Chromium with Playwright.

Nothing here skips. A machine without Chromium, Playwright or axe-core fails every browser test
with a message that says how to install it (``TRAINOPS_BROWSER=1 scripts/bootstrap``): a browser
suite that silently skips in CI proves nothing.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO, TODAY, copy_example

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("TRAINOPS_CHROMIUM", "/usr/bin/chromium"))
# Without the networking switches Chromium calls Google's servers at start-up (updates, sync,
# QUIC probes); tests must never reach anything but the site on 127.0.0.1.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "tests" / "screenshots"
INSTALL_HINT = "run `TRAINOPS_BROWSER=1 scripts/bootstrap` (or `scripts/test`, which does)"

# A reader in UTC unless a test says otherwise: the same pages and screenshots on every machine,
# with the "Your time" lines that a reader outside the sessions' zones sees.
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "timezone_id": "UTC"}
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "timezone_id": "UTC"}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Every request to another host is blocked (no address but 127.0.0.1 is ever reached) and
# recorded; a page that asks for one fails test_pages_ask_for_nothing_outside.


@dataclass
class Site:
    """The built sites, their address, and every request to another host that the tests blocked."""

    root: Path
    url: str
    ops: Path | None = None  # the coordinator site, served under /ops/
    blocked: list[str] = field(default_factory=list)

    def address(self, path: str) -> str:
        return f"{self.url}/{path.lstrip('/')}"

    def outside(self) -> re.Pattern:
        """Every address but the site's. A pattern, not a function: Playwright matches it in its
        driver, so the site's own requests never wait for a round trip through Python."""
        return re.compile(r"^(?!" + re.escape(self.url + "/") + ")")

    def block(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort("blockedbyclient")


@dataclass
class OpenPage:
    """A page and what it logged: console errors and uncaught exceptions."""

    page: object
    errors: list[str]


class Browser:
    """One Chromium for the whole session; contexts (viewport, time zone, permissions) per need."""

    def __init__(self, chromium, site: Site):
        self.chromium = chromium
        self.site = site
        self._contexts: dict[str, object] = {}
        self._pages: dict[tuple[str, str], OpenPage] = {}

    def new_context(self, **options):
        context = self.chromium.new_context(base_url=self.site.url, **options)
        context.set_default_timeout(10_000)  # a missing element fails in seconds, not 30
        context.route(self.site.outside(), self.site.block)
        return context

    def context(self, viewport: str):
        """A shared context at ``desktop`` or ``phone`` size (a reader in UTC)."""
        if viewport not in self._contexts:
            self._contexts[viewport] = self.new_context(**VIEWPORTS[viewport])
        return self._contexts[viewport]

    def open(self, context, path: str) -> OpenPage:
        """Open ``path`` in a new tab of ``context``, recording its console errors."""
        page = context.new_page()
        errors: list[str] = []

        def on_console(message):
            # A request the tests blocked (Material's web font) is not an error of the site.
            if message.type == "error" and message.location.get("url") not in self.site.blocked:
                errors.append(f"console: {message.text} ({message.location.get('url')})")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.goto(self.site.address(path), wait_until="load")
        return OpenPage(page, errors)

    def page(self, path: str, viewport: str = "desktop") -> OpenPage:
        """A page loaded once and shared by the read-only tests (title, axe, width, screenshots)."""
        key = (path, viewport)
        if key not in self._pages:
            self._pages[key] = self.open(self.context(viewport), path)
        return self._pages[key]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The example organisation built (without PDFs) and served on 127.0.0.1, a free port: the
    learner site at ``/``, the coordinator site at ``/ops/``."""
    from trainops.cli import main

    project = copy_example(tmp_path_factory.mktemp("browser-example"))
    assert main(["build", "--project", str(project), "--today", TODAY.isoformat(), "--no-pdf"]) == 0
    root, ops = project / "site", project / "ops"

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output for the tests
            pass

        def translate_path(self, path):
            if path == "/ops" or path.startswith("/ops/"):
                return str(ops) + super().translate_path(path[len("/ops") :] or "/")[len(str(root)) :]
            return super().translate_path(path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_port}", ops)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(site):
    """Debian's Chromium, started once; fails (never skips) when it or Playwright is missing."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"the Python package 'playwright' is not installed ({exc}); {INSTALL_HINT}", pytrace=False)
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM} (Debian package 'chromium'; or set TRAINOPS_CHROMIUM); "
                    f"{INSTALL_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        try:
            # Playwright gives every launch a fresh, empty profile (user data dir).
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        except PlaywrightError as exc:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
        try:
            yield Browser(chromium, site)
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, from npm (tests/browser/package.json); fails when it is not installed."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed ({AXE_JS} is missing): run `npm ci` in {HERE.relative_to(REPO)}, "
                    f"or {INSTALL_HINT}", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")

