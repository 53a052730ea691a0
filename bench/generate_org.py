"""Write a large synthetic training organisation for the benchmark.

    python bench/generate_org.py OUT [--programs 300] [--sops 1500] [--sessions 20000] [--people 150] [--seed 1]
                                     [--reminders 0] [--problems 0.0] [--capacity 12]

Valid data (``trainops check`` finds no errors) with realistic text, sessions spread over eight
time zones and two years, SOPs with links to programs and to each other. Deterministic per seed.
``--problems 0.4``: that share of the sessions has no instructor and that share of the SOPs is
overdue for review, as in an organisation whose handoff page lists thousands of sessions to re-staff.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
)
WORDS = (
    "safety",
    "customer",
    "platform",
    "onboarding",
    "privacy",
    "leadership",
    "quality",
    "inventory",
    "escalation",
    "coaching",
    "compliance",
    "analytics",
    "scheduling",
    "handover",
    "feedback",
    "support",
)
# Hours that are daytime somewhere; the generator keeps the instructor in the session's own zone.
HOURS = (8, 9, 10, 11, 13, 14, 15, 16)

MKDOCS = """site_name: Benchmark Training
site_url: https://bench.example.com/
docs_dir: content
theme: {name: material, custom_dir: theme}
plugins: [search, trainops]
"""


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def reminder_rules(n: int) -> str:
    """n rules: the invite two weeks before, reminders on the days before, the follow-up after."""
    if not n:
        return ""
    rules = ["  - {template: invite, before: 14d}"]
    rules += [f"  - {{template: reminder, before: {d}d}}" for d in range(1, n - 1)]
    rules += ["  - {template: follow-up, after: 1d}"]
    return "reminders:\n" + "\n".join(rules[:n]) + "\n"


def generate(
    out: Path,
    programs: int,
    sops: int,
    sessions: int,
    people: int,
    seed: int = 1,
    reminders: int = 0,
    problems: float = 0.0,
    capacity: int = 12,
) -> None:
    """``reminders``: 0 for the default rules; n for n rules of each program (another shape of work).
    ``problems``: the share of sessions without an instructor and of SOPs overdue for review (every
    tenth by its number, so the random text is the same as without them). ``capacity``: seats of
    every session (``bench/records.py`` fills 20 a session)."""
    troubled = round(problems * 10)
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("programs", "sops", "content", "theme"):
        (out / folder).mkdir(parents=True)
    (out / "mkdocs.yml").write_text(MKDOCS)
    (out / "theme" / "main.html").write_text('{% extends "base.html" %}\n')
    (out / "content" / "index.md").write_text(
        "# Benchmark Training\n\nStart with [the first program](../programs/program-0000.yaml).\n"
    )
    person_ids = [f"person.{i:03d}" for i in range(people)]
    zone_of = {pid: ZONES[i % len(ZONES)] for i, pid in enumerate(person_ids)}
    lines = ["people:"]
    for pid in person_ids:
        lines.append(f"  - {{id: {pid}, name: Person {pid[-3:]}, email: {pid}@example.com, timezone: {zone_of[pid]}}}")
    (out / "programs" / "people.yaml").write_text("\n".join(lines) + "\n")
    slugs = [f"program-{i:04d}" for i in range(programs)]
    sop_slugs = [f"sop-{i:05d}" for i in range(sops)]
    for i, slug in enumerate(slugs):
        owner = person_ids[i % people]
        mine = [sop_slugs[(i * 5 + k) % sops] for k in range(5)] if sops else []
        (out / "programs" / f"{slug}.yaml").write_text(f"""name: {words(rng, 2).title()} Program {i}
code: BEN-{i:04d}
summary: {words(rng, 12).capitalize()}.
owner: {owner}
problem: {words(rng, 10).capitalize()}.
audience: {words(rng, 5).capitalize()}
outcomes:
  - {words(rng, 6).capitalize()}
  - {words(rng, 6).capitalize()}
format: workshop
prerequisites: [{words(rng, 4).capitalize()}]
access:
  - {{system: Portal {i}, how: Sign in with SSO, link: https://example.com/portal/{i}}}
materials:
  - {{title: Guide {i}, link: https://example.com/guide/{i}, for: learner}}
sops: [{", ".join(mine)}]
assessment: {{name: Quiz {i}, link: https://example.com/quiz/{i}, pass_mark: 80}}
completion: {{due: 14d, record_in: LMS}}
feedback: {{form: https://example.com/feedback/{i}}}
reinforcement: {words(rng, 8).capitalize()}.
metrics: [{words(rng, 3).capitalize()}]
escalation:
  {{missed_sessions: {owner}, late_completions: {owner}, learner_questions: {owner}, improvement_notes: {owner}}}
review: {{last_reviewed: 2026-09-01, every: 1 year}}
{reminder_rules(reminders)}""")
    for j, slug in enumerate(sop_slugs):
        program = slugs[(j // 5) % programs] if programs else None
        body = "\n".join(f"{k}. {words(rng, 14).capitalize()}." for k in range(1, 13))
        links = (
            f"\nSee [the program](../programs/{program}.yaml) and [the next SOP]({sop_slugs[(j + 1) % sops]}.md).\n"
            if program
            else ""
        )
        (out / "sops" / f"{slug}.md").write_text(f"""---
title: {words(rng, 4).capitalize()} {j}
owner: {person_ids[j % people]}
programs: [{program or ""}]
audience: {("coordinator", "instructor", "learner")[j % 3]}
last_reviewed: {"2024-08-01" if j % 10 < troubled else "2026-08-01"}
---
{body}
{links}""")
    lines = ["timezone: UTC", "sessions:"]
    start_day = date(2026, 12, 1)
    for k in range(sessions):
        program = slugs[k % programs]
        teacher = person_ids[k % people]
        instructor: str | None = teacher
        zone = zone_of[teacher]
        if (k // programs) % 10 < troubled:  # whole rounds of sessions, so every program has some
            # Half have no instructor; half are in a zone far from their instructor's (teaching at night).
            if k % 2:
                zone = ZONES[(ZONES.index(zone) + 4) % len(ZONES)]
            else:
                instructor = None
        # Each instructor teaches at most one session a day: no double booking by construction.
        day = start_day + timedelta(days=k // people)
        hour = HOURS[k % len(HOURS)]
        start = datetime(day.year, day.month, day.day, hour, 0)
        lines.append(
            f"  - program: {program}\n    id: s-{k:06d}\n    title: {words(rng, 3).capitalize()}\n"
            f"    start: {start:%Y-%m-%d %H:%M}\n    duration: 1h30m\n    timezone: {zone}\n"
            f"    room: Room {k % 997}-{k // 997}\n    capacity: {capacity}\n"
            + (f"    instructor: {instructor}\n" if instructor else "")
            + "    backup: Call the coordinator\n"
        )
    (out / "programs" / "schedule.yaml").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--programs", type=int, default=300)
    parser.add_argument("--sops", type=int, default=1500)
    parser.add_argument("--sessions", type=int, default=20000)
    parser.add_argument("--people", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reminders", type=int, default=0, help="reminder rules per program (0: the defaults)")
    parser.add_argument("--problems", type=float, default=0.0, help="share of sessions to re-staff, SOPs overdue")
    parser.add_argument("--capacity", type=int, default=12, help="seats of every session")
    args = parser.parse_args()
    generate(
        args.out,
        args.programs,
        args.sops,
        args.sessions,
        args.people,
        args.seed,
        args.reminders,
        args.problems,
        args.capacity,
    )


if __name__ == "__main__":
    main()
