"""Printable PDF manuals (WeasyPrint): HTML from templates, a fetcher that reads only the
project and the built site, and a cached, parallel, time- and memory-limited build."""

from .html import MANUAL_EDITIONS, ManualSpec, manual_specs, render_manual_html
from .jobs import ManualResult, build_manuals

__all__ = ["MANUAL_EDITIONS", "ManualSpec", "manual_specs", "render_manual_html", "ManualResult", "build_manuals"]
