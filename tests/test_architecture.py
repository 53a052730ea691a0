"""The core never imports MkDocs: moving to another site engine changes the adapter only."""

import subprocess
import sys

CORE = ["trainops.loading", "trainops.yamlfast", "trainops.parallel", "trainops.readiness", "trainops.render.site",
        "trainops.handoff", "trainops.cli"]


def test_core_modules_do_not_import_mkdocs():
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
