"""mkdocs.yml read once, as MkDocs reads it: ``!ENV`` and ``INHERIT`` give the values MkDocs
gives, ``!relative`` is kept out of the settings, and a ``!!python`` tag is refused with its line,
never run (by ``check``, ``build`` or ``serve``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.load.settings import read_settings
from trainops.mkdocs_plugin.plugin import settings_from
from trainops.model.project import Settings

ENV_YML = """\
site_name: !ENV [TRAINOPS_TEST_SITE_NAME, Harbor Health Learning]
site_url: !ENV [TRAINOPS_TEST_URL, TRAINOPS_TEST_URL_TOO, "https://learning.example.com"]
docs_dir: !ENV [TRAINOPS_TEST_DOCS, content]
theme:
  name: material
  custom_dir: !ENV [TRAINOPS_TEST_THEME, overrides]
plugins:
  - search
  - trainops:
      ops_dir: !ENV TRAINOPS_TEST_OPS
      changes_days: !ENV [TRAINOPS_TEST_DAYS, 30]
"""
ENV_NAMES = ("SITE_NAME", "URL", "URL_TOO", "DOCS", "THEME", "OPS", "DAYS")


def _project(tmp_path: Path, mkdocs_yml: str, **files: str) -> Path:
    root = tmp_path / "org"
    for folder in ("content", "overrides", "theme", "docs"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _as_mkdocs_reads_it(root: Path) -> Settings:
    """The settings the plugin makes from the configuration MkDocs loaded itself."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    return settings_from(config.plugins["trainops"].config, config, root.resolve())


@pytest.fixture
def environ(monkeypatch):
    for name in ENV_NAMES:
        monkeypatch.delenv(f"TRAINOPS_TEST_{name}", raising=False)
    return lambda name, value: monkeypatch.setenv(f"TRAINOPS_TEST_{name}", value)


def test_env_tags_without_the_variables_give_the_defaults_as_mkdocs_does(tmp_path, environ):
    root = _project(tmp_path, ENV_YML)
    settings, problems = read_settings(root)
    assert problems == []
    assert (settings.site_name, settings.site_url, settings.docs_dir) == (
        "Harbor Health Learning",
        "https://learning.example.com/",
        "content",
    )
    assert (settings.theme_dir, settings.ops_dir, settings.changes_days) == ("overrides", "ops", 30)
    assert settings == _as_mkdocs_reads_it(root)


def test_env_tags_take_the_first_variable_that_is_set_typed_as_yaml_types_it(tmp_path, environ):
    environ("URL_TOO", "https://intranet.example.org/learning")
    environ("DOCS", "docs")
    environ("THEME", "theme")
    environ("OPS", "coordinators")
    environ("DAYS", "45")  # typed as YAML types it: the number 45, as MkDocs gives it
    root = _project(tmp_path, ENV_YML)
    settings, problems = read_settings(root)
    assert problems == []
    assert (settings.site_url, settings.docs_dir, settings.theme_dir) == (
        "https://intranet.example.org/learning/",
        "docs",
        "theme",
    )
    assert (settings.ops_dir, settings.changes_days) == ("coordinators", 45)
    assert settings == _as_mkdocs_reads_it(root)


def test_an_env_tag_on_a_mapping_is_refused_with_its_line(tmp_path):
    root = _project(tmp_path, "site_name: x\nsite_url: !ENV {name: URL}\n")
    settings, [problem] = read_settings(root)
    assert settings == Settings()
    assert problem.as_text().startswith("mkdocs.yml:2:11: error: '!ENV' takes a variable's name")
    assert problem.rule == "yaml-tag"


PYTHON_TAGS = """\
site_name: Harbor Health Learning
docs_dir: content
theme: {name: material, custom_dir: theme}
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/object/apply:os.mkdir [CANARY]
plugins: [search, trainops]
"""


def test_a_python_tag_is_refused_with_its_line_and_never_run(tmp_path):
    canary = tmp_path / "canary"
    root = _project(tmp_path, PYTHON_TAGS.replace("CANARY", str(canary)))
    settings, [problem] = read_settings(root)
    assert settings == Settings()
    assert problem.as_text() == (
        "mkdocs.yml:6:20: error: '!!python/name:material.extensions.emoji.twemoji' names Python code to run, "
        "which trainops never does; remove the tag and the option it sets (Material's emoji options work "
        "without 'emoji_index' and 'emoji_generator') [yaml-tag]"
    )
    assert not canary.exists()


@pytest.mark.parametrize("command", ["check", "build", "serve"])
def test_no_command_lets_mkdocs_run_a_python_tag(command, tmp_path, capsys):
    canary = tmp_path / "canary"
    root = copy_example(tmp_path / "org")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("plugins:", f"extra:\n  x: !!python/object/apply:os.mkdir [{canary}]\nplugins:"),
        encoding="utf-8",
    )
    line = text[: text.index("plugins:")].count("\n") + 2
    args = ["--site-dir", str(tmp_path / "site")] if command == "build" else []
    assert main([command, "--project", str(root), "--today", TODAY.isoformat(), *args]) == 1
    out = capsys.readouterr()
    assert f"mkdocs.yml:{line}:6: error: '!!python/object/apply:os.mkdir' names Python code" in out.out + out.err
    assert "Traceback" not in out.out + out.err
    assert not canary.exists() and not (tmp_path / "site").exists()


