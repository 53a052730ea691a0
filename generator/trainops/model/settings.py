"""Where a project's data lives and how its outputs look: the plugin settings of mkdocs.yml
(read by :mod:`trainops.load.settings`). Apart from :mod:`.project` so that a command that only
needs the settings (a warm ``check``, answered from its cache) starts without the data models.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .values import Duration

__all__ = ["DATA_FILE_STEMS", "Settings"]

# The stems of the files in the programs folder that are read as data (the people file, the schedule),
# never as programs: a program may not take these slugs.
DATA_FILE_STEMS = ("schedule", "people")


@dataclass(frozen=True)
class Settings:
    """Where the data lives (plugin settings in mkdocs.yml) and how outputs look."""

    programs_dir: str = "programs"
    sops_dir: str = "sops"
    schedule: str = ""  # "" means programs_dir/schedule.yaml, else programs_dir/schedule.csv
    people: str = ""  # "" means programs_dir/people.yaml
    docs_dir: str = "content"
    # mkdocs.yml's theme.custom_dir: the one folder of template overrides, Material's and trainops'
    # alike; None without one (then MkDocs and trainops both use their own templates only).
    theme_dir: str | None = None
    site_name: str = "Training"
    site_url: str = ""
    paper_size: str = "A4"
    ops_dir: str = "ops"  # where `trainops build` writes the coordinator site (beside mkdocs.yml)
    changes_days: int = 60  # how far back "What changed" and the notes on sessions look
    # The host the calendar events' UIDs end in; "" means site_url's (as before the setting was
    # there): set to the old host when the site moves, and calendars keep their events.
    calendar_uid_domain: str = ""
    # The records of what training did (trainops.load.records): never read for the learner site.
    records_dir: str = "records"
    roster: str = ""  # "" means records_dir/learners.csv; TRAINOPS_ROSTER (the CLI's) wins over both
    ops_names: bool = False  # the coordinator site is behind a login: it may show learners' names
    records_keep: Duration | None = None  # check warns about records files older than this

    @property
    def roster_path(self) -> str:
        return self.roster or f"{self.records_dir}/learners.csv"

    @property
    def people_path(self) -> str:
        return self.people or f"{self.programs_dir}/people.yaml"

    def source_folders(self) -> list[str]:
        """The folders the sources are read from: programs, SOPs, docs_dir and the theme folder."""
        folders = [self.programs_dir, self.sops_dir, self.docs_dir]
        return folders + [self.theme_dir] if self.theme_dir else folders

    def is_program_file(self, path: str) -> bool:
        """Whether the repository path ``path`` names a program definition (by name; the file need not
        exist): a YAML file directly in the programs folder that is not the people file or a schedule."""
        folder, name = posixpath.split(path)
        stem, ext = posixpath.splitext(name)
        return (
            folder == self.programs_dir.strip("/")
            and ext in (".yaml", ".yml")
            and stem not in DATA_FILE_STEMS
            and path not in (self.people_path.strip("/"), self.schedule.strip("/"))
        )
