"""Settings of the ``trainops`` plugin in mkdocs.yml."""

from __future__ import annotations

from typing import Generic, TypeVar

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from ..load.settings import PLUGIN_SETTINGS, plugin_setting

__all__ = ["TrainopsConfig"]

T = TypeVar("T")


class _Setting(opt.OptionallyRequired[T], Generic[T]):
    """A plugin setting checked by the rule ``trainops check`` applies (``plugin_setting``), with
    the same message: a value check passes, the build accepts, and the other way round."""

    def __init__(self, name: str):
        super().__init__(default=PLUGIN_SETTINGS[name])
        self.setting = name

    def run_validation(self, value: object) -> T:
        try:
            return plugin_setting(self.setting, value)  # type: ignore[return-value]
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class TrainopsConfig(Config):
    enabled = _Setting[bool]("enabled")
    """Turn the plugin off without removing it."""

    programs_dir = _Setting[str]("programs_dir")
    """Folder of the program files, ``programs/<slug>.yaml``."""
    sops_dir = _Setting[str]("sops_dir")
    """Folder of the SOPs, ``sops/<slug>.md``."""
    schedule = _Setting[str]("schedule")
    """The schedule; empty means ``programs/schedule.yaml`` (or ``programs/schedule.csv``)."""
    people = _Setting[str]("people")
    """The people file; empty means ``programs/people.yaml``."""

    today = _Setting[str]("today")
    """The date "upcoming" and "overdue" are judged against (YYYY-MM-DD); empty means
    ``TRAINOPS_TODAY`` or else the real date."""

    pdf = _Setting[bool]("pdf")
    """Render the PDF manuals."""
    paper_size = _Setting[str]("paper_size")
    """Paper size of the manuals."""

    ops_dir = _Setting[str]("ops_dir")
    """Where ``trainops build`` writes the coordinator site (``mkdocs build`` writes the learner
    site only)."""
    changes_days = _Setting[int]("changes_days")
    """How many days back the learner site's "What changed" page, its feed and the notes on
    changed sessions look (0: today's changes only)."""

    audience = _Setting[str]("audience")
    """Which of the two sites this build makes; ``trainops build`` makes both."""

    records_dir = _Setting[str]("records_dir")
    """Folder of the records files (attendance, enrolments...); read by ``check`` and the
    coordinator's commands, never by the learner site's build."""
    roster = _Setting[str]("roster")
    """The roster of learners; empty means ``<records_dir>/learners.csv``. The environment's
    ``TRAINOPS_ROSTER`` wins over it and may point outside the repository."""
    ops_names = _Setting[bool]("ops_names")
    """The coordinator site is behind a login: it may show learners' names, not only their ids."""
    records_keep = _Setting[str]("records_keep")
    """How long records files are kept (``5 years``); ``check`` warns about older ones and
    ``trainops records prune`` removes them. Empty: kept for ever."""
