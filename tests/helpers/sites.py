"""Built sites for the tests: a generated organisation of any size, the command that builds the
two sites without PDFs, and every link of a built site followed like a browser."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

from tests.helpers import REPO, TODAY

__all__ = ["broken_links", "build_command", "generate_org"]


def generate_org(root: Path, **size: float) -> Path:
    """A synthetic organisation in ``root`` from ``bench/generate_org.py``; ``size`` holds its
    options (``programs=12, sessions=120``), the rest are its defaults."""
    options = [f"--{name}={value}" for name, value in size.items()]
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate_org.py"), str(root), *options], check=True, capture_output=True
    )
    return root


def build_command(project: Path, site_dir: Path, ops_dir: Path) -> list[str]:
    """``trainops build`` of ``project`` on TODAY without PDFs, into the two folders given."""
    return [
        "build",
        "--project",
        str(project),
        "--no-pdf",
        "--today",
        TODAY.isoformat(),
        "--site-dir",
        str(site_dir),
        "--ops-dir",
        str(ops_dir),
    ]


def broken_links(root: Path) -> list[str]:
    """``page -> href`` for each relative link of a built site's pages that lands on no file of
    that site (followed like a browser: a folder is its index.html)."""
    broken = []
    for page in sorted(root.rglob("*.html")):
        if page.name == "404.html":
            continue  # MkDocs writes it with addresses from the server's root, for any folder
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            href = unescape(href)
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", href):
                continue  # another site, this page, or a scheme-relative address
            target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(root.resolve()) or not target.exists():
                broken.append(f"{page.relative_to(root)} -> {href}")
    return broken
