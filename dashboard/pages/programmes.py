"""Programmes (`/programmes`): the results framework against its targets, and the innovation
plans pipeline, for the programme in the URL."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from atlas.i18n import N_, _, format_number, format_share, set_language
from dashboard import data
from dashboard.components.programme_select import programme_select, write_choice_to_url
from dashboard.defaults import choose_programme
from dashboard.figures.programmes import (
    STATUS_COLOURS,
    STATUS_LABELS,
    Cell,
    framework,
    pipeline_figure,
)
from dashboard.url_params import parse
from warehouse.connection import WarehouseMissingError

dash.register_page(
    __name__, path="/programmes", name=N_("Programmes"), order=30, icon="bi-bullseye"
)


def _cell(cell: Cell, measure_type: str, unit: str) -> Component:
    if measure_type == "qualitative":
        return html.Td(cell.text or "–", className="small")
    target = format_number(cell.target) if cell.target is not None else "–"
    actual = format_number(cell.actual) if cell.actual is not None else "–"
    badge = (
        dbc.Badge(
            _(STATUS_LABELS[cell.status]),
            color="light",
            className="ms-1 border",
            style={"color": STATUS_COLOURS[cell.status]},
        )
        if cell.status
        else None
    )
    return html.Td([html.Span(f"{actual} / {target}{unit}"), badge], title=cell.text or "")


def layout(**query: object) -> Component:
    state = parse(query)
    set_language(state.lang)
    try:
        programmes = data.query("programmes")
    except WarehouseMissingError:
        return dbc.Alert(
            _("No warehouse has been published yet."), color="info", id="programmes-page"
        )
    programme = choose_programme(programmes, state.programmes)
    if programme is None:
        return dbc.Alert(
            _("The warehouse holds no programme yet."), color="info", id="programmes-page"
        )
    years, rows = framework(data.query("programme_indicators", programme=programme, objective=None))
    header = html.Tr(
        [html.Th(_("Indicator")), html.Th(_("Baseline"))] + [html.Th(str(y)) for y in years]
    )
    body = [
        html.Tr(
            [html.Td(row.name), html.Td(row.baseline)]
            + [
                _cell(row.cells[y], row.measure_type, " %" if row.unit == "%" else "")
                for y in years
            ],
            id=f"indicator-{row.indicator_id}",
        )
        for row in rows
    ]
    table = (
        dbc.Table(
            [html.Thead(header), html.Tbody(body)], bordered=True, size="sm", id="results-framework"
        )
        if rows
        else dbc.Alert(_("No results framework recorded for this programme."), color="secondary")
    )
    gaps = data.query("exchanges_without_plan", programme=programme).row(0, named=True)
    share = gaps["without_plan"] / gaps["exchanges"] if gaps["exchanges"] else None
    pipeline = data.query("plan_pipeline", programme=programme)
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H1(_("Programme results"), className="h3"), md=6),
                    dbc.Col(
                        programme_select("programmes-select", programmes, programme),
                        md=6,
                    ),
                ],
                className="align-items-center mb-3",
            ),
            html.H2(
                [
                    _("Results framework: actual / target per year"),
                    dbc.Badge(
                        _("includes illustrative records"), className="illustrative-badge ms-2 fs-6"
                    )
                    if any(r.illustrative for r in rows)
                    else None,
                ],
                className="h5",
            ),
            html.P(
                _(
                    "Status: achieved when the final target is met, on track when the year's "
                    "target is met, by the indicator's direction and aggregation; qualitative "
                    "indicators show their text. Hover a value for its comment."
                ),
                className="small text-muted",
            ),
            table,
            html.H2(_("Innovation plans"), className="h5 mt-4"),
            dbc.Row(
                [
                    dbc.Col(
                        dcc.Graph(
                            figure=pipeline_figure(pipeline),
                            id="plan-pipeline",
                            config={"displaylogo": False},
                        ),
                        md=8,
                    ),
                    dbc.Col(
                        html.P(
                            _(
                                "{share} of this programme's visits, missions and joint actions "
                                "led to no innovation plan ({without} of {total}): the "
                                "evaluation found such exchanges risked limited effects."
                            ).format(
                                share=format_share(share),
                                without=format_number(gaps["without_plan"]),
                                total=format_number(gaps["exchanges"]),
                            ),
                            id="exchanges-without-plan",
                        ),
                        md=4,
                        className="align-self-center",
                    ),
                ]
            ),
        ],
        id="programmes-page",
    )


write_choice_to_url("programmes-select")
