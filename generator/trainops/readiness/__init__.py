"""Launch readiness: an experienced coordinator's launch review, done by the machine."""

from .checklist import ChecklistItem, ProgramReadiness, check_readiness, readiness_findings
from .findings import GROUPS, Finding, session_label
from .history_rules import change_words
from .priorities import BLOCKING_DAYS, MESSAGE_RULES, FixFirst, Priority, fix_first
from .registry import RULES
from .today_list import MessagesDue, SessionsBlocked, TodayList, today_list

__all__ = [
    "ChecklistItem",
    "ProgramReadiness",
    "check_readiness",
    "readiness_findings",
    "Finding",
    "GROUPS",
    "RULES",
    "change_words",
    "session_label",
    "BLOCKING_DAYS",
    "MESSAGE_RULES",
    "MessagesDue",
    "SessionsBlocked",
    "TodayList",
    "today_list",
    "FixFirst",
    "Priority",
    "fix_first",
]