def test_an_unknown_tag_is_refused_as_mkdocs_refuses_it(tmp_path):
    root = _project(tmp_path, "site_name: x\ndocs_dir: !include docs.yml\n")
    _, [problem] = read_settings(root)
    assert problem.as_text() == (
        "mkdocs.yml:2:11: error: unknown tag '!include': MkDocs knows only '!ENV' and '!relative'; remove it [yaml-tag]"
    )


def test_relative_is_left_to_markdown_extensions(tmp_path):
    text = (
        "site_name: x\ndocs_dir: !relative $config_dir/content\nmarkdown_extensions:\n"
        "  - pymdownx.snippets:\n      base_path: !relative $config_dir\n"
    )
    root = _project(tmp_path, text)
    settings, [problem] = read_settings(root)
    assert settings.docs_dir == "docs"  # (MkDocs' default: the value could not be used)
    assert problem.as_text() == (
        "mkdocs.yml:2:1: error: docs_dir: '!relative' is for the options of Markdown extensions; "
        "write the path itself [invalid-value]"
    )
    (root / "mkdocs.yml").write_text(text.replace("!relative $config_dir/content", "content"), encoding="utf-8")
    assert read_settings(root) == (Settings(docs_dir="content", site_name="x"), [])


BASE_YML = """\
site_name: Harbor Health Learning
site_url: https://learning.example.com/
docs_dir: content
theme:
  name: material
  custom_dir: overrides
plugins:
  - search
  - trainops:
      ops_dir: coordinators
      changes_days: 14
"""


def test_inherit_merges_the_parent_as_mkdocs_does(tmp_path):
    child = "INHERIT: base.yml\nsite_name: Harbor Health Onboarding\ntheme:\n  name: material\n"
    root = _project(tmp_path, child, **{"base.yml": BASE_YML})
    settings, problems = read_settings(root)
    assert problems == []
    assert (settings.site_name, settings.site_url, settings.theme_dir) == (
        "Harbor Health Onboarding",
        "https://learning.example.com/",
        "overrides",  # a mapping is merged key by key: the parent's custom_dir stays
    )
    assert (settings.ops_dir, settings.changes_days) == ("coordinators", 14)
    assert settings == _as_mkdocs_reads_it(root)


def test_inherit_names_a_parent_outside_missing_or_in_a_circle(tmp_path):
    (tmp_path / "base.yml").write_text(BASE_YML, encoding="utf-8")
    root = _project(tmp_path, "site_name: x\nINHERIT: ../base.yml\n")
    _, [problem] = read_settings(root)
    assert problem.as_text() == (
        "mkdocs.yml:2:1: error: INHERIT: '../base.yml' is outside the repository; copy the file in instead "
        "[outside-repository]"
    )
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    _, [problem] = read_settings(root)
    assert problem.rule == "missing-file" and problem.path == "mkdocs.yml"
    (root / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    _, [problem] = read_settings(root)
    assert (problem.path, problem.line, problem.rule) == ("base.yml", 1, "invalid-value")
    assert "a circle" in problem.message


def test_an_absolute_custom_dir_in_the_repository_is_named_relative_to_it(tmp_path):
    root = _project(tmp_path, "site_name: x\n")
    (root / "mkdocs.yml").write_text(f"site_name: x\ntheme:\n  custom_dir: {root / 'overrides'}/\n", encoding="utf-8")
    assert read_settings(root)[0].theme_dir == "overrides"
    (root / "mkdocs.yml").write_text("site_name: x\ntheme:\n  custom_dir: ./overrides/\n", encoding="utf-8")
    assert read_settings(root)[0].theme_dir == "overrides"


def test_check_follows_the_environment_not_a_result_kept_from_before(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("TRAINOPS_TEST_URL", raising=False)
    root = copy_example(tmp_path / "org")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("site_url: https://learning.example.com/", "site_url: !ENV TRAINOPS_TEST_URL"), encoding="utf-8"
    )
    main(["check", "--project", str(root), "--today", TODAY.isoformat()])
    assert "mkdocs.yml has no 'site_url'" in capsys.readouterr().out
    monkeypatch.setenv("TRAINOPS_TEST_URL", "https://learning.example.com/")
    main(["check", "--project", str(root), "--today", TODAY.isoformat()])  # (the same files: cached before)
    assert "site_url" not in capsys.readouterr().out


PLUGIN_YML = """\
site_name: Harbor Health Learning
site_url: https://learning.example.com/
docs_dir: content
plugins:
  - search
  - trainops:
      {setting}: {value}
"""


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("audience", "Coordinators"),
        ("audience", "ops"),
        ("paper_size", "a4"),
        ("ops_dir", "5"),
        ("programs_dir", "[a, b]"),
        ("pdf", "'no'"),
        ("enabled", "1"),
        ("changes_days", "-3"),
    ],
)
def test_check_refuses_a_plugin_setting_as_the_build_does_with_the_same_words(setting, value, tmp_path, caplog):
    root = _project(tmp_path, PLUGIN_YML.format(setting=setting, value=value))
    _, problems = read_settings(root)
    assert [(p.path, p.line, p.severity) for p in problems] == [("mkdocs.yml", 7, "error")]
    assert problems[0].message.startswith(f"plugin setting {setting}: ")
    with pytest.raises(Abort):
        load_config(config_file=str(root / "mkdocs.yml"))
    assert f"Plugin 'trainops' option '{setting}': {problems[0].message}" in caplog.text


