"""Network (`/network`): who learned from whom, which pairs learned both ways, who gives and
who receives, under the shared filter in the URL."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import polars as pl
from dash import dcc, html
from dash.development.base_component import Component

from atlas.i18n import N_, _, format_number, format_share, set_language
from dashboard import data
from dashboard.components.filters import (
    code_options,
    multi_filter,
    programme_options,
    write_filters_to_url,
)
from dashboard.components.grid import Column, table_grid
from dashboard.figures.network import (
    balance,
    label,
    learning_matrix,
    network_figure,
    overall_reciprocity,
    pair_reciprocity,
)
from dashboard.preload import dcc_code, graph_code
from dashboard.url_params import ViewState, parse
from warehouse.connection import WarehouseMissingError

dash.register_page(
    __name__,
    path="/network",
    name=N_("Network"),
    order=40,
    icon="bi-diagram-3",
    preload=[*graph_code(), dcc_code("dropdown")],
)


def _filters(state: ViewState, programmes: pl.DataFrame) -> Component:
    return dbc.Row(
        [
            dbc.Col(
                multi_filter(
                    _("Programmes"),
                    "network-programme",
                    programme_options(programmes),
                    state.programmes,
                    _("All programmes"),
                ),
                md=6,
            ),
            dbc.Col(
                multi_filter(
                    _("Themes"),
                    "network-theme",
                    code_options("canonical_theme"),
                    state.themes,
                    _("All themes"),
                ),
                md=6,
            ),
        ],
        className="mb-2",
    )


def _reciprocal_pairs(two_way: pl.DataFrame, names: dict[str, str]) -> Component:
    if two_way.is_empty():
        return html.P(_("none yet"), id="reciprocal-pairs", className="small")
    rows = [
        {
            "pair": f"{names[r['a']]} ⇄ {names[r['b']]}",
            "each_way": f"{format_number(r['a_from_b'])} · {format_number(r['b_from_a'])}",
            "reciprocity": format_share(r["reciprocity"]),
        }
        for r in two_way.iter_rows(named=True)  # most reciprocal first
    ]
    columns = [
        Column("pair", _("Pair"), 4),
        Column("each_way", _("Participations each way"), 3, sortable=False),
        Column("reciprocity", _("Reciprocity"), 2, sortable=False),
    ]
    return table_grid("reciprocal-pairs", rows, columns)


def _balance(rows: pl.DataFrame) -> Component:
    columns = [
        Column("organisation", _("Organisation"), 3),
        Column("hosted", _("Delegations hosted"), 3, numeric=True),
        Column("visited", _("Visits made"), 2, numeric=True),
        Column("balance", _("Balance"), 2, numeric=True),
    ]
    return table_grid(
        "network-balance",
        [
            {
                "organisation": label(r["acronym"], r["country"]),
                "hosted": r["hosted"],
                "visited": r["visited"],
                "balance": r["balance"],
            }
            for r in rows.iter_rows(named=True)
        ],
        columns,
    )


def layout(**query: object) -> Component:
    state = parse(query)
    set_language(state.lang)
    try:
        programmes = data.query("programmes")
        pairs = data.query("network_pairs", **state.filters())
    except WarehouseMissingError:
        return dbc.Alert(_("No warehouse has been published yet."), color="info", id="network-page")
    if pairs.is_empty():
        return html.Div(
            [
                _filters(state, programmes),
                dbc.Alert(_("No exchange matches these filters."), color="secondary"),
            ],
            id="network-page",
        )
    names = {
        code: label(acronym, country)
        for code, acronym, country in [
            *zip(pairs["learner"], pairs["learner_acronym"], pairs["learner_country"], strict=True),
            *zip(pairs["host"], pairs["host_acronym"], pairs["host_country"], strict=True),
        ]
    }
    reciprocity = pair_reciprocity(pairs)
    two_way = reciprocity.filter(pl.col("reciprocity") > 0)
    scope = ", ".join(state.programmes) or _("all programmes")
    return html.Div(
        [
            html.H1(_("Learning network"), className="h3"),
            html.P(
                _(
                    "Exchanges of {scope}. A delegation that visits, or an expert sent, "
                    "learns from or teaches the host; seminars count every participating "
                    "organisation."
                ).format(scope=scope),
                className="text-muted",
            ),
            _filters(state, programmes),
            dbc.Row(
                [
                    dbc.Col(
                        dcc.Graph(
                            figure=network_figure(pairs),
                            id="learning-network",
                            config={"displaylogo": False},
                        ),
                        md=8,
                    ),
                    dbc.Col(
                        [
                            html.H2(_("Learned both ways"), className="h6"),
                            html.P(
                                _("{share} of learning flows went both ways.").format(
                                    share=format_share(overall_reciprocity(pairs))
                                ),
                                id="overall-reciprocity",
                                className="small",
                            ),
                            _reciprocal_pairs(two_way, names),
                            html.P(
                                _(
                                    "Reciprocity: the smaller flow over the larger (100 % when "
                                    "as many learned each way). {one_way} pairs learned one way "
                                    "only."
                                ).format(
                                    one_way=format_number(reciprocity.height - two_way.height)
                                ),
                                className="small text-muted",
                                id="one-way-pairs",
                            ),
                            html.H2(_("Hosted and visited"), className="h6 mt-3"),
                            _balance(balance(pairs)),
                        ],
                        md=4,
                    ),
                ]
            ),
            dcc.Graph(
                figure=learning_matrix(pairs),
                id="learning-matrix",
                config={"displaylogo": False},
            ),
        ],
        id="network-page",
    )


write_filters_to_url({"network-programme": "programmes", "network-theme": "themes"})
