"""The MkDocs adapter: ``plugins: [search, trainops]``."""

from .plugin import TrainopsPlugin

__all__ = ["TrainopsPlugin"]
