"""Suggestions among thousands of ids: the nearest by start or by end, each word worked out once."""

from __future__ import annotations

from trainops.model.suggest import NearestId, did_you_mean

SESSIONS = [
    f"site{site}-2026-{month:02d}-{day:02d}" for site in range(30) for month in range(1, 13) for day in range(1, 29)
]


def test_a_slip_late_or_early_in_the_id_finds_its_neighbour():
    near = NearestId(SESSIONS)
    assert near.did_you_mean("site7-2026-3-05") == " — did you mean 'site7-2026-03-05'?"  # a zero left out
    assert near.did_you_mean("sute7-2026-03-05") == " — did you mean 'site7-2026-03-05'?"  # a slip at the start
    assert near.did_you_mean("SITE7-2026-03-05") == " — did you mean 'site7-2026-03-05'?"  # case only
    assert near.did_you_mean("onboarding") == ""


def test_it_agrees_with_did_you_mean_on_a_small_pool():
    pool = ["forklift", "ladders", "onboarding"]
    for word in ("forklfit", "ladder", "onbording", "zzz"):
        assert NearestId(pool).did_you_mean(word) == did_you_mean(word, pool)


def test_past_the_limit_ids_wrong_in_bulk_get_no_suggestion():
    near = NearestId(SESSIONS)
    for n in range(NearestId.LIMIT):
        near.did_you_mean(f"x{n}")
    assert near.did_you_mean("site7-2026-3-05") == ""  # past the limit
    assert near.did_you_mean("x0") == ""  # still the answer it gave before
