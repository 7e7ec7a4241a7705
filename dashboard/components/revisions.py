"""A snapshot chooser and the revisions made since a snapshot: a figure sent to a funder can
always be found again, with what changed after it and why."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import polars as pl
from dash import Input, Output, State, callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import _, format_number
from dashboard import data
from dashboard.url_params import ViewState, encode, parse
from warehouse.codes import label_of
from warehouse.snapshots import Revisions


def snapshot_select(component_id: str, state: ViewState) -> Component:
    snapshots = data.snapshots()
    options = [
        {
            "label": f"{s.label} · {s.created_at:%Y-%m-%d} · "
            + _("version {n}").format(n=s.warehouse_version),
            "value": s.label,
        }
        for s in snapshots
    ]
    return html.Div(
        [
            dbc.Label(_("Compare with what was reported"), html_for=component_id),
            dcc.Dropdown(
                options,
                state.snapshot,
                id=component_id,
                placeholder=_("no snapshot: today's figures only")
                if options
                else _("no snapshot taken yet (atlas snapshot --label …)"),
                disabled=not options,
            ),
        ]
    )


def write_snapshot_to_url(component_id: str) -> None:
    @callback(
        Output("url", "search", allow_duplicate=True),
        Input(component_id, "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def _choose(label: str | None, search: str | None) -> str:
        state = parse(search)
        new = encode(state.with_(snapshot=label or None))
        if new == encode(state):
            raise PreventUpdate  # the drop-down reporting the value the URL already holds
        return new


def _value(value: float | None, comment: str | None) -> str:
    shown = format_number(value) if value is not None else "–"
    return f"{shown} ({comment})" if comment else shown


def revisions_section(label: str, revisions: Revisions | None) -> Component:
    """Indicator values and outcomes changed since the snapshot, old beside new."""
    if revisions is None:
        return dbc.Alert(
            _("No snapshot '{label}' could be read.").format(label=label),
            color="warning",
            id="revisions",
        )
    values: pl.DataFrame = revisions.indicator_values
    outcomes: pl.DataFrame = revisions.outcomes
    change = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
    value_rows = [
        html.Tr(
            [
                html.Td(r["name"]),
                html.Td(str(r["year"])),
                html.Td(
                    _("Baseline")
                    if r["kind"] == "baseline"
                    else _(label_of("value_kind", r["kind"]))
                ),
                html.Td(change.get(r["change"], r["change"])),
                html.Td(_value(r["old_value"], r["old_comment"])),
                html.Td(_value(r["new_value"], r["new_comment"])),
            ]
        )
        for r in values.iter_rows(named=True)
    ]
    outcome_rows = [
        html.Tr(
            [
                html.Td(r["outcome_id"]),
                html.Td(change.get(r["change"], r["change"])),
                html.Td(", ".join(r["fields"] or [])),
                html.Td(r["old_description"] or "–", className="small"),
                html.Td(r["new_description"] or "–", className="small"),
            ]
        )
        for r in outcomes.iter_rows(named=True)
    ]
    return html.Div(
        [
            html.H2(_("Revisions since '{label}'").format(label=label), className="h5 mt-4"),
            _table(
                [_("Indicator"), _("Year"), _("Value"), _("Change"), _("Reported"), _("Today")],
                value_rows,
                "revised-values",
            ),
            _table(
                [_("Outcome"), _("Change"), _("Fields"), _("Reported"), _("Today")],
                outcome_rows,
                "revised-outcomes",
            ),
        ],
        id="revisions",
    )


def _table(headers: list[str], rows: Sequence[Component], component_id: str) -> Component:
    empty = [html.Tr(html.Td(_("no change"), colSpan=len(headers)))]
    return dbc.Table(
        [html.Thead(html.Tr([html.Th(h) for h in headers])), html.Tbody(list(rows) or empty)],
        size="sm",
        bordered=True,
        id=component_id,
    )
