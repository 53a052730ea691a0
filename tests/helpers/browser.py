"""The browser tests' tools: Chromium's switches, the viewports, the served sites, a browser
that shares read-only pages between tests, and axe-core's check. The fixtures that start them are
in tests/browser/conftest.py."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import TESTS

BROWSER_TESTS = TESTS / "browser"
CHROMIUM = Path(os.environ.get("TRAINOPS_CHROMIUM", "/usr/bin/chromium"))
# Without the networking switches Chromium calls Google's servers at start-up (updates, sync,
# QUIC probes); tests must never reach anything but the site on 127.0.0.1.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = BROWSER_TESTS / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = TESTS / "screenshots"
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


# axe-core's findings of impact serious or critical, reduced to what the failure message shows.
AXE_SERIOUS = """async ({context, options}) => {
    const result = await axe.run(context || document, {...options, resultTypes: ['violations']});
    return result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                  nodes: v.nodes.map(n => ({target: n.target.map(String)}))}));
}"""


@contextlib.contextmanager
def routed_tab(chromium, viewport: str, host: str, serve: Callable, path: str) -> Iterator:
    """A tab at ``viewport`` that opened ``host``/``path``, every request to ``host`` answered by
    ``serve`` (a Playwright route handler: files, not a server) and any other aborted."""
    context = chromium.new_context(**VIEWPORTS[viewport])
    context.set_default_timeout(10_000)
    context.route(re.compile(r"^(?!" + re.escape(host + "/") + ")"), lambda route: route.abort("blockedbyclient"))
    context.route(host + "/**", serve)
    tab = context.new_page()
    tab.goto(f"{host}/{path}", wait_until="load")
    try:
        yield tab
    finally:
        context.close()


def run_axe(page, axe_source: str, context: str | None = None, **options) -> list[dict]:
    """axe-core's serious and critical violations on ``page`` (or the part ``context`` selects)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(AXE_SERIOUS, {"context": context, "options": options})


def axe_report(path: str, viewport: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} serious or critical violation(s) on /{path} ({viewport}):"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(f"    - {' '.join(node['target'])}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)
