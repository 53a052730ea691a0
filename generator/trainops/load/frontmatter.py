"""Split an SOP into its YAML front matter and Markdown body, keeping line numbers exact.

We do this ourselves: MkDocs and python-frontmatter both treat broken front matter as body text
without a word, and a coordinator would never learn that the SOP's owner was not read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.diagnostics import Diagnostic
from .yamlsource import LoadedYaml, YamlError, load_yaml_text

__all__ = ["SplitDocument", "split_front_matter"]


@dataclass
class SplitDocument:
    meta: LoadedYaml
    body: str
    body_line: int  # file line of the body's first line


def split_front_matter(text: str, path: str) -> SplitDocument:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise YamlError(
            Diagnostic(
                path,
                1,
                1,
                "error",
                "front-matter",
                "an SOP starts with front matter: a '---' line, 'title:', 'owner:', 'last_reviewed:', "
                "and a closing '---' line",
            )
        )
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            # Leading blank lines keep libyaml's line numbers equal to the file's.
            meta = load_yaml_text("\n" + "\n".join(lines[1:i]), path)
            return SplitDocument(meta, "\n".join(lines[i + 1 :]), i + 2)
    raise YamlError(
        Diagnostic(
            path,
            1,
            1,
            "error",
            "front-matter",
            "the front matter is never closed; add a '---' line after its last field",
        )
    )
