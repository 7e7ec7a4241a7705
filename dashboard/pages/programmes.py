"""Programmes (`/programmes`): for the programme in the URL, the results framework against its
targets and its participations by sex (with the DGD panel for staff), or its innovation plans;
or every programme compared: one part at a time, chosen by `?section=`."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
import polars as pl
from dash import dcc, html
from dash.development.base_component import Component

from atlas.i18n import N_, _, format_number, format_share, set_language
from dashboard import data
from dashboard.components.dgd_panel import dgd_panel
from dashboard.components.filters import code_options, multi_filter, write_filters_to_url
from dashboard.components.grid import Column, table_grid
from dashboard.components.programme_select import programme_select, write_choice_to_url
from dashboard.components.revisions import (
    revisions_section,
    snapshot_select,
    write_snapshot_to_url,
)
from dashboard.defaults import choose_programme
from dashboard.figures.programmes import (
    STATUS_COLOURS,
    STATUS_LABELS,
    Cell,
    comparison_table,
    framework,
    initiator_figure,
    methods_figure,
    participation_by_sex_figure,
    pipeline_figure,
    theme_multiples,
)
from dashboard.preload import dcc_code, graph_code
from dashboard.url_params import ViewState, encode, parse
from warehouse.codes import label_of
from warehouse.connection import WarehouseMissingError

dash.register_page(
    __name__,
    path="/programmes",
    name=N_("Programmes"),
    order=30,
    icon="bi-bullseye",
    preload=[*graph_code(), dcc_code("dropdown")],
)


def _reported(cell: Cell, reported: Cell | None) -> Component | None:
    """The value as reported in the chosen snapshot, marked when it has changed since."""
    if reported is None:
        return None
    value = reported.text if reported.actual is None else format_number(reported.actual)
    today = cell.text if cell.actual is None else format_number(cell.actual)
    return html.Div(
        _("reported: {value}").format(value=value or "–"),
        className="small reported" + (" text-danger fw-bold" if value != today else " text-muted"),
    )


def _cell(cell: Cell, measure_type: str, unit: str, reported: Cell | None = None) -> Component:
    if measure_type == "qualitative":
        return html.Td([cell.text or "–", _reported(cell, reported)], className="small")
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
    return html.Td(
        [html.Span(f"{actual} / {target}{unit}"), badge, _reported(cell, reported)],
        title=cell.text or "",
    )


def _graph(figure: object, component_id: str) -> dcc.Graph:
    return dcc.Graph(figure=figure, id=component_id, config={"displaylogo": False})


# A grid rather than an HTML table: one component whatever the rows (100 rows of eight cells
# were about 900 Dash components, 25 ms of the section's 46 ms on the server, and 130 ms of its
# first render), drawn only as far as it is scrolled, and sorted by any column.
def _plans(plans: pl.DataFrame) -> Component:
    columns = [
        Column("title", _("Plan"), 3, tooltip_field="plan_id"),
        Column("organisation", _("Organisation"), 2),
        Column("theme", _("Theme"), 2),
        Column("status", _("Status"), 2),
        Column("days_to_adopt", _("Days to adopt"), numeric=True),
        Column("days_to_start", _("Days to start"), numeric=True),
        Column("days_to_implement", _("Days to implement"), numeric=True),
        Column("outcomes", _("Outcomes"), numeric=True),
    ]
    rows = [
        {
            "plan_id": p["plan_id"],
            "title": p["title"],
            "organisation": f"{p['acronym']} ({p['country_code']})",
            "theme": _(label_of("canonical_theme", p["canonical_theme"]))
            if p["canonical_theme"]
            else p["theme_code"],
            "status": _(label_of("plan_status", p["current_status"]))
            if p["current_status"]
            else "–",
            "days_to_adopt": p["days_to_adopt"],
            "days_to_start": p["days_to_start"],
            "days_to_implement": p["days_to_implement"],
            "outcomes": p["outcomes"],
        }
        for p in plans.iter_rows(named=True)
    ]
    return table_grid("plans-table", rows, columns)


def _plans_shown(plans: pl.DataFrame) -> Component | None:
    """Says so when the table holds only the first of the matching plans."""
    matching = int(plans["matching_plans"][0]) if plans.height else 0
    if matching <= plans.height:
        return None
    return html.P(
        _("The first {shown} of {matching} plans, by theme and organisation.").format(
            shown=format_number(plans.height), matching=format_number(matching)
        ),
        className="small text-muted",
        id="plans-shown",
    )


def _comparison(state: ViewState) -> Component:
    figures = data.query("programme_comparison", themes=list(state.themes))
    mix = data.query("programme_mix", themes=list(state.themes))
    programmes, rows = comparison_table(figures)
    table = dbc.Table(
        [
            html.Thead(html.Tr([html.Th("")] + [html.Th(p) for p in programmes])),
            html.Tbody(
                [
                    html.Tr([html.Th(label)] + [html.Td(v) for v in values], id=f"compare-{name}")
                    for name, label, values in rows
                ]
            ),
        ],
        size="sm",
        bordered=True,
        id="programme-comparison",
    )
    return html.Div(
        [
            html.P(
                _(
                    "Themes changed between programmes: they are compared through the recorded "
                    "mapping to the five common themes; a theme without one is not comparable. "
                    "Shares are taken over the exchanges where their basis was recorded."
                ),
                className="small text-muted",
            ),
            dbc.Row(
                [
                    dbc.Col(table, md=6),
                    dbc.Col(
                        [
                            _graph(methods_figure(mix), "methods-mix"),
                            _graph(initiator_figure(mix), "initiators"),
                        ],
                        md=6,
                    ),
                ]
            ),
            _graph(theme_multiples(mix), "theme-multiples"),
        ]
    )


# The page's parts, one at a time: each is a question of its own (this programme against its
# targets; its innovation plans; every programme side by side), and drawing all of them at once
# took 1.7-1.9 s in Chromium at 1M exchanges, the five graphs and the plans table most of it.
SECTIONS = {
    "results": N_("Results framework"),
    "plans": N_("Innovation plans"),
    "compare": N_("Programmes compared"),
}
FIRST_SECTION = "results"


def _section_of(state: ViewState) -> str:
    return state.section if state.section in SECTIONS else FIRST_SECTION


def _sections(state: ViewState, shown: str) -> dbc.Nav:
    """Links to the page's parts, keeping the filters (the first part needs no parameter)."""
    return dbc.Nav(
        [
            dbc.NavItem(
                dbc.NavLink(
                    _(label),
                    href=dash.get_relative_path("/programmes")
                    + encode(state.with_(section=None if key == FIRST_SECTION else key)),
                    active=key == shown,
                    id=f"programmes-section-{key}",
                )
            )
            for key, label in SECTIONS.items()
        ],
        pills=True,
        className="mb-3",
        id="programmes-sections",
    )


