"""Disclosure control for public figures: pure functions, no I/O.

The public view (`dashboard/public_view.py`) passes every figure through these rules, in order:

1. High-risk countries are rolled up to their region before anything is counted
   (`roll_up_high_risk`): their rows lose the country and keep the region, so no public figure
   can be cut by such a country.
2. Primary suppression (`suppress`): a cell counting fewer than `MIN_ORGANISATIONS` distinct
   organisations is hidden, however many records or participations it holds (forty
   participations from two unions still describe those two unions). Totals are computed from
   all records, never summed from the cells shown, and a total is hidden by the same rule.
3. Complementary suppression (`suppress`): a row or column whose total is shown and which holds
   exactly one hidden cell would give that cell away by subtraction, so its next-smallest cell
   is hidden too (the total itself when no other cell is left); the row totals with the grand
   total, and the column totals with it, are lines of their own. This repeats until nothing
   changes, since each new hidden cell may leave another line with a single hidden cell.

Cells that count no record at all are structural zeros: shown as empty, never hidden and never
picked to protect another cell (an empty cell tells nothing about any organisation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

import polars as pl

MIN_ORGANISATIONS: Final = 3

Status = Literal["shown", "primary", "complementary"]
# A cell's address; TOTAL in place of a row or column code addresses a margin.
Key = tuple[str | None, str | None]
TOTAL: Final = None


@dataclass(frozen=True)
class Cell:
    records: int  # distinct records counted: exchanges, outcomes
    organisations: int  # distinct organisations behind those records
    amount: int = 0  # a summed measure such as participations; 0 where there is none
    status: Status = "shown"

    @property
    def hidden(self) -> bool:
        return self.status != "shown"


@dataclass(frozen=True)
class Table:
    """A cross-table with its margins: `cells` holds every inner cell that counts at least one
    record, every row and column total, and the grand total at (TOTAL, TOTAL)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[Key, Cell]

    def cell(self, row: str | None, column: str | None) -> Cell | None:
        """The cell, or None for an inner cell that counts nothing."""
        return self.cells.get((row, column))

    def lines(self) -> list[tuple[list[Key], Key]]:
        """Every line whose members add up (or nearly) to a total shown beside them."""
        found: list[tuple[list[Key], Key]] = []
        for row in self.rows:
            found.append(([(row, c) for c in self.columns], (row, TOTAL)))
        for column in self.columns:
            found.append(([(r, column) for r in self.rows], (TOTAL, column)))
        found.append(([(r, TOTAL) for r in self.rows], (TOTAL, TOTAL)))
        found.append(([(TOTAL, c) for c in self.columns], (TOTAL, TOTAL)))
        return found

    def count(self, status: Status) -> int:
        return sum(1 for c in self.cells.values() if c.status == status)


def roll_up_high_risk(
    frame: pl.DataFrame,
    *,
    country: str = "country_code",
    flag: str = "high_risk",
) -> pl.DataFrame:
    """Rows of high-risk countries lose their country (their region column stays), and the flag
    itself is dropped so it cannot travel further. A missing flag on a known country counts as
    high risk: when in doubt, nothing finer than the region leaves."""
    high_risk = pl.col(flag).fill_null(pl.col(country).is_not_null())
    return frame.with_columns(
        pl.when(high_risk).then(None).otherwise(pl.col(country)).alias(country)
    ).drop(flag)


def _ordered(found: Sequence[str], order: Sequence[str] | None) -> tuple[str, ...]:
    """The values found, in the given order first, then any others sorted."""
    present = set(found)
    first = [v for v in order or () if v in present]
    return (*first, *sorted(present - set(first)))


def tabulate(
    frame: pl.DataFrame,
    *,
    row: str,
    column: str,
    record: str,
    organisation: str,
    amount: str | None = None,
    row_order: Sequence[str] | None = None,
    column_order: Sequence[str] | None = None,
) -> Table:
    """Count `frame` (one row per record and organisation) per row × column code, and compute
    every total from all records: a record or organisation in several cells counts once in a
    total. `row` and `column` must hold no nulls (name the unknown first)."""
    for name in (row, column):
        if frame[name].null_count():
            raise ValueError(f"column {name} holds nulls: give them a code before counting")
    measures = [
        pl.col(record).n_unique().alias("records"),
        pl.col(organisation).drop_nulls().n_unique().alias("organisations"),
        (pl.col(amount).fill_null(0).sum() if amount else pl.lit(0)).alias("amount"),
    ]

    def cell_of(values: Mapping[str, object]) -> Cell:
        return Cell(
            records=int(str(values["records"])),
            organisations=int(str(values["organisations"])),
            amount=int(str(values["amount"] or 0)),
        )

    cells: dict[Key, Cell] = {}
    for values in frame.group_by(row, column).agg(measures).iter_rows(named=True):
        cells[(values[row], values[column])] = cell_of(values)
    for values in frame.group_by(row).agg(measures).iter_rows(named=True):
        cells[(values[row], TOTAL)] = cell_of(values)
    for values in frame.group_by(column).agg(measures).iter_rows(named=True):
        cells[(TOTAL, values[column])] = cell_of(values)
    if frame.height:
        cells[(TOTAL, TOTAL)] = cell_of(frame.select(measures).row(0, named=True))
    else:
        cells[(TOTAL, TOTAL)] = Cell(records=0, organisations=0)
    return Table(
        rows=_ordered(frame[row].unique().to_list(), row_order),
        columns=_ordered(frame[column].unique().to_list(), column_order),
        cells=cells,
    )


def suppress(table: Table, minimum: int = MIN_ORGANISATIONS) -> Table:
    """The table with primary and complementary suppression applied (see the module's rules)."""
    status: dict[Key, Status] = {
        key: "primary" if cell.records > 0 and cell.organisations < minimum else "shown"
        for key, cell in table.cells.items()
    }
    lines = table.lines()
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if status[total] != "shown":
                continue  # nothing to subtract from
            present = [m for m in members if m in status]
            hidden = [m for m in present if status[m] != "shown"]
            if len(hidden) != 1:
                continue
            candidates = [m for m in present if status[m] == "shown"]
            if candidates:
                cells = table.cells
                pick = min(
                    candidates,
                    key=lambda m: (
                        cells[m].organisations,
                        cells[m].records,
                        cells[m].amount,
                        present.index(m),
                    ),
                )
            else:
                pick = total  # the total would be the hidden cell itself
            status[pick] = "complementary"
            changed = True
    return replace(
        table, cells={key: replace(cell, status=status[key]) for key, cell in table.cells.items()}
    )
