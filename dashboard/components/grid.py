"""A small sortable table as one AG Grid: one component, where an HTML table is about ten per
row, each built and sent to the browser on every request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dash_ag_grid as dag

SHORT_ROWS = 12  # a grid of at most this many rows is as tall as its rows; a longer one scrolls


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    flex: int = 1
    numeric: bool = False
    tooltip_field: str | None = None
    sortable: bool = True  # False for text that does not sort as its value would ("1 · 12")


def table_grid(grid_id: str, rows: list[dict[str, Any]], columns: list[Column]) -> dag.AgGrid:
    short = len(rows) <= SHORT_ROWS
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=[
            {
                "field": c.field,
                "headerName": c.header,
                "flex": c.flex,
                **({"tooltipField": c.tooltip_field} if c.tooltip_field else {}),
                **({"type": "numericColumn"} if c.numeric else {}),
                **({} if c.sortable else {"sortable": False}),
            }
            for c in columns
        ],
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={"tooltipShowDelay": 300, **({"domLayout": "autoHeight"} if short else {})},
        style={"height": None} if short else {"height": "460px"},
    )
