"""Hostile HTML in an SOP or a hand-written page never reaches a learner's browser: the built page
keeps what the Markdown shows and loses every script, and ``check`` warns at the line."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.sites import build_command
from trainops.cli import main
from trainops.load.links import unsafe_html
from trainops.render.sanitize import sanitize_page_html

# Each source is hostile: what it shows (must still be read on the page), the line of it that
# check warns about as unsafe-html (0: its first; None: an unsafe-link warning instead).
HOSTILE = [
    ("<script>alert(401)</script>", None, 0),
    ('<img src=https://example.com/x.png onerror="alert(402)">', None, 0),  # (src=x: a broken link)
    ('<svg onload="alert(403)"><circle r="4"/></svg>', None, 0),
    ('<p onclick="alert(404)">clickable paragraph</p>', "clickable paragraph", 0),
    ('[a safe link](https://example.com){: onclick="alert(405)" }', "a safe link", 0),
    ('A hovered paragraph\n{: onmouseover="alert(406)" }', "A hovered paragraph", 1),
    ('<iframe src="https://example.com/frame"></iframe><object data="x.swf"></object><embed src="x.swf">', None, 0),
    ("<style>body { display: none }</style>", None, 0),
    ('<a href="javascript:alert(407)">a script link</a>', "a script link", None),
    (
        '<form action="https://example.com/steal"><button formaction="javascript:alert(408)">go</button></form>',
        None,
        None,
    ),
]
IN_CODE = "```html\n<script>alert(499)</script>\n```"  # shown as code, never warned about


def _add_hostile_lines(path: Path) -> dict[str, int]:
    """Append the hostile lines to a Markdown file; the file line each starts on."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    lines: dict[str, int] = {}
    for source, _, _ in HOSTILE:
        text += "\n"
        lines[source] = text.count("\n") + 1
        text += source + "\n"
    text += "\n" + IN_CODE + "\n"
    path.write_text(text, encoding="utf-8")
    return lines


@pytest.fixture(scope="module")
def hostile_org(tmp_path_factory) -> tuple[Path, dict[str, dict[str, int]]]:
    org = copy_example(tmp_path_factory.mktemp("hostile") / "org")
    lines = {
        "sops/handle-missed-session.md": _add_hostile_lines(org / "sops" / "handle-missed-session.md"),
        "content/help.md": _add_hostile_lines(org / "content" / "help.md"),
    }
    return org, lines


def _article(page: Path) -> str:
    html_text = page.read_text(encoding="utf-8")
    return html_text[html_text.index("<article") : html_text.index("</article>")]


@pytest.mark.parametrize("page", ["ops/sops/handle-missed-session/index.html", "site/help/index.html"])
def test_hostile_html_is_gone_from_the_built_page(page, hostile_org, tmp_path, capsys):
    org, _ = hostile_org
    # unsafe-html is a warning: the build goes on, without the scripts
    assert main(build_command(org, tmp_path / "site", tmp_path / "ops")) == 0
    capsys.readouterr()
    article = _article(tmp_path / page)
    code = re.search(r"<pre[^>]*>.*?alert\(499\).*?</pre>", article, re.S)
    assert code and "&lt;script&gt;" in code.group(0)  # the fenced example is shown, as text
    outside_code = article.replace(code.group(0), "")
    for payload in (
        "alert(40",
        "<script",
        "<svg",
        "<iframe",
        "<object",
        "<embed",
        "<style",
        "<form",
        "javascript:",
        "display: none",
    ):
        assert payload not in outside_code, payload
    assert not re.search(r"\son[a-z]+\s*=", article)
    for _, visible, _ in HOSTILE:
        if visible:
            assert visible in article
    assert '<a href="https://example.com">a safe link</a>' in article
    assert 'class="headerlink"' in article  # the rest of the page is as it was


def test_check_warns_at_each_hostile_line(hostile_org, capsys):
    org, lines = hostile_org
    main(["check", "--project", str(org), "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    for path, starts in lines.items():
        warned = {
            int(m.group(1))
            for m in re.finditer(rf"^{re.escape(path)}:(\d+):\d+: warning: .*\[unsafe-html\]$", out, re.M)
        }
        expected = {starts[source] + offset for source, _, offset in HOSTILE if offset is not None}
        assert warned == expected, (path, sorted(warned), sorted(expected))
        assert re.search(
            rf"^{re.escape(path)}:{starts[HOSTILE[8][0]]}:\d+: warning: link 'javascript:alert\(407\)'", out, re.M
        )


def test_unsafe_html_names_each_tag_and_attribute_and_skips_code():
    text = (
        '<SCRIPT\nsrc="x.js"></SCRIPT> `<script>` and <https://example.com/?on=1>\n'
        '<p\n  onclick="x">p</p> {: .onclick #onload ongoing }\n```\n<embed src=x>\n```\n<embed src=y>\n'
    )
    assert unsafe_html(text) == [(1, 1, "tag '<script>'"), (4, 3, "attribute 'onclick'"), (8, 1, "tag '<embed>'")]


def test_what_markdown_makes_survives_the_sanitizer():
    text = """# Title {: #custom .big }

!!! note "Heads up"
    Text with `code` and [a link](https://example.com "Title"){: .md-button target="_blank" }.

| Left | Centre |
|:-----|:------:|
| a    | b      |

Term
:   Definition[^1]

*[HTML]: Hyper Text Markup Language

HTML and an inline picture ![dot](data:image/png;base64,iVBORw0KGgo=) and [mail](mailto:a@example.com).

[^1]: The note.

```python
if a < b:
    print("<b>")
```

<details open><summary>More</summary><p>Hidden</p></details>
"""
    extensions = ["toc", "tables", "fenced_code", "attr_list", "admonition", "footnotes", "abbr", "def_list"]
    page = markdown.markdown(text, extensions=extensions, extension_configs={"toc": {"permalink": True}})
    clean = sanitize_page_html(page)
    for kept in [
        '<h1 class="big" id="custom">Title<a class="headerlink" href="#custom" title="Permanent link">',
        '<div class="admonition note">',
        '<p class="admonition-title">Heads up</p>',
        '<a class="md-button" href="https://example.com" target="_blank" title="Title">a link</a>',
        '<th style="text-align:left">Left</th>',
        '<td style="text-align:center">b</td>',
        "<dt>Term</dt>",
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<abbr title="Hyper Text Markup Language">HTML</abbr>',
        '<img alt="dot" src="data:image/png;base64,iVBORw0KGgo=">',
        '<a href="mailto:a@example.com">mail</a>',
        '<pre><code class="language-python">if a &lt; b:\n    print("&lt;b&gt;")\n</code></pre>',
        '<details open=""><summary>More</summary><p>Hidden</p></details>',
    ]:
        assert kept in clean, kept
