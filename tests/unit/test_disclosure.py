"""Disclosure control on a table built to tempt it, every expectation worked out by hand.

Participations by programme (P1-P3) and region, one exchange per cell. Organisations per cell:

            africa   asia   latin_america_caribbean   europe
    P1      5        6      1 (CO, high-risk)          –
    P2      4        3      5                          –
    P3      8        7      9                          2 (200 participations)

The same organisations come back from one programme to the next (africa: a1-a8 in all, so the
africa total counts 8, not 17). By hand, rows, then columns, then the margins, until stable:
P1-latam (1) and P3-europe (2, however many participations) are primary, and so is the europe
total (2 organisations in all). Row P1 then hides its smallest other cell, africa (5); row P3
its asia (7); column africa, now one hidden, hides P2 (4); column asia P2 (3); column latam P2
(5); the column totals, with europe's alone hidden, hide asia's (7, below africa's 8 and latam's
9). Every row total and the grand total stay shown: each counts at least 3 organisations and
has at least two hidden cells beside it.
"""

from __future__ import annotations

import polars as pl
import pytest

from warehouse.disclosure import (
    MIN_ORGANISATIONS,
    TOTAL,
    Table,
    roll_up_high_risk,
    suppress,
    tabulate,
)

AFRICA, ASIA, LATAM, EUROPE = "africa", "asia", "latin_america_caribbean", "europe"
CELLS = {  # (programme, region): (organisations, participations per organisation)
    ("P1", AFRICA): (5, 10),
    ("P1", ASIA): (6, 10),
    ("P1", LATAM): (1, 10),
    ("P2", AFRICA): (4, 10),
    ("P2", ASIA): (3, 10),
    ("P2", LATAM): (5, 10),
    ("P3", AFRICA): (8, 10),
    ("P3", ASIA): (7, 10),
    ("P3", LATAM): (9, 10),
    ("P3", EUROPE): (2, 100),
}
COUNTRIES = {AFRICA: "ZA", ASIA: "IN", LATAM: "BR", EUROPE: "BE"}


def links() -> pl.DataFrame:
    """One row per exchange and organisation; the first Latin American organisation is in
    Colombia, a high-risk country, and is the only one in P1's Latin American cell."""
    rows = []
    for (programme, region), (organisations, each) in CELLS.items():
        for n in range(1, organisations + 1):
            colombia = region == LATAM and n == 1
            rows.append(
                {
                    "programme_code": programme,
                    "exchange_id": f"{programme}-{region}",
                    "org_code": f"{region}-{n}",
                    "country_code": "CO" if colombia else COUNTRIES[region],
                    "region": region,
                    "high_risk": colombia,
                    "participations": each,
                }
            )
    return pl.DataFrame(rows)


def table() -> Table:
    return tabulate(
        roll_up_high_risk(links()),
        row="programme_code",
        column="region",
        record="exchange_id",
        organisation="org_code",
        amount="participations",
        column_order=[AFRICA, ASIA, LATAM, EUROPE],
    )


def statuses(suppressed: Table) -> dict[tuple[str | None, str | None], str]:
    return {key: cell.status for key, cell in suppressed.cells.items() if cell.hidden}


def test_a_small_cell_hides_one_more_in_its_row_and_in_its_column() -> None:
    assert statuses(suppress(table())) == {
        ("P1", LATAM): "primary",
        ("P3", EUROPE): "primary",
        (TOTAL, EUROPE): "primary",
        ("P1", AFRICA): "complementary",  # row P1: the smallest cell left (5 < 6)
        ("P3", ASIA): "complementary",  # row P3: 7 < 8 < 9
        ("P2", AFRICA): "complementary",  # column africa: 4 < 8
        ("P2", ASIA): "complementary",  # column asia: 3 < 6
        ("P2", LATAM): "complementary",  # column latam: 5 < 9
        (TOTAL, ASIA): "complementary",  # the column totals: 7 < 8 < 9
    }


def test_many_participations_from_two_organisations_are_still_hidden() -> None:
    counted = suppress(table())
    cell = counted.cell("P3", EUROPE)
    assert cell is not None
    assert (cell.amount, cell.organisations, cell.status) == (200, 2, "primary")
    # the biggest cell of the table in participations, and hidden all the same
    assert cell.amount == max(c.amount for k, c in counted.cells.items() if TOTAL not in k)


