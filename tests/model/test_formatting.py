"""How every page and message names a time zone: its everyday name and UTC offset."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from trainops.model.formatting import format_utc_offset, zone_label


@pytest.mark.parametrize(
    ("zone", "month", "label"),
    [
        ("America/New_York", 1, "Eastern Standard Time (UTC\u221205:00)"),
        ("America/New_York", 7, "Eastern Daylight Time (UTC\u221204:00)"),
        ("Europe/London", 1, "Greenwich Mean Time (UTC+00:00)"),
        ("Europe/London", 7, "British Summer Time (UTC+01:00)"),
        ("Asia/Kolkata", 1, "India Standard Time (UTC+05:30)"),
        ("Asia/Kathmandu", 1, "Nepal Time (UTC+05:45)"),
        ("UTC", 1, "Coordinated Universal Time (UTC+00:00)"),
    ],
)
def test_a_zone_is_named_as_people_say_it_with_its_offset_then(zone, month, label):
    assert zone_label(datetime(2026, month, 10, 9, 30, tzinfo=ZoneInfo(zone))) == label


def test_a_zone_without_a_name_is_said_once_by_its_offset():
    # CLDR names Etc/GMT+5 "GMT-05:00": not "GMT-05:00 (UTC−05:00)".
    assert zone_label(datetime(2026, 1, 10, tzinfo=ZoneInfo("Etc/GMT+5"))) == "UTC\u221205:00"


def test_a_fixed_utc_time_is_named_too():
    assert zone_label(datetime(2026, 1, 10, tzinfo=UTC)) == "Coordinated Universal Time (UTC+00:00)"


def test_the_offset_has_a_real_minus_sign_and_minutes():
    assert format_utc_offset(datetime(2026, 1, 10, tzinfo=ZoneInfo("America/St_Johns"))) == "UTC\u221203:30"
