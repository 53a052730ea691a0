"""Settings of the ``trainops`` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from ..load.settings import parse_days

__all__ = ["TrainopsConfig"]


class _Days(opt.OptionallyRequired[int]):
    """A whole number of days, 0 or more: the same rule and message as ``trainops check``."""

    def run_validation(self, value: object) -> int:
        try:
            return parse_days(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class TrainopsConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off without removing it."""

    programs_dir = opt.Type(str, default="programs")
    """Folder of the program files, ``programs/<slug>.yaml``."""
    sops_dir = opt.Type(str, default="sops")
    """Folder of the SOPs, ``sops/<slug>.md``."""
    schedule = opt.Type(str, default="")
    """The schedule; empty means ``programs/schedule.yaml`` (or ``programs/schedule.csv``)."""
    people = opt.Type(str, default="")
    """The people file; empty means ``programs/people.yaml``."""

    today = opt.Type(str, default="")
    """The date "upcoming" and "overdue" are judged against (YYYY-MM-DD); empty means
    ``TRAINOPS_TODAY`` or else the real date."""

    pdf = opt.Type(bool, default=True)
    """Render the PDF manuals."""
    paper_size = opt.Choice(("A4", "Letter"), default="A4")
    """Paper size of the manuals."""

    ops_dir = opt.Type(str, default="ops")
    """Where ``trainops build`` writes the coordinator site (``mkdocs build`` writes the learner
    site only)."""
    changes_days = _Days(default=60)
    """How many days back the learner site's "What changed" page, its feed and the notes on
    changed sessions look (0: today's changes only)."""

    audience = opt.Choice(("learners", "coordinators"), default="learners")
    """Which of the two sites this build makes; ``trainops build`` makes both."""
