"""A git repository of the example organisation with a made-up history, for the history tests."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.helpers import copy_example

__all__ = ["GitRepo", "example_repo"]


class GitRepo:
    def __init__(self, root: Path):
        self.root = root

    def git(self, *args: str, when: str = "2026-11-01T09:00:00+00:00") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Coordinator",
            "GIT_AUTHOR_EMAIL": "coordinator@example.com",
            "GIT_COMMITTER_NAME": "Coordinator",
            "GIT_COMMITTER_EMAIL": "coordinator@example.com",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def commit(self, message: str, when: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def edit_session(self, session_id: str, field: str, value: str) -> None:
        """Sets ``field`` of the session with ``id: session_id`` in programs/schedule.yaml."""
        path = self.root / "programs" / "schedule.yaml"
        text = path.read_text(encoding="utf-8")
        entry = re.search(
            rf"(?ms)^  - [^\n]*\n(?:    [^\n]*\n|\s*\n)*?    id: {re.escape(session_id)}\n.*?(?=^  - |\Z)", text
        )
        assert entry, session_id
        block = entry.group(0)
        if re.search(rf"(?m)^    {field}:", block):
            changed = re.sub(rf"(?m)^    {field}:.*$", f"    {field}: {value}", block, count=1)
        else:
            changed = block.replace(f"    id: {session_id}\n", f"    id: {session_id}\n    {field}: {value}\n", 1)
        path.write_text(text.replace(block, changed, 1), encoding="utf-8")


def example_repo(dest: Path, records: bool = False) -> GitRepo:
    """The example in a new repository (its records too with ``records``), committed once on 2026-10-01."""
    copy_example(dest, records)
    repo = GitRepo(dest)
    repo.git("init", "-q", "-b", "main")
    repo.commit("The example organisation", "2026-10-01T09:00:00+00:00")
    return repo
