"""The history of the data files, from git: what changed, when, and in which commit.

Only the values live here (the project holds a :class:`History`); reading it is
:func:`trainops.load.history.reader.read_history`, called by ``load_project``.
"""

from ...model.changes import NOTICE_KINDS, SEQUENCE_KINDS, SESSION_KINDS, WORK_TREE, Change, History, SessionState, Slot

__all__ = [
    "Change",
    "History",
    "SessionState",
    "Slot",
    "SESSION_KINDS",
    "SEQUENCE_KINDS",
    "NOTICE_KINDS",
    "WORK_TREE",
]
