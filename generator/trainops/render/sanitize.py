"""The HTML sanitiser: what a page a person wrote may keep once Markdown has made it HTML.

Links and attributes are judged by the same test as ``check`` uses (``is_unsafe_url`` in
``load/links.py``), so what the check reports is what the page loses."""

from __future__ import annotations

import nh3

from ..load.links import SAFE_SCHEMES, is_unsafe_url

__all__ = ["sanitize_page_html"]

# What Python-Markdown, its extensions (tables, admonition, attr_list, toc, fenced code, footnotes,
# abbreviations, definition lists), pymdownx/Material markup and trainops' templates put in a page.
# Nothing else survives: no script, style, frame, object, embed or form, and no on* attribute.
_PAGE_TAGS = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "blockquote", "pre", "code"),
        *("a", "img", "figure", "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "details", "summary"),
        *("table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite"),
        *("q", "dfn", "kbd", "samp", "var", "time", "wbr", "article", "section", "aside", "header", "footer"),
        *("input", "label"),  # Material's content tabs and task lists (no form: nothing is sent anywhere)
    }
)
# Dropped with their content (the others lose the tag, keep the text).
_PAGE_DROPPED = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"})
_PAGE_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "role", "lang", "dir"},
    "a": {"href", "name", "target", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"align", "style", "colspan", "rowspan", "scope", "headers", "data-label"},
    "td": {"align", "style", "colspan", "rowspan", "headers", "data-label"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime", "data-end", "data-zone"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "input": {"checked", "disabled", "name"},
    "label": {"for"},
    "span": {"data-linenos"},  # code line numbers (Material's CSS shows the value)
    "div": {"data-tabs"},  # content tabs
}
_PAGE_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox", "radio"}}}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def _safe_attribute(tag: str, attribute: str, value: str) -> str | None:
    """The value, or None (the attribute is dropped) for an unsafe URL: the link stays as text and
    nothing runs. nh3 also drops a URL of a scheme it was not given; this decides ``data:``."""
    try:
        if attribute in _URL_ATTRIBUTES and is_unsafe_url(value, loads=attribute == "src"):
            return None
        return value
    except Exception:  # nh3 would keep the value of a filter that raises: fail closed instead
        return None


_SANITIZER = nh3.Cleaner(
    tags=_PAGE_TAGS,
    clean_content_tags=_PAGE_DROPPED,
    attributes=_PAGE_ATTRIBUTES,
    tag_attribute_values=_PAGE_ATTRIBUTE_VALUES,
    generic_attribute_prefixes={"aria-"},
    attribute_filter=_safe_attribute,
    # data: only for an inline raster image, which _safe_attribute decides
    url_schemes=set(SAFE_SCHEMES | {"data"}),
    link_rel=None,  # as Markdown wrote the link
    filter_style_properties={"text-align"},  # aligned table columns
    strip_comments=True,
)


def sanitize_page_html(page_html: str) -> str:
    """``page_html`` (of a page a person wrote: its Markdown, raw HTML and attr_list attributes)
    with only what a page shows: no script, style, frame, object, embed or form, no ``on*``
    attribute, no unsafe URL (the link stays as text). The last word on the page."""
    return _SANITIZER.clean(page_html)
