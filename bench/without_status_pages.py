"""``trainops`` with the coordinator site's completion status pages left out, for bench/report.py,
which times the build of one organisation with its records and these pages, with its records and
without them, and with its records moved aside: what the status pages alone add (the records
issue's target names them) beside what the records as a whole add. Not part of trainops.

    python bench/without_status_pages.py build --project ORG --today DAY --no-pdf

``trainops.render.site`` asks ``kept_or_rendered`` for each program's status pages and for nothing
else; here it answers "none". bench/report.py checks that the coordinator site then has no status
page, so a change of that name stops the benchmark instead of measuring the wrong thing.
"""

from __future__ import annotations

import trainops.render.site as site

if not hasattr(site, "kept_or_rendered"):
    raise SystemExit("trainops.render.site no longer asks kept_or_rendered for the status pages: update this script")


def _no_status_pages(kept, slug, render) -> list:
    return []


site.kept_or_rendered = _no_status_pages  # type: ignore[assignment]

# As the console script runs (``trainops.cli.run``: the collector kept out of the loading, no
# teardown at exit): round 13 called ``main()``, and this variant was the slower build by 38 %.
from trainops.cli import run  # noqa: E402

run()
