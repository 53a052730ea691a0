"""The history of the data files, from git: what changed, when, and in which commit.

Reading it is :func:`trainops.load.history.reader.read_history`, called by ``load_project``; the
values it gives (:class:`~trainops.model.changes.History`, ``Change``...) live in the model.
"""
