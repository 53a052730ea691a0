"""Nothing from the theme folder reaches a site but what the theme serves
(``trainops.mkdocs_plugin.theme_files``): MkDocs would copy every non-template file of custom_dir."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import TODAY, copy_example
from trainops.cli import main
from trainops.mkdocs_plugin.theme_files import served_by_theme


def test_a_file_is_served_when_named_or_in_place_of_the_installed_themes(tmp_path):
    installed = tmp_path / "material"
    (installed / "assets" / "images").mkdir(parents=True)
    (installed / "assets" / "images" / "favicon.png").write_bytes(b"png")
    served = frozenset({"trainops/trainops.css", "images/logo.svg"})
    assert served_by_theme("assets/images/favicon.png", [str(installed)], served)
    assert served_by_theme("trainops/trainops.css", [str(installed)], served)
    assert served_by_theme("images/logo.svg", [str(installed)], served)
    assert not served_by_theme("trainops/reminders/invite.txt", [str(installed)], served)
    assert not served_by_theme("main.html.bak", [str(installed)], served)


def test_the_theme_folder_publishes_only_what_the_theme_serves(tmp_path: Path):
    root = copy_example(tmp_path / "org")
    theme = root / "theme"
    (theme / "trainops" / "reminders").mkdir(parents=True)
    (theme / "trainops" / "reminders" / "invite.txt").write_text("Dear {{ name }}, internal note\n")
    (theme / "trainops" / "new-program.yaml").write_text("title: x\n")
    (theme / "trainops" / "trainops.css").write_text("/* our own */\n")
    (theme / "main.html.bak").write_text("<!-- old -->\n")
    (theme / "notes.txt").write_text("coordinator notes\n")
    (theme / "assets" / "images").mkdir(parents=True)
    (theme / "assets" / "images" / "favicon.png").write_bytes(b"png")  # in place of Material's
    site, ops = tmp_path / "site", tmp_path / "ops"
    args = ["build", "--project", str(root), "--no-pdf", "--site-dir", str(site), "--ops-dir", str(ops)]
    assert main([*args, "--today", TODAY.isoformat()]) == 0
    for out in (site, ops):
        assert not (out / "trainops" / "reminders").exists()
        assert not (out / "trainops" / "new-program.yaml").exists()
        assert not (out / "main.html.bak").exists()
        assert not (out / "notes.txt").exists()
        assert (out / "trainops" / "trainops.css").read_text() == "/* our own */\n"
        assert (out / "assets" / "images" / "favicon.png").read_bytes() == b"png"
