"""Overview (`/`): the selected programme's key figures beside the previous programme's."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import polars as pl
from dash import dcc, html

from atlas.i18n import N_, _, format_number, set_language
from dashboard import data
from dashboard.components.kpi import Comparison, breakdown_list, kpi_card
from dashboard.components.programme_select import programme_select, write_choice_to_url
from dashboard.defaults import choose_programme
from dashboard.figures.overview import outcomes_by_theme_figure, theme_comparison
from dashboard.preload import dcc_code, graph_code
from dashboard.url_params import parse
from warehouse.codes import label_of
from warehouse.connection import WarehouseMissingError
from warehouse.metrics import BREAKDOWNS, METRICS, breakdown_of

dash.register_page(
    __name__,
    path="/",
    name=N_("Overview"),
    order=0,
    icon="bi-speedometer2",
    preload=[*graph_code(), dcc_code("dropdown")],
)


def layout(**query: object) -> html.Div:
    state = parse(query)
    set_language(state.lang)
    try:
        programmes = data.query("programmes")
    except WarehouseMissingError:
        return _notice(
            _("No warehouse has been published yet: load intake files with `atlas load` first.")
        )
    programme = choose_programme(programmes, state.programmes)
    if programme is None:
        return _notice(_("The warehouse holds no programme yet."))
    row = programmes.filter(pl.col("programme_code") == programme).row(0, named=True)
    previous = row["previous_programme_code"]
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H1(_("Programme overview"), className="h3"), md=6),
                    dbc.Col(
                        programme_select("programme-select", programmes, programme),
                        md=6,
                    ),
                ],
                className="align-items-center mb-3",
            ),
            _cards(programme, previous, programmes),
            dcc.Graph(
                figure=outcomes_by_theme_figure(
                    theme_comparison(
                        data.query(
                            "outcomes_by_theme", programmes=[programme, previous or programme]
                        ),
                        programme,
                        previous,
                    ),
                    programme,
                    previous,
                ),
                id="outcomes-by-theme",
                config={"displaylogo": False},
            ),
        ],
        id="overview-page",
    )


def _notice(text: str) -> html.Div:
    return html.Div(dbc.Alert(text, color="info"), id="overview-page")


def _cards(programme: str, previous: str | None, programmes: pl.DataFrame) -> dbc.Row:
    codes = [programme] + ([previous] if previous else [])
    computed = data.metrics(codes)
    values = {r["programme_code"]: r for r in computed.iter_rows(named=True)}
    current = values[programme]
    before = values.get(previous or "", {})
    previous_has_records = bool(
        previous and programmes.filter(pl.col("programme_code") == previous)["has_data"].any()
    )
    breakdowns = {b.name: breakdown_of(computed, b) for b in BREAKDOWNS}

    def details(name: str, list_name: str) -> html.Ul:
        frame = breakdowns[name]
        now = dict(
            frame.filter(pl.col("programme_code") == programme).select("code", "value").iter_rows()
        )
        then = dict(
            frame.filter(pl.col("programme_code") == (previous or ""))
            .select("code", "value")
            .iter_rows()
        )
        return breakdown_list(
            [
                (
                    _(label_of(list_name, code)),
                    format_number(now.get(code, 0)),
                    format_number(then.get(code, 0)) if previous_has_records else "–",
                )
                for code in dict.fromkeys([*now, *then])
            ],
            f"breakdown-{name}",
        )

    extra = {
        "exchanges": details("exchanges_by_modality", "modality"),
        "outcomes": details("outcomes_by_level", "outcome_level"),
    }
    cards = [
        dbc.Col(
            kpi_card(
                metric,
                current.get(metric.name),
                Comparison(previous, before.get(metric.name), previous_has_records),
                illustrative=bool(current.get(metric.fact + "_illustrative")),
                details=extra.get(metric.name),
            ),
            md=6,
            lg=3,
            className="mb-3",
        )
        for metric in METRICS
    ]
    return dbc.Row(cards, id="kpi-cards")


write_choice_to_url("programme-select")
