"""Pages, messages and calendar files from a loaded project, through Jinja2 templates."""

# Template files: trainops' own, and overrides of them and of Material's in the theme folder.
TEMPLATE_SUFFIXES = (".html", ".txt", ".md", ".xml", ".j2")
