"""HTML to PDF with WeasyPrint: our fetcher, no attachments, tagged PDF/UA-1, reproducible bytes."""

from __future__ import annotations

from pathlib import Path

from .fetcher import ProjectFetcher

__all__ = ["render_pdf", "PDF_VARIANT"]

# Tagged for screen readers and reflow: a structure tree (headings, lists, tables with their
# header cells, images with their alt text), MarkInfo /Marked, the language and the title from
# <html lang> and <title>. WeasyPrint does the tagging; the cost is in bench/RESULTS.md.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str, base_url: str, roots: list[Path]) -> tuple[bytes, list[tuple[str, str]], int]:
    """The PDF bytes, the resources the fetcher refused (url, reason) and the number of pages."""
    from weasyprint import HTML

    fetcher = ProjectFetcher(roots)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
    # Manuals embed no files: drop attachment links (<a rel=attachment>) and <link rel=attachment>.
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    document.metadata.attachments = []
    # The identifier is a digest of the content and the dates come from <meta dcterms.*>:
    # the same HTML gives the same bytes.
    return document.write_pdf(pdf_identifier=True, pdf_variant=PDF_VARIANT), fetcher.refused, len(document.pages)