@pytest.mark.parametrize(
    ("setting", "value"),
    [("audience", "coordinators"), ("paper_size", "Letter"), ("ops_dir", "'5'"), ("pdf", "false"), ("ops_dir", "")],
)
def test_a_plugin_setting_the_build_accepts_check_accepts(setting, value, tmp_path):
    root = _project(tmp_path, PLUGIN_YML.format(setting=setting, value=value))
    assert read_settings(root)[1] == []
    load_config(config_file=str(root / "mkdocs.yml"))


def test_an_unknown_plugin_setting_is_a_warning_with_a_suggestion(tmp_path):
    root = _project(tmp_path, PLUGIN_YML.format(setting="paper_szie", value="Letter"))
    [problem] = read_settings(root)[1]
    assert problem.as_text() == (
        "mkdocs.yml:7:1: warning: unknown plugin setting 'paper_szie' — did you mean 'paper_size'? [unknown-field]"
    )


@pytest.mark.parametrize(
    "site_url", ["'javascript://alert(1)'", "'javascript:alert(1)'", "ftp://files.example.com/", "learning.example.com"]
)
def test_site_url_is_a_web_address_or_an_error_at_its_line(site_url, tmp_path, capsys):
    root = _project(
        tmp_path, PLUGIN_YML.format(setting="pdf", value="true").replace("https://learning.example.com/", site_url)
    )
    [problem] = read_settings(root)[1]
    assert (problem.line, problem.severity) == (2, "error") and "is not a web address" in problem.message
    assert main(["check", "--project", str(root), "--today", TODAY.isoformat()]) == 1
    assert "is not a web address" in capsys.readouterr().out
    try:  # `mkdocs build` by hand: MkDocs refuses an address without a host itself, the plugin the rest
        _as_mkdocs_reads_it(root)
    except PluginError as exc:
        assert "is not a web address" in str(exc)
    except Abort:
        assert "//" not in site_url
    else:
        pytest.fail("the build accepted the site_url")


@pytest.mark.parametrize("site_url", ["https://learning.example.com/", "HTTP://intranet:8080/learning", "''"])
def test_web_addresses_are_site_urls(site_url, tmp_path):
    root = _project(
        tmp_path, PLUGIN_YML.format(setting="pdf", value="true").replace("https://learning.example.com/", site_url)
    )
    assert read_settings(root)[1] == []


RECORDS_YML = """\
site_name: Harbor Health Learning
docs_dir: content
plugins:
  - trainops:
      records_dir: private/records
      roster: private/people.csv
      ops_names: true
      records_keep: 5 years
"""


def test_the_records_settings_are_read_alike_by_check_and_by_mkdocs(tmp_path):
    root = _project(tmp_path, RECORDS_YML)
    settings, problems = read_settings(root)
    assert problems == []
    assert (settings.records_dir, settings.roster_path, settings.ops_names) == (
        "private/records",
        "private/people.csv",
        True,
    )
    assert str(settings.records_keep) == "5 years"
    assert _as_mkdocs_reads_it(root) == settings
    assert Settings().roster_path == "records/learners.csv" and Settings().records_keep is None


def test_records_settings_that_cannot_be_used_are_errors_at_their_line(tmp_path):
    text = RECORDS_YML.replace("private/records", "content/records").replace("5 years", "forever")
    root = _project(tmp_path, text.replace("ops_names: true", "ops_names: maybe"))
    settings, problems = read_settings(root)
    assert [d.as_text() for d in problems] == [
        "mkdocs.yml:7:1: error: plugin setting ops_names: 'maybe' is not true or false; write 'ops_names: false' "
        "[invalid-value]",
        "mkdocs.yml:8:1: error: plugin setting records_keep: 'forever' is not a duration; write one such as "
        "'records_keep: 5 years' [invalid-value]",
        "mkdocs.yml:5:1: error: plugin setting records_dir: 'content/records' overlaps docs_dir 'content', which "
        "is published; keep the records in a folder of their own, such as 'records' [invalid-value]",
    ]
    assert (settings.records_dir, settings.ops_names, settings.records_keep) == ("records", False, None)
