from mkdocs.structure.files import File, Files

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


def files_of(*paths: str, generated_files=()) -> Files:
    """The site's files: hand-written pages and the generated ones (the plugin adds those first)."""
    every = list(paths) + [g.docs_path for g in generated_files]
    return Files([File(path, src_dir="/docs", dest_dir="/site", use_directory_urls=True) for path in every])


def test_a_large_organisation_keeps_a_small_navigation():
    nav = extend_navigation(None, Files([]), generated(300, 1500))
    assert nav == [{"Programs": "programs/index.md"}, {"How-to guides": "sops/index.md"}]


def test_a_small_organisation_lists_its_programs_with_escaped_titles():
    files = generated(2, 3)
    nav = extend_navigation([{"Home": "index.md"}], files_of("index.md", generated_files=files), files)
    assert nav == [
        {"Home": "index.md"},
        {
            "Programs": [
                {"Programs": "programs/index.md"},
                {"P&lt;0&gt;": "programs/p0/index.md"},
                {"P&lt;1&gt;": "programs/p1/index.md"},
            ]
        },
        {"How-to guides": "sops/index.md"},
    ]


def test_sections_the_user_placed_are_not_added_twice():
    files = generated(0, 0)
    nav = extend_navigation([{"Our programs": "programs/index.md"}], files_of(generated_files=files), files)
    assert nav == [{"Our programs": "programs/index.md"}, {"How-to guides": "sops/index.md"}]


def test_each_site_keeps_the_entries_of_its_own_pages():
    """The coordinator guide's pages are not on the learner site: its entries go, and a section
    left empty goes with them; an address of another site stays."""
    user_nav = [
        {"Home": "index.md"},
        {"Help": "help.md"},
        {"Coordinator guide": ["guide/index.md", {"Add": "guide/add.md"}]},
        {"Intranet": "https://intranet.example.com/"},
    ]
    files = generated(0, 0)
    nav = extend_navigation(user_nav, files_of("index.md", "help.md", generated_files=files), files)
    assert nav == [
        {"Home": "index.md"},
        {"Help": "help.md"},
        {"Intranet": "https://intranet.example.com/"},
        {"Programs": "programs/index.md"},
        {"How-to guides": "sops/index.md"},
    ]


def test_the_coordinator_site_leads_with_its_overview_checklists_and_reminders():
    from trainops.plan.sites import COORDINATORS

    files = [
        GeneratedFile("index.md", "", in_nav=True, title="Overview"),
        GeneratedFile("programs/p0/launch-checklist.md", "", True, "Launch checklist: P0", "P0"),
        GeneratedFile("programs/p0/reminders.md", "", True, "Reminders: P0", "P0"),
        GeneratedFile("programs/p1/launch-checklist.md", "", True, "Launch checklist: P1", "P1"),
        GeneratedFile("programs/p1/reminders.md", "", True, "Reminders: P1", "P1"),
        GeneratedFile("handoff/index.md", "", in_nav=True, title="Handoff"),
        GeneratedFile("sops/index.md", "", in_nav=True, title="SOP library"),
    ]
    nav = extend_navigation(None, files_of(generated_files=files), files, COORDINATORS)
    assert nav == [
        {"Overview": "index.md"},
        {"Launch checklists": [{"P0": "programs/p0/launch-checklist.md"}, {"P1": "programs/p1/launch-checklist.md"}]},
        {"Reminders": [{"P0": "programs/p0/reminders.md"}, {"P1": "programs/p1/reminders.md"}]},
        {"Handoff": "handoff/index.md"},
        {"SOP library": "sops/index.md"},
    ]


def test_without_a_nav_the_home_page_is_home_not_the_site_name_again():
    """MkDocs titles a page by its heading; the home page's is often the site's name, which the
    menu shows above it already."""
    files = generated(0, 0)
    nav = extend_navigation(None, files_of("index.md", "help.md", "guide/index.md", generated_files=files), files)
    assert nav == [
        {"Home": "index.md"},
        "help.md",
        {"Guide": ["guide/index.md"]},
        {"Programs": "programs/index.md"},
        {"How-to guides": "sops/index.md"},
    ]
