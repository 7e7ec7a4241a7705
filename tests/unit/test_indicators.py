"""The indicator status definition."""

from __future__ import annotations

from warehouse.indicators import aggregate, status

TARGETS = {2022: 10.0, 2023: 20.0, 2024: 30.0}


def test_ascending_latest() -> None:
    assert status("unit", "ascending", "latest", TARGETS, {2022: 12.0}, 2022) == "on_track"
    assert status("unit", "ascending", "latest", TARGETS, {2023: 15.0}, 2023) == "behind"
    assert status("unit", "ascending", "latest", TARGETS, {2023: 31.0}, 2023) == "achieved"


def test_descending_is_on_track_when_it_falls() -> None:
    targets = {2022: 40.0, 2023: 30.0}
    assert status("unit", "descending", "latest", targets, {2022: 35.0}, 2022) == "on_track"
    assert status("unit", "descending", "latest", targets, {2022: 45.0}, 2022) == "behind"
    assert status("unit", "descending", "latest", targets, {2022: 25.0}, 2022) == "achieved"


def test_sums_add_the_years_so_far() -> None:
    assert aggregate({2022: 2.0, 2023: 3.0, 2024: 4.0}, 2023, "sum") == 5.0
    targets = {2022: 2.0, 2023: 2.0, 2024: 2.0}
    assert status("unit", "ascending", "sum", targets, {2022: 1.0, 2023: 4.0}, 2023) == "on_track"


def test_qualitative_and_missing_values_get_no_status() -> None:
    assert status("qualitative", "ascending", "latest", TARGETS, {2022: 1.0}, 2022) is None
    assert status("unit", "ascending", "latest", TARGETS, {}, 2022) is None
