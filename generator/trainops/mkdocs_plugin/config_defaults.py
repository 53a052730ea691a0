"""What the plugin adds to MkDocs' configuration: the Markdown extensions the generated pages use,
Material's features (no web fonts, no generator line), and the theme's logo for the manuals' covers."""

from __future__ import annotations

import html

__all__ = ["add_markdown_extensions", "add_theme_features", "theme_logo"]


def add_markdown_extensions(config) -> None:
    # No md_in_html: generated pages never ask for Markdown inside HTML, and its HTML parsing is the
    # largest cost of building a big site.
    for name in ("attr_list", "admonition", "tables", "toc"):
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink", True)


def add_theme_features(config) -> None:
    if config.theme.name != "material":
        return
    features = config.theme.get("features") or []
    # navigation.footer: the previous and next page at the foot of each page, so that the footer is
    # a way on rather than an empty bar.
    wanted = ("navigation.indexes", "navigation.footer", "search.suggest", "search.highlight", "content.code.copy")
    for feature in wanted:
        if feature not in features:
            features.append(feature)
    config.theme["features"] = features
    # Material loads Roboto from Google Fonts on every page view unless told not to: that fails on
    # an intranet and sends each reader's address to a third party. The system's fonts instead.
    config.theme["font"] = False
    # No "Made with Material for MkDocs" in the footer, unless mkdocs.yml keeps it (extra.generator).
    if "generator" not in config.extra:
        config.extra["generator"] = False
    # The footer names the site when mkdocs.yml gives no `copyright:` (Material shows it as HTML).
    if not config.copyright:
        config.copyright = html.escape(config.site_name)


def theme_logo(config) -> str | None:
    """mkdocs.yml's ``theme.logo`` (a path in docs_dir or the theme folder), for the covers."""
    logo = config.theme.get("logo")
    return logo if isinstance(logo, str) else None
