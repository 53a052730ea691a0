"""Placeholder until the home page section lands (helper writes it)."""


def render_home(ctx) -> str:
    return ""
