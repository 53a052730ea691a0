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
import threading

import pytest

from tests.helpers import REPO, TODAY, copy_example
from tests.helpers.browser import AXE_JS, BROWSER_TESTS, CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, Browser, Site


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
        pytest.fail(
            f"Chromium not found at {CHROMIUM} (Debian package 'chromium'; or set TRAINOPS_CHROMIUM); {INSTALL_HINT}",
            pytrace=False,
        )
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
        pytest.fail(
            f"axe-core is not installed ({AXE_JS} is missing): run `npm ci` in {BROWSER_TESTS.relative_to(REPO)}, "
            f"or {INSTALL_HINT}",
            pytrace=False,
        )
    return AXE_JS.read_text(encoding="utf-8")
