"""trainops: docs-as-code for training operations.

The core (loading, validation, the model, rules and rendering) imports nothing from MkDocs; the
MkDocs plugin (:mod:`trainops.mkdocs_plugin`) and the CLI (:mod:`trainops.cli`) are adapters.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
