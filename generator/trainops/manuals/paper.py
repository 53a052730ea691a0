"""What a printed page needs besides its content: the way back online (QR codes and short
addresses), text that wraps only where a reader expects, and the version printed on every page.

QR codes are made here by segno, as ``data:`` SVG images: nothing is fetched, and the fetcher
lets ``data:`` through as it does any inline image. Nothing here imports WeasyPrint.
"""

from __future__ import annotations

import re
from datetime import date

import segno
from markupsafe import Markup, escape

from ..model.changes import SHORT, History
from ..model.project import Session
from ..render.messages import describe_when

__all__ = ["qr_data_uri", "short_url", "url_html", "when_html", "described_time_html", "print_version", "unbroken"]

# A segment of an address: up to and including the next "/", "?" or "&" (where a reader expects
# a line to end), or the rest.
_SEGMENT = re.compile(r"[^/?&]*[/?&]+|[^/?&]+$")


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG ``data:`` URI, sized by the style sheet (no width in it).
    Error correction M (15 %): a sheet passed round a room gets creased and written on."""
    return segno.make_qr(url, error="m").svg_data_uri(border=2, omitsize=True)


def short_url(url: str) -> str:
    """The address as a reader types it: no ``https://``, no ``www.``, no closing slash."""
    text = re.sub(r"^https://(www\.)?", "", url)
    return text[:-1] if text.endswith("/") and not text.endswith("//") else text


def unbroken(text: str) -> Markup:
    """``text`` kept on one line (a time-zone name, a UTC offset, a part of an address): an
    inline block that does not wrap, so a table still knows how narrow it can be."""
    return Markup('<span class="unbroken">{}</span>').format(text)


def url_html(url: str, text: str | None = None) -> Markup:
    """A printed address: may wrap after "/", "?" or "&", never inside a word or at a hyphen."""
    shown = short_url(url) if text is None else text
    parts = Markup("").join(unbroken(part) for part in _SEGMENT.findall(shown))
    return Markup('<a class="url" href="{}">{}</a>').format(url, parts)


def when_html(session: Session) -> Markup:
    """``describe_when`` with the UTC offset on one line: never 'UTC−' at a line's end and
    '05:00' on the next."""
    return described_time_html(describe_when(session))


def described_time_html(text: str) -> Markup:
    """A time as ``describe_slot`` words it, its UTC offset kept on one line."""
    head, sep, tail = text.rpartition(" (")
    if not sep or not tail.endswith(")"):
        return Markup(escape(text))
    pieces = tail[:-1].split(", ")
    return Markup("{} ({})").format(head, Markup(", ").join(unbroken(p) for p in pieces))


def print_version(history: History, today: date) -> str:
    """The version printed on every page: the commit the project was read at (its short id, as the
    history shows commits), "(with uncommitted changes)" when the working tree differs from it, or
    the day of the build when the project is not in a git repository (or git is missing). Taken
    from the history read with the project: nothing here runs git."""
    if not history.head:
        return today.isoformat()
    return history.head[:SHORT] + (" (with uncommitted changes)" if history.uncommitted else "")
