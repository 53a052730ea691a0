"""Printable PDFs (WeasyPrint): manuals and sign-in sheets. HTML from templates (``html``,
``sop_html``, ``signin``), QR codes, addresses and the version printed (``paper``), a fetcher
that reads only the project and the built site (``fetcher``), and a cached, parallel, time- and
memory-limited build (``jobs``, ``build``). Import the modules themselves: this package imports
nothing, so the readiness rules can use ``sop_html`` without pulling in WeasyPrint."""
