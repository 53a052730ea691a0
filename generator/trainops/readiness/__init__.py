"""Launch readiness: an experienced coordinator's launch review, done by the machine."""

from .checklist import ChecklistItem, ProgramReadiness, check_readiness, readiness_findings
from .findings import GROUPS, Finding
from .rules import RULES

__all__ = ["ChecklistItem", "ProgramReadiness", "check_readiness", "readiness_findings", "Finding", "GROUPS", "RULES"]
