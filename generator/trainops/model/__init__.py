"""The model: the data formats, their values, a loaded project, diagnostics and source positions.

The bottom layer: it imports nothing of trainops outside ``model/`` and reads no file."""
