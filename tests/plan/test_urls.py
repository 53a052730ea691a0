"""The addresses MkDocs gives documents, with and without ``use_directory_urls``."""

from __future__ import annotations

import pytest

from trainops.plan.urls import Urls

CASES = [
    # from, to, directory URLs, file URLs (a site opened from file:// needs the file named)
    ("programs/x/index.md", "schedule/index.md", "../../schedule/", "../../schedule/index.html"),
    ("programs/x/index.md", "index.md", "../..", "../../index.html"),  # (a browser reads "../.." as a folder)
    ("index.md", "programs/x/index.md", "programs/x/", "programs/x/index.html"),
    ("sops/a.md", "sops/b.md", "../b/", "b.html"),
    ("sops/a.md", "sops/index.md", "../", "index.html"),
    ("programs/x/index.md", "programs/x/index.md", "./", "index.html"),
    ("programs/x/index.md", "programs/x/sessions.ics", "sessions.ics", "sessions.ics"),
]


@pytest.mark.parametrize(("source", "target", "directory", "file"), CASES)
def test_relative_links_match_mkdocs(source, target, directory, file):
    assert Urls(True).rel(source, target) == directory
    assert Urls(False).rel(source, target) == file
