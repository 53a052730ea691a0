"""``trainops new program|sop``: files that pass ``check`` at once, and nothing overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TODAY, copy_example
from tests.helpers.schemas import errors, front_matter, read_yaml12
from trainops.commands.scaffold import ScaffoldError, new_program, new_sop
from trainops.load.loading import load_project
from trainops.load.settings import read_settings
from trainops.readiness import readiness_findings


@pytest.fixture
def org(tmp_path) -> Path:
    return copy_example(tmp_path / "org")


def check(root: Path):
    """(errors, warnings) of `trainops check` on ``root``, as text lines."""
    settings, problems = read_settings(root)
    project, diagnostics = load_project(root, settings, TODAY)
    found = problems + diagnostics + [f.as_diagnostic() for f in readiness_findings(project)]
    return (
        [d.as_text() for d in found if d.severity == "error"],
        [d.as_text() for d in found if d.severity == "warning"],
    )


def warnings_about(root: Path, rel: str) -> list[str]:
    return [w for w in check(root)[1] if w.startswith(rel + ":")]


def settings_of(root: Path):
    return read_settings(root)[0]


# --- new files ----------------------------------------------------------------------------------


def test_new_program_passes_check_at_once(org):
    path = new_program(org, settings_of(org), "forklift-safety", None, None, TODAY)
    assert path == org / "programs" / "forklift-safety.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/program.schema.json\n")
    assert "owner: jordan.lee" in text  # the first person in people.yaml
    assert check(org)[0] == []
    # What is left is launch work the checklist should show, not noise from the template.
    rules = sorted(w.rsplit("[", 1)[1].rstrip("]") for w in warnings_about(org, "programs/forklift-safety.yaml"))
    assert rules == [
        "completion-tracking",
        "enrolment-path",
        "feedback-form",
        "learner-materials",
        "no-upcoming-session",
    ]
    project, _ = load_project(org, settings_of(org), TODAY)
    assert project.programs["forklift-safety"].name == "Forklift Safety"
    assert project.programs["forklift-safety"].data.review.last_reviewed == TODAY


def test_new_program_validates_against_its_schema(org):
    path = new_program(org, settings_of(org), "forklift-safety", "sam.patel", None, TODAY)
    assert errors("program.schema.json", read_yaml12(path.read_text(encoding="utf-8"))) == []


def test_new_sop_passes_check_at_once(org):
    path = new_sop(org, settings_of(org), "run-the-practical-test", "sam.patel", None, TODAY)
    assert path == org / "sops" / "run-the-practical-test.md"
    assert check(org)[0] == []
    assert warnings_about(org, "sops/run-the-practical-test.md") == []
    project, _ = load_project(org, settings_of(org), TODAY)
    sop = project.sops["run-the-practical-test"]
    assert (sop.meta.title, sop.meta.owner, sop.meta.last_reviewed) == ("Run the practical test", "sam.patel", TODAY)
    assert errors("sop.schema.json", read_yaml12(front_matter(path.read_text(encoding="utf-8")))) == []


def test_a_theme_template_overrides_the_packaged_one_without_html_escaping(org):
    (org / "theme" / "trainops").mkdir(parents=True, exist_ok=True)
    (org / "theme" / "trainops" / "new-sop.md").write_text(
        '---\ntitle: "{{ title }} & co\'s"\nowner: {{ owner }}\nlast_reviewed: {{ today }}\n---\nOur own <steps>.\n',
        encoding="utf-8",
    )
    path = new_sop(org, settings_of(org), "greet-visitors", None, None, TODAY)
    assert path.read_text(encoding="utf-8") == (
        '---\ntitle: "Greet visitors & co\'s"\nowner: jordan.lee\nlast_reviewed: 2026-11-23\n---\nOur own <steps>.\n'
    )


def test_a_template_that_gives_errors_writes_nothing(org):
    (org / "theme" / "trainops").mkdir(parents=True, exist_ok=True)
    (org / "theme" / "trainops" / "new-program.yaml").write_text(
        "name: {{ name }}\nowner: {{ owner }}\n", encoding="utf-8"
    )
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), "forklift-safety", None, None, TODAY)
    assert caught.value.exit_code == 1 and "missing required field 'summary'" in caught.value.message
    assert not (org / "programs" / "forklift-safety.yaml").exists()


def test_the_template_comes_from_custom_dir_and_a_link_out_is_refused(org, tmp_path):
    (org / "theme").rename(org / "overrides")
    text = (org / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme", "custom_dir: overrides")
    (org / "mkdocs.yml").write_text(text, encoding="utf-8")
    (org / "overrides" / "trainops").mkdir()
    (tmp_path / "secret.md").write_text("---\ntitle: not-for-the-repository\n---\n", encoding="utf-8")
    (org / "overrides" / "trainops" / "new-sop.md").symlink_to(tmp_path / "secret.md")
    with pytest.raises(ScaffoldError) as caught:
        new_sop(org, settings_of(org), "greet-visitors", None, None, TODAY)
    assert caught.value.exit_code == 1 and caught.value.message.startswith(
        "overrides/trainops/new-sop.md:1:1: error: this symbolic link leads outside the repository"
    )
    assert not (org / "sops" / "greet-visitors.md").exists()


# --- refusals -----------------------------------------------------------------------------------


def test_never_overwrites(org):
    before = (org / "programs" / "onboarding.yaml").read_bytes()
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), "onboarding", None, None, TODAY)
    assert caught.value.exit_code == 1 and "programs/onboarding.yaml already exists" in caught.value.message
    assert (org / "programs" / "onboarding.yaml").read_bytes() == before
    with pytest.raises(ScaffoldError) as caught:
        new_sop(org, settings_of(org), "launch-day-runbook", None, None, TODAY)
    assert caught.value.exit_code == 1


def test_a_yml_file_of_the_same_slug_counts_as_existing(org):
    (org / "programs" / "forklift-safety.yml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), "forklift-safety", None, None, TODAY)
    assert caught.value.exit_code == 1 and "forklift-safety.yml already exists" in caught.value.message


@pytest.mark.parametrize("slug,suggestion", [("Forklift Safety", "forklift-safety"), ("new_hires", "new-hires")])
def test_invalid_slug_is_a_usage_error_with_a_suggestion(org, slug, suggestion):
    for make in (new_program, new_sop):
        with pytest.raises(ScaffoldError) as caught:
            make(org, settings_of(org), slug, None, None, TODAY)
        assert caught.value.exit_code == 2
        assert f"did you mean '{suggestion}'?" in caught.value.message


@pytest.mark.parametrize("slug", ["schedule", "people"])
def test_the_data_files_names_are_not_program_slugs(org, tmp_path, slug):
    (org / "programs" / f"{slug}.yaml").unlink()
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), slug, None, None, TODAY)
    assert caught.value.exit_code == 2


def test_unknown_owner_is_a_usage_error_with_a_suggestion(org):
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), "forklift-safety", "sam.patle", None, TODAY)
    assert caught.value.exit_code == 2
    assert "unknown person 'sam.patle' — did you mean 'sam.patel'?" in caught.value.message
    assert not (org / "programs" / "forklift-safety.yaml").exists()


def test_unknown_from_is_a_usage_error_with_a_suggestion(org):
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), "forklift-safety", None, "onbording", TODAY)
    assert caught.value.exit_code == 2 and "did you mean 'onboarding'?" in caught.value.message
    with pytest.raises(ScaffoldError) as caught:
        new_program(org, settings_of(org), "forklift-safety", None, "schedule", TODAY)
    assert caught.value.exit_code == 2
    with pytest.raises(ScaffoldError) as caught:
        new_sop(org, settings_of(org), "greet-visitors", None, "launch-day-runbok", TODAY)
    assert caught.value.exit_code == 2 and "did you mean 'launch-day-runbook'?" in caught.value.message


def test_no_people_file_means_no_owner(tmp_path):
    with pytest.raises(ScaffoldError) as caught:
        new_sop(tmp_path, settings_of(tmp_path), "greet-visitors", None, None, TODAY)
    assert caught.value.exit_code == 1 and "programs/people.yaml" in caught.value.message


# --- --from -------------------------------------------------------------------------------------


def test_from_copies_a_program_with_its_own_name_and_the_new_owner(org):
    path = new_program(org, settings_of(org), "onboarding-tokyo", "hanako.sato", "onboarding", TODAY)
    text = path.read_text(encoding="utf-8")
    source = (org / "programs" / "onboarding.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/program.schema.json\n"
        "# Copied from programs/onboarding.yaml on 2026-11-23.\nname: Onboarding Tokyo\n"
    )
    assert "aliases:" not in text and "code:" not in text  # the original's retired names and course code
    # Everything else is the original, comments included.
    assert "faq:\n  - q: Where do I park in my first week?" in text and "\nproblem: >-\n" in text
    assert check(org)[0] == []
    project, _ = load_project(org, settings_of(org), TODAY)
    copy, original = project.programs["onboarding-tokyo"].data, project.programs["onboarding"].data
    assert copy.owner == "hanako.sato" and copy.review.last_reviewed == TODAY
    # Duties the original's owner held move with the ownership; the others stay.
    assert (copy.escalation.missed_sessions, copy.escalation.learner_questions) == ("hanako.sato", "sam.patel")
    assert copy.outcomes == original.outcomes and copy.sops == original.sops
    # Only the opening comments (4 lines → 2), code and aliases are gone; every other line is there.
    assert len(source.splitlines()) - len(text.splitlines()) == 4


def test_from_without_owner_keeps_the_originals_owner(org):
    path = new_program(org, settings_of(org), "refresher-2028", None, "compliance-refresher.yaml", TODAY)
    project, diagnostics = load_project(org, settings_of(org), TODAY)
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert project.programs["refresher-2028"].data.owner == "zoe.muller"
    assert "pass_mark: 85   # set by Legal" in path.read_text(encoding="utf-8")


def test_from_copies_an_sop_with_the_new_owner_reviewed_today(org):
    path = new_sop(org, settings_of(org), "set-up-a-contractor-cohort", "sam.patel", "new-hire-cohort-setup", TODAY)
    text = path.read_text(encoding="utf-8")
    source = (org / "sops" / "new-hire-cohort-setup.md").read_text(encoding="utf-8")
    assert text.split("---", 2)[2] == source.split("---", 2)[2]  # the body is unchanged
    assert check(org)[0] == []
    project, _ = load_project(org, settings_of(org), TODAY)
    meta = project.sops["set-up-a-contractor-cohort"].meta
    assert (meta.title, meta.owner, meta.last_reviewed) == ("Set up a contractor cohort", "sam.patel", TODAY)
    assert meta.programs == ["onboarding"]


def test_from_replaces_quoted_values_and_keeps_their_comments(org):
    sop = org / "sops" / "handle-missed-session.md"
    sop.write_bytes(
        sop.read_bytes().replace(b"owner: maria.garcia", b"owner: 'maria.garcia'  # since 2025").replace(b"\n", b"\r\n")
    )
    path = new_sop(org, settings_of(org), "handle-a-missed-exam", "tom.okafor", "handle-missed-session", TODAY)
    text = path.read_text(encoding="utf-8")
    assert "owner: tom.okafor  # since 2025\n" in text
    assert check(org)[0] == []
