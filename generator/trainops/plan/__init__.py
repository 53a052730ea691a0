"""Facts derived from a loaded project, with no text of their own: which site publishes what,
the reminders' send dates, handoff planning, what a manual may load, the sites' URL layout."""
