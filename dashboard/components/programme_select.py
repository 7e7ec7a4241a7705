"""The programme drop-down of the pages that show one programme, writing its choice in the URL."""

from __future__ import annotations

import polars as pl
from dash import Input, Output, State, callback, dcc
from dash.exceptions import PreventUpdate

from dashboard import data
from dashboard.defaults import choose_programme
from dashboard.url_params import encode, parse


def programme_select(component_id: str, programmes: pl.DataFrame, programme: str) -> dcc.Dropdown:
    options = [
        {"label": f"{p['programme_code']} · {p['name']}", "value": p["programme_code"]}
        for p in programmes.iter_rows(named=True)
    ]
    return dcc.Dropdown(options, programme, id=component_id, clearable=False, searchable=False)


def write_choice_to_url(component_id: str) -> None:
    """Register the callback that puts the chosen programme in the URL (the page redraws)."""

    @callback(
        Output("url", "search", allow_duplicate=True),
        Input(component_id, "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def _choose(programme: str, search: str | None) -> str:
        state = parse(search)
        if programme == choose_programme(data.query("programmes"), state.programmes):
            raise PreventUpdate  # the programme shown already: the drop-down reporting its value
        return encode(state.with_(programmes=(programme,)))
