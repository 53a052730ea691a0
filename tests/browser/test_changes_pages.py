"""The pages that show changes, with a history behind them: the learner site's "What changed" (a
how-to guide's changed step) and a coordinator's SOP page with its coloured diff, opened, at both
widths: no serious axe violation (the diff's colours included), and the diff fits a phone."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.helpers import TODAY
from tests.helpers.browser import VIEWPORTS, axe_report, run_axe
from tests.helpers.gitrepo import example_repo
from trainops.cli import main

PAGES = [("sops/new-hire-cohort-setup/", True), ("changes/", False)]  # (path, on the coordinator site)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The example with a how-to guide's step changed and a coordinator's SOP edited after its
    review, built and served (the coordinator site under /ops/)."""
    repo = example_repo(tmp_path_factory.mktemp("changes-pages") / "repo")
    repo.edit("sops/join-an-online-session.md", "1. Join five minutes", "1. Join ten minutes")
    repo.edit("sops/new-hire-cohort-setup.md", "\n1. ", "\n1. Book the room first: call 555-0199.\n1. ")
    repo.edit("sops/new-hire-cohort-setup.md", "## Steps", "## What to do, in order")
    repo.commit("Join ten minutes early; book the room first", "2026-11-21T10:00:00+00:00")
    args = ["build", "--project", str(repo.root), "--today", TODAY.isoformat(), "--no-pdf"]
    assert main(args) == 0
    root = repo.root / "site"
    ops = repo.root / "ops"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if path.startswith("/ops/"):
                return str(ops) + super().translate_path(path[len("/ops") :])[len(str(root)) :]
            return super().translate_path(path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, name="changes-pages", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize(("path", "coordinators"), PAGES)
def test_no_serious_violation_and_the_diff_fits(browser, axe_source, served, viewport, path, coordinators):
    context = browser.chromium.new_context(**VIEWPORTS[viewport])
    base = served + ("/ops/" if coordinators else "/")
    context.route(f"re:^(?!{base})", lambda route: route.abort())  # nothing but the site
    try:
        page = context.new_page()
        page.goto(base + path)
        if coordinators:
            page.locator("details.trainops-diff > summary").click()
            assert page.locator("tr.trainops-diff__line--added").first.is_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["viewport"]["width"], f"the page scrolls sideways: {width}px"
        else:
            assert page.get_by_text("Join five minutes before the start time. → Join ten minutes").is_visible()
        violations = run_axe(page, axe_source)
        assert not violations, axe_report(path, viewport, violations)
    finally:
        context.close()
