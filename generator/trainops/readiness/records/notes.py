"""Personal data in a free-text note: a roster name or any e-mail address.

Notes go into git with the rest of the records, and a name in git stays in its history for good;
a learner is written by id. A name is matched as a whole: all its words, in order, as whole words,
without regard to case ("Ana Ruiz" in "ana ruiz left early", not "Ana" in "Banana" nor the first
name alone, which would flag every note with "will" or "may" in it). E-mail addresses are found
without a roster: no address belongs in a note, a roster's or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.diagnostics import Diagnostic
from ...model.training_records import Learner

__all__ = ["PersonalData"]

# Letters and digits in any script; the same words for names and notes, so "O'Neil" is "o", "neil"
# in both.
_WORD = re.compile(r"[^\W_]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class PersonalData:
    """The roster's names, as word sequences by their first word."""

    names: dict[str, tuple[tuple[str, ...], ...]]
    # Notes repeat ("left early", "late bus"): each text is looked at once.
    _seen: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, roster: dict[str, Learner] | None) -> PersonalData:
        names: dict[str, set[tuple[str, ...]]] = {}
        for learner in (roster or {}).values():
            words = tuple(w.casefold() for w in _WORD.findall(learner.name))
            if words:
                names.setdefault(words[0], set()).add(words)
        return cls({first: tuple(sorted(found)) for first, found in names.items()})

    def found_in(self, note: str) -> str:
        """What personal data ``note`` holds, as "a name from the roster" or "an e-mail address";
        "" when none. The data itself is not repeated: a diagnostic may end up in a CI log."""
        if note not in self._seen:
            self._seen[note] = self._look(note)
        return self._seen[note]

    def _look(self, note: str) -> str:
        if "@" in note and _EMAIL.search(note):
            return "an e-mail address"
        if self.names:
            words = _WORD.findall(note.casefold())
            for at, word in enumerate(words):
                for name in self.names.get(word, ()):
                    if tuple(words[at : at + len(name)]) == name:
                        return "a name from the roster"
        return ""

    def diagnostic(self, note: str, path: str, line: int) -> Diagnostic | None:
        """An error at the note's row when it holds personal data."""
        holds = self.found_in(note)
        if not holds:
            return None
        message = f"this note holds {holds}: notes are kept in git, where names and addresses must not go; write ids"
        return Diagnostic(path, line, 1, "error", "personal-data-in-note", message)
