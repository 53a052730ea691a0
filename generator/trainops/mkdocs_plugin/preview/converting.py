"""A page's Markdown converted to HTML once for as long as what the HTML depends on is unchanged.

A save makes a new snapshot, whose navigation's pages (the home page, the catalogue, the
schedule, the SOP library: hundreds of KB of Markdown at 300 programs and 1,500 SOPs) were
converted again although one file changed. MkDocs' ``Page.render`` is a function of:

- the page's Markdown as the plugins' ``on_page_markdown`` left it;
- the page's own file (its source and destination: links are made relative to it);
- every file of the site (a link resolves to a file's address, or warns that there is none);
- the Markdown extensions and their settings, ``use_directory_urls`` and ``validation``.

A conversion is kept under all of these, compared whole. Extensions that may read anything else
(``pymdownx.snippets`` includes files; an extension given as an object, or one not known here) are
not trusted: with one of them every page is converted at every save, as before. What ``render``
logs (a link to a missing page) is logged again when its conversion is reused, so the terminal
says the same at every save.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..kept import KeptByKey

__all__ = ["ConversionContext", "conversion_context", "convert"]

_LOG = logging.getLogger("mkdocs.structure.pages")  # (where Page.render's link warnings are logged)

# Extensions whose output is a function of the text and their settings alone.
_BUILT_IN = {
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
    "wikilinks",
}  # fmt: skip
_READS_FILES = {"pymdownx.snippets", "pymdownx.b64"}


def _pure(extension: object) -> bool:
    if not isinstance(extension, str):
        return False  # (an object: its state is its own)
    name = extension.removeprefix("markdown.extensions.")
    if name in _BUILT_IN:
        return True
    return name.startswith(("pymdownx.", "material.extensions.")) and name not in _READS_FILES


@dataclass(frozen=True)
class ConversionContext:
    """What every page's conversion of one snapshot depends on besides the page; ``usable``
    False when an extension may depend on more."""

    usable: bool
    inputs: tuple


def conversion_context(config: MkDocsConfig, files: Files) -> ConversionContext:
    extensions = list(config.markdown_extensions)
    site = tuple((f.src_uri, f.dest_uri, f.url, f.inclusion) for f in files)
    settings = repr((extensions, config.mdx_configs, config.use_directory_urls, config.validation))
    return ConversionContext(all(_pure(e) for e in extensions), (settings, site))


@dataclass(frozen=True)
class _Conversion:
    """What ``Page.render`` sets on a page (MkDocs 1.6), and what it logged."""

    inputs: tuple  # the snapshot's (ConversionContext.inputs), compared on reuse
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str] | None
    links_to_anchors: dict | None  # by the linked file's source path (files are a snapshot's)
    logged: tuple[logging.LogRecord, ...]


def convert(page: Page, config: MkDocsConfig, files: Files, context: ConversionContext, kept: KeptByKey) -> None:
    """``page.render(config, files)``, or what it set the last time for the same inputs."""
    if not context.usable:
        page.render(config, files)
        return
    assert page.markdown is not None
    # (the title render leaves depends on the front matter and on being the home page too)
    key = (page.markdown, page.file.src_uri, page.file.dest_uri, page.file.url, repr(page.meta), page.is_homepage)
    found = kept.get(key, lambda kept: isinstance(kept, _Conversion) and kept.inputs == context.inputs)
    if isinstance(found, _Conversion):
        _as_rendered(page, found, files)
        return
    logged = _Logged()
    _LOG.addHandler(logged)
    try:
        page.render(config, files)
    finally:
        _LOG.removeHandler(logged)
    assert page.content is not None
    links = page.links_to_anchors
    conversion = _Conversion(
        context.inputs,
        page.content,
        page.toc,
        page.title,
        frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        {f.src_uri: dict(anchors) for f, anchors in links.items()} if links is not None else None,
        tuple(logged.records),
    )
    kept.put(key, conversion, len(page.markdown) + len(page.content))


def _as_rendered(page: Page, conversion: _Conversion, files: Files) -> None:
    """The page as ``render`` leaves it: every attribute it sets (tests/mkdocs_plugin/test_preview_reuse.py
    compares a reused page with a rendered one attribute by attribute, so a MkDocs that sets more
    fails there, not in a user's preview). ``Page.title`` is a property MkDocs lets a plugin set
    for good: set to the title the page had once rendered (the key holds all it is worked out
    from: the Markdown, the front matter, the file, being the home page)."""
    page.content = conversion.content
    page.toc = conversion.toc
    page.title = conversion.title
    page.present_anchor_ids = set(conversion.anchors) if conversion.anchors is not None else None
    if conversion.links_to_anchors is not None:
        page.links_to_anchors = {
            files.src_uris[src]: dict(anchors) for src, anchors in conversion.links_to_anchors.items()
        }
    for record in conversion.logged:
        logging.getLogger(record.name).handle(record)


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
