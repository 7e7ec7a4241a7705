"""Network (`/network`): who learned from whom, which pairs learned both ways, who gives and
who receives, under the shared filter in the URL."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from atlas.i18n import N_, _, set_language
from dashboard import data
from dashboard.figures.network import balance, learning_matrix, reciprocal_pairs
from dashboard.url_params import parse
from warehouse.connection import WarehouseMissingError

dash.register_page(__name__, path="/network", name=N_("Network"), order=40, icon="bi-diagram-3")


def layout(**query: object) -> Component:
    state = parse(query)
    set_language(state.lang)
    try:
        pairs = data.query("network_pairs", **state.filters())
    except WarehouseMissingError:
        return dbc.Alert(_("No warehouse has been published yet."), color="info", id="network-page")
    if pairs.is_empty():
        return dbc.Alert(
            _("No exchange matches these filters."), color="secondary", id="network-page"
        )
    names = {
        code: f"{acronym} ({country})"
        for code, acronym, country in [
            *zip(pairs["learner"], pairs["learner_acronym"], pairs["learner_country"], strict=True),
            *zip(pairs["host"], pairs["host_acronym"], pairs["host_country"], strict=True),
        ]
    }
    two_way = reciprocal_pairs(pairs)
    rows = balance(pairs)
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
            dbc.Row(
                [
                    dbc.Col(
                        dcc.Graph(
                            figure=learning_matrix(pairs),
                            id="learning-matrix",
                            config={"displaylogo": False},
                        ),
                        md=8,
                    ),
                    dbc.Col(
                        [
                            html.H2(_("Learned both ways"), className="h6"),
                            html.Ul(
                                [html.Li(f"{names[a]} ⇄ {names[b]}") for a, b in two_way]
                                or [html.Li(_("none yet"))],
                                id="reciprocal-pairs",
                            ),
                            html.H2(_("Hosted and visited"), className="h6 mt-3"),
                            dbc.Table(
                                [
                                    html.Thead(
                                        html.Tr(
                                            [
                                                html.Th(_("Organisation")),
                                                html.Th(_("Delegations hosted")),
                                                html.Th(_("Visits made")),
                                                html.Th(_("Balance")),
                                            ]
                                        )
                                    ),
                                    html.Tbody(
                                        [
                                            html.Tr(
                                                [
                                                    html.Td(f"{r['acronym']} ({r['country']})"),
                                                    html.Td(r["hosted"]),
                                                    html.Td(r["visited"]),
                                                    html.Td(f"{r['balance']:+d}"),
                                                ],
                                                id=f"balance-{r['org_code']}",
                                            )
                                            for r in rows.iter_rows(named=True)
                                        ]
                                    ),
                                ],
                                size="sm",
                                bordered=True,
                                id="network-balance",
                            ),
                        ],
                        md=4,
                    ),
                ]
            ),
        ],
        id="network-page",
    )
