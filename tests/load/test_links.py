from pathlib import Path

from trainops.load.links import LinkIndex, check_links, find_links, rewrite_links
from trainops.model.project import Settings


def make_index(tmp_path: Path) -> LinkIndex:
    (tmp_path / "content" / "files").mkdir(parents=True)
    (tmp_path / "content" / "files" / "handbook.pdf").write_bytes(b"%PDF")
    (tmp_path / "notes.txt").write_text("x")
    return LinkIndex(tmp_path, Settings(), frozenset({"onboarding"}), frozenset({"cohort-setup", "other"}))


TEXT = """Intro [other](other.md#step-2) and [program](../programs/onboarding.yaml).

![hand](../content/files/handbook.pdf "Handbook") [web](https://example.com) [anchor](#x)

```
[not a link](missing.md)
```

Inline `[code](missing.md)` stays. [ref]: ../sops/cohort-setup.md
[ref2]: ../programs/onboarding.yaml
"""


def test_find_links_skips_code():
    targets = [link.target for link in find_links(TEXT)]
    assert "missing.md" not in targets
    assert targets[:3] == ["other.md#step-2", "../programs/onboarding.yaml", "../content/files/handbook.pdf"]
    assert "../programs/onboarding.yaml" in targets[-1:]


def test_rewrite_to_site_documents(tmp_path):
    out = rewrite_links(TEXT, "sops/cohort-setup.md", "sops/cohort-setup.md", make_index(tmp_path))
    assert "[other](other.md#step-2)" in out
    assert "[program](../programs/onboarding/index.md)" in out
    assert '![hand](../files/handbook.pdf "Handbook")' in out
    assert "[not a link](missing.md)" in out
    assert "[ref2]: ../programs/onboarding/index.md" in out


def test_rewrite_from_a_content_page(tmp_path):
    out = rewrite_links(
        "[p](../programs/onboarding.yaml) [s](../sops/other.md) [f](files/handbook.pdf)",
        "content/index.md",
        "index.md",
        make_index(tmp_path),
    )
    assert out == "[p](programs/onboarding/index.md) [s](sops/other.md) [f](files/handbook.pdf)"


def test_broken_links_are_reported_at_their_line(tmp_path):
    text = (
        "ok\n\nsee [x](othr.md) and [y](../programs/onboardin.yaml)\n"
        "[z](../../etc/passwd) [n](../notes.txt) [m](files/none.pdf)"
    )
    problems = check_links(text, "sops/cohort-setup.md", make_index(tmp_path), first_line=7)
    assert [(d.line, d.rule) for d in problems] == [(9, "broken-link")] * 2 + [(10, "broken-link")] * 3
    messages = " | ".join(d.message for d in problems)
    assert "did you mean 'other'" in messages and "did you mean 'onboarding'" in messages
    assert "outside the repository" in messages and "does not publish" in messages


def test_which_files_are_programs():
    default = Settings()
    assert default.is_program_file("programs/onboarding.yaml") and default.is_program_file("programs/a.yml")
    assert not default.is_program_file("programs/people.yaml") and not default.is_program_file("programs/schedule.yml")
    assert not default.is_program_file("programs/schedule/2027.yaml") and not default.is_program_file("programs/a.md")
    assert not default.is_program_file("sops/onboarding.yaml")
    custom = Settings(programs_dir="data/", people="data/staff.yaml", schedule="data/sessions.yaml")
    assert custom.is_program_file("data/onboarding.yaml")
    assert not custom.is_program_file("data/staff.yaml") and not custom.is_program_file("data/sessions.yaml")


def test_a_link_to_a_custom_people_file_is_no_program_link(tmp_path: Path):
    (tmp_path / "content").mkdir()
    index = LinkIndex(tmp_path, Settings(people="programs/staff.yaml"), frozenset({"onboarding"}), frozenset())
    assert index.resolve("../programs/onboarding.yaml", "sops/x.md") == ("programs/onboarding/index.md", None)
    assert index.resolve("../programs/staff.yaml", "sops/x.md") == (
        None,
        "link '../programs/staff.yaml' goes to a file that does not exist",
    )


HTML = """<a href="../content/files/handbook.pdf">Handbook</a> and <img alt=x src='missing.png'>
<p class="x"><a
  href=../sops/other.md#step>Other</a></p>

```
<a href="in-code.md">no</a>
```
<https://example.com> `<img src="inline-code.png">` <script src="removed.js"></script>
<IFRAME src="removed.html"></IFRAME>
"""


def test_raw_html_hrefs_and_srcs_are_links():
    links = [(link.line, link.column, link.target, link.raw_html) for link in find_links(HTML)]
    assert links == [
        (1, 10, "../content/files/handbook.pdf", True),
        (1, 74, "missing.png", True),
        (3, 8, "../sops/other.md#step", True),
    ]


def test_a_broken_raw_html_link_is_a_broken_link_at_its_line(tmp_path):
    found = [
        d.as_text()
        for d in check_links(HTML, "sops/cohort-setup.md", make_index(tmp_path), first_line=5)
        if d.rule == "broken-link"  # (the script and the frame are unsafe-html warnings)
    ]
    assert found == [
        "sops/cohort-setup.md:5:74: error: link 'missing.png' goes to a file that does not exist [broken-link]"
    ]


def test_raw_html_links_get_the_address_of_the_document(tmp_path):
    text = '<a href="../content/files/handbook.pdf">H</a> <a href="other.md#s">O</a> [md](other.md)'

    def address(from_docs_path, to_docs_path):  # as plan.urls.Urls.rel with directory URLs
        return {"files/handbook.pdf": "../../files/handbook.pdf", "sops/other.md": "../other/"}[to_docs_path]

    index = make_index(tmp_path)
    out = rewrite_links(text, "sops/cohort-setup.md", "sops/cohort-setup.md", index, None, None, address)
    assert out == '<a href="../../files/handbook.pdf">H</a> <a href="../other/#s">O</a> [md](other.md)'
    # A raw-HTML link to a document the site does not publish leads nowhere.
    hidden = rewrite_links(text, "sops/cohort-setup.md", "sops/cohort-setup.md", index, lambda p: False)
    assert hidden == '<a href="#">H</a> <a href="#">O</a> md'