def test_a_total_of_fewer_than_three_organisations_is_hidden() -> None:
    europe = suppress(table()).cell(TOTAL, EUROPE)
    assert europe is not None
    assert (europe.organisations, europe.amount, europe.status) == (2, 200, "primary")


def test_totals_count_every_record_and_organisation_once() -> None:
    counted = suppress(table())
    africa = counted.cell(TOTAL, AFRICA)
    p1 = counted.cell("P1", TOTAL)
    everything = counted.cell(TOTAL, TOTAL)
    assert africa is not None and p1 is not None and everything is not None
    # africa-1 … africa-8 over three programmes: 8 organisations, not 5 + 4 + 8
    assert (africa.organisations, africa.records, africa.amount) == (8, 3, 170)
    assert (p1.organisations, p1.records, p1.amount, p1.status) == (12, 3, 120, "shown")
    assert (everything.organisations, everything.records, everything.amount) == (26, 10, 680)
    assert everything.status == "shown"


def test_no_shown_total_sits_beside_a_single_hidden_cell() -> None:
    counted = suppress(table())
    for members, total in counted.lines():
        if not counted.cells[total].hidden:
            hidden = [m for m in members if (c := counted.cell(*m)) is not None and c.hidden]
            assert len(hidden) != 1, (members, total)
    for cell in counted.cells.values():
        assert cell.hidden or cell.organisations >= MIN_ORGANISATIONS


def test_empty_cells_are_neither_counted_nor_hidden() -> None:
    counted = suppress(table())
    assert counted.cell("P1", EUROPE) is None and counted.cell("P2", EUROPE) is None
    assert counted.rows == ("P1", "P2", "P3")
    assert counted.columns == (AFRICA, ASIA, LATAM, EUROPE)


def test_high_risk_countries_roll_up_to_their_region() -> None:
    rolled = roll_up_high_risk(links())
    assert "high_risk" not in rolled.columns
    assert "CO" not in rolled["country_code"].to_list()
    colombian = rolled.filter(pl.col("org_code") == f"{LATAM}-1")
    assert colombian["region"].unique().to_list() == [LATAM]
    assert colombian["country_code"].null_count() == colombian.height == 3
    assert set(rolled["country_code"].drop_nulls()) == {"ZA", "IN", "BR", "BE"}
    # Counted in its region: P1's Latin American cell holds it, and nothing else.
    cell = table().cell("P1", LATAM)
    assert cell is not None and (cell.organisations, cell.amount) == (1, 10)


def test_a_missing_risk_flag_counts_as_high_risk() -> None:
    frame = pl.DataFrame(
        {"country_code": ["XK", None, "BE"], "region": ["europe"] * 3, "high_risk": [None] * 3},
        schema={"country_code": pl.Utf8, "region": pl.Utf8, "high_risk": pl.Boolean},
    )
    assert roll_up_high_risk(frame)["country_code"].to_list() == [None, None, None]
    frame = frame.with_columns(pl.lit(False).alias("high_risk"))
    assert roll_up_high_risk(frame)["country_code"].to_list() == ["XK", None, "BE"]


def test_a_code_left_null_is_refused() -> None:
    frame = links().with_columns(pl.lit(None, dtype=pl.Utf8).alias("region"))
    with pytest.raises(ValueError, match="region"):
        tabulate(
            frame,
            row="programme_code",
            column="region",
            record="exchange_id",
            organisation="org_code",
        )


def test_a_record_with_no_organisation_is_hidden() -> None:
    frame = pl.DataFrame(
        {"theme": ["gender"], "level": ["policy"], "outcome_id": ["OC-1"], "org_code": [None]},
        schema={"theme": pl.Utf8, "level": pl.Utf8, "outcome_id": pl.Utf8, "org_code": pl.Utf8},
    )
    counted = suppress(
        tabulate(frame, row="theme", column="level", record="outcome_id", organisation="org_code")
    )
    assert {k: (c.records, c.organisations, c.status) for k, c in counted.cells.items()} == {
        ("gender", "policy"): (1, 0, "primary"),
        ("gender", TOTAL): (1, 0, "primary"),
        (TOTAL, "policy"): (1, 0, "primary"),
        (TOTAL, TOTAL): (1, 0, "primary"),
    }
