"""Filter controls shared by the pages: a label and a multi-select drop-down over a code list,
the programmes or the organisations, and the callback that writes their values into the URL."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import polars as pl
from dash import Input, Output, State, callback, dcc
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import _
from dashboard.url_params import encode, parse
from warehouse.codes import CODE_LISTS


def code_options(list_name: str) -> list[dict[str, str]]:
    return [{"label": _(c.label), "value": c.code} for c in CODE_LISTS[list_name]]


def programme_options(programmes: pl.DataFrame) -> list[dict[str, str]]:
    return [{"label": p, "value": p} for p in programmes["programme_code"]]


def organisation_options(organisations: pl.DataFrame) -> list[dict[str, str]]:
    return [
        {"label": f"{o['acronym']} ({o['country_code']})", "value": o["org_code"]}
        for o in organisations.iter_rows(named=True)
    ]


def multi_filter(
    label: str,
    component_id: str,
    options: Sequence[dict[str, str]] | Sequence[str],
    selected: Sequence[str],
    placeholder: str,
) -> list[Component]:
    return [
        dbc.Label(label, className="mt-2"),
        dcc.Dropdown(
            list(options), list(selected), multi=True, id=component_id, placeholder=placeholder
        ),
    ]


def write_filters_to_url(controls: dict[str, str]) -> None:
    """Register the callback that writes multi-select drop-downs into the URL (the page then
    redraws): `controls` maps each component id to its ViewState field."""
    fields = list(controls.values())

    @callback(
        Output("url", "search", allow_duplicate=True),
        [Input(component_id, "value") for component_id in controls],
        State("url", "search"),
        prevent_initial_call=True,
    )
    def _to_url(*args: object) -> str:
        *values, search = args
        state = parse(str(search or ""))
        chosen = {
            field: tuple(value) if isinstance(value, list) else ()
            for field, value in zip(fields, values, strict=True)
        }
        new = encode(state.with_(**chosen))
        if new == encode(state):
            raise PreventUpdate  # a drop-down reporting the value the URL already holds
        return new
