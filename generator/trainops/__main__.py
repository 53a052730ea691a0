"""``python -m trainops``: the same program as the ``trainops`` console script."""

from .cli import run

run()
