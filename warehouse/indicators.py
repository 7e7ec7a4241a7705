"""One definition of an indicator's status: achieved, on track or behind, or none.

It respects the indicator's measure type (a qualitative indicator shows its text and gets no
computed status), its direction (a descending indicator is on track when it falls) and how its
yearly values aggregate (summed over the years so far, or the latest, highest or mean value).
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import mean
from typing import Literal

Status = Literal["achieved", "on_track", "behind"]


def aggregate(values: Mapping[int, float], year: int, how: str) -> float | None:
    """The value an indicator stands at in `year`, from its yearly values so far."""
    so_far = [v for y, v in sorted(values.items()) if y <= year and v is not None]
    if not so_far:
        return None
    if how == "sum":
        return sum(so_far)
    if how == "maximum":
        return max(so_far)
    if how == "mean":
        return mean(so_far)
    return so_far[-1]  # latest


def status(
    measure_type: str,
    direction: str,
    aggregation: str,
    targets: Mapping[int, float],
    actuals: Mapping[int, float],
    year: int,
) -> Status | None:
    """Achieved when the final target is met; on track when this year's target is met."""
    if measure_type == "qualitative" or year not in actuals:
        return None
    actual = aggregate(actuals, year, aggregation)
    target_now = aggregate(targets, year, aggregation)
    final_year = max(targets, default=year)
    target_final = aggregate(targets, final_year, aggregation)
    if actual is None or target_now is None:
        return None

    def meets(value: float, goal: float) -> bool:
        return value <= goal if direction == "descending" else value >= goal

    if target_final is not None and meets(actual, target_final):
        return "achieved"
    return "on_track" if meets(actual, target_now) else "behind"
