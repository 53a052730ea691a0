"""What the plugin's page hooks read of one site's build, kept by the preview for each site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..plan.urls import Urls
from ..render.site import CalendarsOnRequest
from .config import TrainopsConfig

__all__ = ["PageHooksState"]


@dataclass(frozen=True)
class PageHooksState:
    """Set in on_config and on_files: the preview keeps both sites at once, through the one
    plugin instance MkDocs keeps (it hands each site's state back before rendering its pages)."""

    config: TrainopsConfig
    titles: dict[str, str]
    links: object
    docs_dir: str
    elsewhere: object
    addresses: Urls
    home: str
    calendars: CalendarsOnRequest | None  # the learner site's calendar files, made on request
    on_request: dict[str, Callable[[], str]]  # pages made on request, by docs path
