"""CPU of a cold ``check``'s records work in one process, the worker off: less shaken by a busy
machine than the wall time of the whole command (the worker's half runs beside other work).

    PYTHONPATH=generator python bench/records_cpu.py ORG [LABEL]

ORG: an organisation of ``bench/records.py`` (``organisation(Path(ORG), 1, 7)``). Deletes its
``.trainops-cache``, loads the project (not counted), then prints the CPU of the records'
fingerprint (their digests) and of ``check_records`` (reading the rows, the rules, the
follow-ups; every program worked out here), with the number of diagnostics.
"""

from __future__ import annotations

import gc
import resource
import shutil
import sys
import time
from datetime import date
from pathlib import Path

import trainops.commands.record_checks as record_checks
from trainops.commands.check import check_records, load_checked
from trainops.commands.check_run import KEEP_RECORDS_BYTES
from trainops.store.cache import DataCache
from trainops.store.file_digests import FileDigests
from trainops.store.fingerprint import fingerprint_apart
from trainops.store.results_to_keep import ResultsToKeep

TODAY = date(2027, 12, 2)  # two days after the last session's grace (bench/records.py)


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(root: Path, label: str) -> None:
    gc.disable()  # (as the command line runs a check)
    record_checks.MIN_FILES_FOR_A_WORKER = 10**9  # every program in this process
    shutil.rmtree(root / ".trainops-cache", ignore_errors=True)
    cache = DataCache(root / ".trainops-cache" / "data")
    project, _ = load_checked(root, TODAY, cache=cache)
    gc.freeze()
    settings = project.settings
    start = cpu()
    digests = FileDigests(cache)
    digests.keep_bytes_below(settings.records_dir, KEEP_RECORDS_BYTES)  # (as check does)
    folders = [*settings.source_folders(), settings.records_dir]
    files = [settings.people_path, settings.schedule, settings.roster]
    fingerprint_apart(root, folders, files, [], ".trainops-cache", digests, settings.records_dir)
    digested, wall = cpu(), time.perf_counter()
    keeping = ResultsToKeep(cache, digests)
    diagnostics = check_records(root, project, cache, None, keeping, b"bench")
    keeping.keep()  # (as check does)
    done = cpu()
    print(
        f"{label}: records' digests {digested - start:.2f} s CPU; records' work {done - digested:.2f} s CPU, "
        f"{time.perf_counter() - wall:.2f} s wall; {len(diagnostics)} diagnostics"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "check_records")