def _theme_filter(state: ViewState) -> Component:
    return dbc.Row(
        dbc.Col(
            multi_filter(
                _("Themes"),
                "programmes-theme",
                code_options("canonical_theme"),
                state.themes,
                _("All themes"),
            ),
            md=6,
        ),
        className="mb-3",
    )


def _results(state: ViewState, programme: str, chosen: dict[str, Any]) -> list[Component | None]:
    years, rows = framework(data.query("programme_indicators", programme=programme, objective=None))
    reported: dict[tuple[str, int], Cell] = {}
    if state.snapshot:
        frozen = data.snapshot_query(
            state.snapshot, "programme_indicators", programme=programme, objective=None
        )
        if frozen is not None:
            reported = {
                (row.indicator_id, year): cell
                for row in framework(frozen)[1]
                for year, cell in row.cells.items()
            }
    header = html.Tr(
        [html.Th(_("Indicator")), html.Th(_("Baseline"))] + [html.Th(str(y)) for y in years]
    )
    body = [
        html.Tr(
            [html.Td(row.name), html.Td(row.baseline)]
            + [
                _cell(
                    row.cells[y],
                    row.measure_type,
                    " %" if row.unit == "%" else "",
                    reported.get((row.indicator_id, y)) if state.snapshot else None,
                )
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
    return [
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
        # the programme's participation over all themes: this section has no theme filter
        _graph(
            participation_by_sex_figure(
                data.query("participation_by_year", programme=programme, themes=[])
            ),
            "participation-by-sex",
        ),
        revisions_section(state.snapshot, data.revisions_since(state.snapshot, programme))
        if state.snapshot
        else None,
        dgd_panel(programme, int(chosen["start_year"]), int(chosen["end_year"])),
    ]


def _innovation_plans(state: ViewState, programme: str) -> list[Component | None]:
    statuses = data.query("plan_pipeline", programme=programme)
    gaps = statuses.row(0, named=True)  # on every row, and the only row without a plan
    share = gaps["without_plan"] / gaps["exchanges"] if gaps["exchanges"] else None
    pipeline = statuses.filter(pl.col("status").is_not_null())
    plans = data.query("plan_table", programme=programme, themes=list(state.themes))
    return [
        dbc.Row(
            [
                dbc.Col(_graph(pipeline_figure(pipeline), "plan-pipeline"), md=8),
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
        _theme_filter(state),
        html.H2(_("Plans per theme and organisation"), className="h6"),
        _plans_shown(plans),
        _plans(plans),
    ]


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
    chosen = next(p for p in programmes.iter_rows(named=True) if p["programme_code"] == programme)
    shown = _section_of(state)
    if shown == "plans":
        content = _innovation_plans(state, programme)
    elif shown == "compare":
        content = [_theme_filter(state), _comparison(state)]
    else:
        content = _results(state, programme, chosen)
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H1(_("Programme results"), className="h3"), md=6),
                    dbc.Col(
                        # every programme is compared: no choice to make there
                        programme_select("programmes-select", programmes, programme)
                        if shown != "compare"
                        else None,
                        md=3,
                    ),
                    dbc.Col(
                        snapshot_select("programmes-snapshot", state)
                        if shown == FIRST_SECTION
                        else None,
                        md=3,
                    ),
                ],
                className="align-items-center mb-3",
            ),
            _sections(state, shown),
            *content,
        ],
        id="programmes-page",
    )


write_choice_to_url("programmes-select")
write_snapshot_to_url("programmes-snapshot")
write_filters_to_url({"programmes-theme": "themes"})
