from mkdocs.structure.files import Files

from trainops.mkdocs_plugin.navigation import extend_navigation
from trainops.render.files import GeneratedFile
from trainops.render.site import NAV_PROGRAM_LIMIT


def generated(n_programs: int, n_sops: int):
    few = n_programs <= NAV_PROGRAM_LIMIT
    files = [GeneratedFile("programs/index.md", "", in_nav=True, title="Programs")]
    files += [GeneratedFile(f"programs/p{i}/index.md", "", in_nav=few, title=f"P<{i}>") for i in range(n_programs)]
    files += [GeneratedFile("sops/index.md", "", in_nav=True, title="SOP library")]
    files += [GeneratedFile(f"sops/s{i}.md", "") for i in range(n_sops)]
    return files


def test_a_large_organisation_keeps_a_small_navigation():
    nav = extend_navigation(None, Files([]), generated(300, 1500))
    assert nav == [{"Programs": "programs/index.md"}, {"SOP library": "sops/index.md"}]


def test_a_small_organisation_lists_its_programs_with_escaped_titles():
    nav = extend_navigation([{"Home": "index.md"}], Files([]), generated(2, 3))
    assert nav == [{"Home": "index.md"},
                   {"Programs": ["programs/index.md", {"P&lt;0&gt;": "programs/p0/index.md"}, {"P&lt;1&gt;": "programs/p1/index.md"}]},
                   {"SOP library": "sops/index.md"}]


def test_sections_the_user_placed_are_not_added_twice():
    nav = extend_navigation([{"Our programs": "programs/index.md"}], Files([]), generated(0, 0))
    assert nav == [{"Our programs": "programs/index.md"}, {"SOP library": "sops/index.md"}]
