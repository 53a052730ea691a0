"""Raw-HTML links in a built site (``on_page_markdown``, ``render_sop_page``): MkDocs leaves raw
HTML as written, so trainops gives each ``href``/``src`` the address of the document it names,
and a coordinator's file that only raw HTML links never reaches the learner site."""

from __future__ import annotations

from tests.helpers import TODAY, copy_example
from trainops.cli import main


def test_raw_html_links_lead_to_their_documents_and_coordinator_files_stay_off(tmp_path):
    root = copy_example(tmp_path / "org")
    (root / "content" / "files" / "escalation.pdf").write_bytes(b"%PDF-1.4 names")
    help_page = root / "content" / "help.md"
    help_page.write_text(help_page.read_text() + '\n<a href="files/handbook.pdf">Handbook</a>\n')
    sop = root / "sops" / "launch-day-runbook.md"
    sop.write_text(sop.read_text() + '\n<a href="../content/files/escalation.pdf">Escalation</a>\n')
    site, ops = tmp_path / "site", tmp_path / "ops"
    args = ["build", "--project", str(root), "--no-pdf", "--site-dir", str(site), "--ops-dir", str(ops)]
    assert main([*args, "--today", TODAY.isoformat()]) == 0
    # help.md is served at help/: its raw link must climb out of that folder, unlike its source's.
    assert '<a href="../files/handbook.pdf">Handbook</a>' in (site / "help" / "index.html").read_text()
    page = (ops / "sops" / "launch-day-runbook" / "index.html").read_text()
    assert '<a href="../../files/escalation.pdf">Escalation</a>' in page
    assert (ops / "files" / "escalation.pdf").is_file()
    assert not (site / "files" / "escalation.pdf").exists()
