"""Run a command and sample the resident memory of it and of every process it starts.

    python bench/rss_timeline.py COMMAND [ARG...]

Every 0.2 s reads VmRSS of the command and its descendants from /proc; prints one line every 2 s
(seconds since the start, then pid:MB for each process alive) and, at the end, the exit code, the
wall time and each process's peak, largest first. The command's own output goes to
``rss_timeline.out`` in the current folder. Linux only. Not part of trainops.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import _descendants as descendants  # noqa: E402  (the processes a command started)


def rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def main() -> None:
    started = time.time()
    with open("rss_timeline.out", "w") as out:
        process = subprocess.Popen(sys.argv[1:], stdout=out, stderr=subprocess.STDOUT)
        peaks: dict[int, int] = {}
        shown = 0.0
        while process.poll() is None:
            now = {pid: rss_mb(pid) for pid in [process.pid, *descendants(process.pid)]}
            for pid, mb in now.items():
                peaks[pid] = max(peaks.get(pid, 0), mb)
            if time.time() - shown >= 2:
                shown = time.time()
                print(f"{shown - started:6.1f}s " + " ".join(f"{pid}:{mb}" for pid, mb in now.items()), flush=True)
            time.sleep(0.2)
    largest = sorted(peaks.values(), reverse=True)[:4]
    print(f"exit {process.returncode}, {time.time() - started:.1f} s, peaks (MB) {largest}")


if __name__ == "__main__":
    main()
