"""``check`` says what printed paper needs: ``site-url-missing`` once for the project, and
``image-alt-text`` at the line of every SOP image without alt text."""

from __future__ import annotations

from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.readiness import readiness_findings

from .healthy import SOP, TODAY, write_project

MKDOCS = "site_name: Warehouse training\ndocs_dir: content\n"


def findings_for(root, overrides):
    """The findings of `trainops check`, settings read from mkdocs.yml as `check` reads them."""
    write_project(root, overrides)
    settings, problems = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    assert not [d for d in problems + diagnostics if d.severity == "error"]
    return project, readiness_findings(project)


def rule(findings, rule_id):
    return [f for f in findings if f.rule == rule_id]


def test_site_url_missing_is_said_once_at_mkdocs_yml(tmp_path):
    _, findings = findings_for(tmp_path, {"mkdocs.yml": MKDOCS})
    (found,) = rule(findings, "site-url-missing")
    assert (found.path, found.line, found.column, found.program) == ("mkdocs.yml", 1, 1, None)
    assert "'site_url:'" in found.message and "QR codes" in found.message
    assert found.as_diagnostic().severity == "warning"


def test_no_warning_with_a_site_url(tmp_path):
    _, findings = findings_for(tmp_path, {"mkdocs.yml": MKDOCS + "site_url: https://learn.example.org/\n"})
    assert rule(findings, "site-url-missing") == []


IMAGES = (
    SOP
    + """
![](../content/files/truck.png)

![The forks, lowered](../content/files/truck.png) and ![ ](../content/files/truck.png)

<img src="../content/files/truck.png">
<img alt="The mast" src="../content/files/truck.png"> <img alt='' src="../content/files/truck.png">

```
![](not-an-image-but-code.png)
```
"""
)


def test_images_without_alt_text_are_named_at_their_line_and_column(tmp_path):
    (tmp_path / "content/files").mkdir(parents=True)
    (tmp_path / "content/files/truck.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _, findings = findings_for(
        tmp_path, {"sops/lift-check.md": IMAGES, "mkdocs.yml": MKDOCS + "site_url: https://x.org/\n"}
    )
    found = rule(findings, "image-alt-text")
    assert [(f.path, f.line, f.column) for f in found] == [
        ("sops/lift-check.md", 9, 1),
        ("sops/lift-check.md", 11, 55),
        ("sops/lift-check.md", 13, 1),
        ("sops/lift-check.md", 14, 55),
    ]
    assert all(f.program is None for f in found), "said once, not once per program"
    assert "![what it shows](…)" in found[0].message and 'alt="what it shows"' in found[2].message
