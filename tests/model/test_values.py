from datetime import date, datetime, time

import pytest

from trainops.model import values as v


@pytest.mark.parametrize(
    "text, months, days, minutes",
    [
        ("14d", 0, 14, 0),
        ("2h", 0, 0, 120),
        ("30m", 0, 0, 30),
        ("2h30m", 0, 0, 150),
        ("6 months", 6, 0, 0),
        ("1 year", 12, 0, 0),
        ("2 weeks", 0, 14, 0),
        ("1d 2h", 0, 1, 120),
    ],
)
def test_durations(text, months, days, minutes):
    d = v.parse_duration(text)
    assert (d.months, d.days, d.minutes, d.text) == (months, days, minutes, text)


@pytest.mark.parametrize("text", ["", "14", "2 fortnights", "d14", "0d", "1.5h"])
def test_bad_durations(text):
    with pytest.raises(ValueError):
        v.parse_duration(text)


def test_month_arithmetic_clamps_to_month_end():
    assert v.parse_duration("1 month").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert v.parse_duration("6 months").after(date(2026, 10, 1)) == date(2027, 4, 1)
    assert v.parse_duration("14d").before(date(2027, 3, 1)) == date(2027, 2, 15)


def test_times_dates_and_ends():
    assert v.parse_local_datetime("2026-12-01 9:30") == datetime(2026, 12, 1, 9, 30)
    assert v.parse_end("12:00") == time(12, 0)
    assert v.parse_end("2026-12-02 08:00") == datetime(2026, 12, 2, 8, 0)
    for bad in ("25:00", "12:60", "noon"):
        with pytest.raises(ValueError):
            v.parse_end(bad)
    with pytest.raises(ValueError, match="not a real date"):
        v.parse_date("2026-02-30")


def test_time_zone_suggestion():
    assert v.parse_timezone("Europe/Berlin") == "Europe/Berlin"
    with pytest.raises(ValueError, match="did you mean 'Europe/Berlin'"):
        v.parse_timezone("Europe/Berln")


def test_links():
    assert v.parse_url("https://example.com/x") == "https://example.com/x"
    assert v.parse_url("mailto:a@example.com") == "mailto:a@example.com"
    with pytest.raises(ValueError, match="https://example.com/x"):
        v.parse_url("example.com/x")
    for bad in ("javascript:alert(1)", "ftp://example.com/x", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            v.parse_url(bad)


def test_dst_gap_and_fold():
    with pytest.raises(v.LocalTimeError, match="does not exist"):
        v.localize(datetime(2027, 3, 14, 2, 30), "America/New_York", None)
    with pytest.raises(v.LocalTimeError, match="happens twice"):
        v.localize(datetime(2026, 11, 1, 1, 30), "America/New_York", None)
    first = v.localize(datetime(2026, 11, 1, 1, 30), "America/New_York", 0)
    second = v.localize(datetime(2026, 11, 1, 1, 30), "America/New_York", 1)
    assert (second - first).total_seconds() == 0  # same wall time...
    assert second.utcoffset() != first.utcoffset()  # ...an hour apart in reality
    on_change_day = v.localize(datetime(2027, 3, 14, 10, 0), "America/New_York", None)
    assert on_change_day.utcoffset().total_seconds() == -4 * 3600


def test_slugs_and_person_ids():
    assert v.parse_slug("new-hire") == "new-hire"
    with pytest.raises(ValueError, match="did you mean 'new-hire'"):
        v.parse_slug("New Hire")
    assert v.parse_person_id("jordan.lee") == "jordan.lee"


@pytest.mark.parametrize(
    "written,words",
    [
        ("14d", "14 days"),
        ("1d", "1 day"),
        ("2h30m", "2 hours 30 minutes"),
        ("18 months", "1 year 6 months"),
        ("1 year", "1 year"),
        ("90m", "1 hour 30 minutes"),
    ],
)
def test_durations_read_as_words(written, words):
    from trainops.model.formatting import format_duration

    assert format_duration(v.parse_duration(written)) == words


@pytest.mark.parametrize("text, value", [("90%", 90.0), ("100 %", 100.0), ("87.5%", 87.5), ("0%", 0.0)])
def test_percentages(text, value):
    assert v.parse_percent(text) == value


@pytest.mark.parametrize("text", ["90", "0.9", "101%", "-5%", "ninety%", ""])
def test_bad_percentages(text):
    with pytest.raises(ValueError):
        v.parse_percent(text)
