"""What a page shows when its URL does not say."""

from __future__ import annotations

import polars as pl


def choose_programme(programmes: pl.DataFrame, requested: tuple[str, ...]) -> str | None:
    """The first programme in the URL that exists, else the latest programme with data.

    `programmes` is the `programmes` named query: newest first, with `has_data`.
    """
    codes = programmes["programme_code"].to_list()
    for code in requested:
        if code in codes:
            return code
    with_data = programmes.filter(pl.col("has_data"))["programme_code"].to_list()
    return with_data[0] if with_data else (codes[0] if codes else None)
