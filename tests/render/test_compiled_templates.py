"""Templates compiled once for the environments of a long-lived process (a preview's saves)."""

from __future__ import annotations

from jinja2 import DictLoader, Environment
from jinja2.sandbox import SandboxedEnvironment

from trainops.render.environment import CompiledTemplates


def _env(kind, compiled, source: str, name: str = "page.html") -> Environment:
    return kind(loader=DictLoader({name: source}), bytecode_cache=compiled, auto_reload=False)


def test_a_template_is_compiled_once_and_again_when_it_is_edited():
    compiled = CompiledTemplates()
    assert _env(Environment, compiled, "Hello {{ name }}").get_template("page.html").render(name="A") == "Hello A"
    assert len(compiled) == 1
    # A new environment (the next save) takes the compiled template; an edited source is compiled anew.
    assert _env(Environment, compiled, "Hello {{ name }}").get_template("page.html").render(name="B") == "Hello B"
    assert _env(Environment, compiled, "Bye {{ name }}").get_template("page.html").render(name="C") == "Bye C"


def test_the_sandboxes_templates_are_kept_apart():
    compiled = CompiledTemplates()
    _env(Environment, compiled, "{{ name }}").get_template("page.html")
    _env(SandboxedEnvironment, compiled, "{{ name }}").get_template("page.html")
    assert len(compiled) == 2


def test_at_most_kept_templates_are_kept():
    compiled = CompiledTemplates(kept=3)
    for n in range(10):
        _env(Environment, compiled, f"page {n}", f"page-{n}.html").get_template(f"page-{n}.html")
    assert len(compiled) == 3
