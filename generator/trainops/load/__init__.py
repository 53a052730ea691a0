"""Reading a repository into a :class:`~trainops.model.project.Project`: YAML with positions,
front matter, validation, the readers, references, links, settings and the git history.
Imports ``model/`` and ``store/`` only."""
