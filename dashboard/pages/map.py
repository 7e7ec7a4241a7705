"""Map (`/map`): where exchanges went, country by country, under the filter in the URL.

The URL is the single source of the view: every control writes it, and the page is drawn from
it, so a link restores the view exactly. `?present=1` shows the map alone, for a meeting.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import dash
import dash_bootstrap_components as dbc
import plotly.io as pio
import polars as pl
from dash import ALL, Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import N_, _, country_name, format_number, set_language, set_second_language
from dashboard import data
from dashboard.components.filters import (
    code_options,
    multi_filter,
    organisation_options,
    programme_options,
)
from dashboard.figures import Figure
from dashboard.figures.map import DEFAULT_MEASURE, MEASURES, map_figure, source_line
from dashboard.preload import dcc_code, graph_code
from dashboard.url_params import ViewState, encode, parse
from warehouse.codes import CODE_LISTS, label_of
from warehouse.connection import WarehouseMissingError
from warehouse.query import nested

dash.register_page(
    __name__,
    path="/map",
    name=N_("Map"),
    order=10,
    icon="bi-globe2",
    preload=[*graph_code(), dcc_code("dropdown"), dcc_code("slider")],
)

FIRST_YEAR, LAST_YEAR = 1992, datetime.now().year
PLAY_FROM = 2012  # the first year with exchanges on record
ZOOM_LABELS = {
    "world": N_("World"),
    "africa": N_("Africa"),
    "asia": N_("Asia"),
    "latin_america_caribbean": N_("Latin America"),
}


def graph_config(filename: str = "solidarity-atlas-map") -> Any:  # dcc.Graph config
    """Geometry from the app itself (plotly.js would fetch it from its CDN) and slide export."""
    return {
        "topojsonURL": dash.get_asset_url("geo/"),
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "width": 1920,
            "height": 1080,
            "filename": filename,
        },
    }


def presentation_sequence(state: ViewState, programmes: pl.DataFrame) -> list[str]:
    """The views a presenter steps through with the arrow keys: every programme together, each
    programme with data from the first, then each common theme across programmes."""
    base = state.with_(present="1", programmes=(), themes=())
    with_data = programmes.filter(pl.col("has_data")).sort("start_year")["programme_code"]
    views = [base, *(base.with_(programmes=(p,)) for p in with_data)]
    views += [base.with_(themes=(c.code,)) for c in CODE_LISTS["canonical_theme"]]
    return [dash.get_relative_path("/map") + encode(view) for view in views]


def build_figure(
    state: ViewState, height: int | None = 620, font_size: int = 12
) -> tuple[Figure, str]:
    """The map for a view, and its source line."""
    view = data.query("map_view", **state.filters())
    countries, flows = nested(view, "country_rows"), nested(view, "flow_rows")
    as_of = data.query("data_as_of")["loaded_at"][0]
    line = source_line(state.programmes, as_of.strftime("%Y-%m-%d") if as_of else "–")
    title = _("Exchanges between partner unions") + (
        f" · {', '.join(state.programmes)}" if state.programmes else ""
    )
    return map_figure(
        countries,
        flows,
        state.measure or DEFAULT_MEASURE,
        state.zoom or "world",
        title=title,
        source_line=line,
        height=height,
        font_size=font_size,
    ), line


def layout(**query: object) -> Component:
    state = parse(query)
    set_language(state.lang)
    try:
        programmes = data.query("programmes")
        organisations = data.query("organisations")
    except WarehouseMissingError:
        return dbc.Alert(_("No warehouse has been published yet."), color="info", id="map-page")
    if state.present:
        set_second_language(state.lang2)  # "Échanges / Uitwisselingen" at a joint meeting
        figure, _line = build_figure(state, height=None, font_size=18)
        sequence = presentation_sequence(state, programmes)
        return html.Div(
            [
                dcc.Graph(
                    figure=figure, id="map-graph", config=graph_config(), style={"height": "100vh"}
                ),
                html.Div(json.dumps(sequence), id="present-sequence", hidden=True),
            ],
            id="map-page",
            className="presentation",
        )
    figure, _line = build_figure(state)
    years = [state.year_from or 2012, state.year_to or LAST_YEAR]
    controls = [
        *multi_filter(
            _("Programmes"),
            "map-programme",
            programme_options(programmes),
            state.programmes,
            _("All programmes"),
        ),
        html.Div(
            [
                dbc.Label(_("Years"), className="mt-2 me-auto"),
                dbc.Button(
                    [html.I(className="bi bi-play-fill me-1"), _("Play / pause")],
                    id="map-play",
                    size="sm",
                    color="outline-primary",
                    className="mt-1",
                ),
            ],
            className="d-flex align-items-center",
        ),
        dcc.RangeSlider(
            FIRST_YEAR,
            LAST_YEAR,
            1,
            value=years,
            id="map-years",
            marks={y: str(y) for y in range(1995, LAST_YEAR + 1, 5)},
            tooltip={"placement": "bottom"},
        ),
        *multi_filter(
            _("Themes"), "map-theme", code_options("canonical_theme"), state.themes, _("All themes")
        ),
        *multi_filter(
            _("Kinds of exchange"),
            "map-modality",
            code_options("modality"),
            state.modalities,
            _("All kinds"),
        ),
        *multi_filter(
            _("Regions"), "map-region", code_options("region"), state.regions, _("All regions")
        ),
        *multi_filter(
            _("Organisations"),
            "map-organisation",
            organisation_options(organisations),
            state.organisations,
            _("All organisations"),
        ),
        dbc.Label(_("Shade countries by"), className="mt-2"),
        dbc.RadioItems(
            [{"label": _(label), "value": key} for key, label in MEASURES.items()],
            state.measure or DEFAULT_MEASURE,
            id="map-measure",
        ),
    ]
    zooms = dbc.ButtonGroup(
        [
            dbc.Button(
                _(label),
                id={"type": "map-zoom", "zoom": key},
                size="sm",
                color="primary" if (state.zoom or "world") == key else "outline-primary",
            )
            for key, label in ZOOM_LABELS.items()
        ]
    )
    present = dbc.ButtonGroup(
        [
            dbc.Button(
                [html.I(className="bi bi-easel me-1"), _("Present")],
                href=dash.get_relative_path("/map") + encode(state.with_(present="1")),
                size="sm",
                color="secondary",
                id="map-present",
                external_link=True,
            ),
            dbc.Button(
                "FR / NL",
                href=dash.get_relative_path("/map")
                + encode(state.with_(present="1", lang="fr", lang2="nl")),
                size="sm",
                color="outline-secondary",
                id="map-present-bilingual",
                external_link=True,
                title=_("Present in French and Dutch side by side, for a joint meeting"),
            ),
        ]
    )
    exports = dbc.ButtonGroup(
        [
            dbc.Button("PNG 1920×1080", id="export-png-hd", size="sm", color="outline-secondary"),
            dbc.Button("PNG 3840×2160", id="export-png-4k", size="sm", color="outline-secondary"),
            dbc.Button("SVG", id="export-svg", size="sm", color="outline-secondary"),
            dbc.Button(_("Offline HTML"), id="export-html", size="sm", color="outline-secondary"),
        ]
    )
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(html.H1(_("Map of exchanges"), className="h3"), md=4),
                    dbc.Col([zooms, " ", present, " ", exports], md=8, className="text-md-end"),
                ],
                className="align-items-center mb-2",
            ),
            dbc.Row(
                [
                    dbc.Col(dbc.Card(dbc.CardBody(controls), className="shadow-sm"), md=3),
                    dbc.Col(
                        [
                            dcc.Graph(figure=figure, id="map-graph", config=graph_config()),
                            html.Div(id="country-panel", className="mt-2"),
                        ],
                        md=9,
                    ),
                ]
            ),
            dcc.Download(id="map-download"),
            html.Div(id="export-done", hidden=True),
        ],
        id="map-page",
    )


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("map-programme", "value"),
    Input("map-years", "value"),
    Input("map-theme", "value"),
    Input("map-modality", "value"),
    Input("map-region", "value"),
    Input("map-organisation", "value"),
    Input("map-measure", "value"),
    Input({"type": "map-zoom", "zoom": ALL}, "n_clicks"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _controls_to_url(
    programmes: list[str] | None,
    years: list[int] | None,
    themes: list[str] | None,
    modalities: list[str] | None,
    regions: list[str] | None,
    organisations: list[str] | None,
    measure: str | None,
    _zoom_clicks: list[int | None],
    search: str | None,
) -> str:
    state = parse(search)
    zoom = state.zoom
    if isinstance(ctx.triggered_id, dict) and ctx.triggered_id.get("type") == "map-zoom":
        zoom = None if ctx.triggered_id["zoom"] == "world" else str(ctx.triggered_id["zoom"])
    year_from, year_to = years if years and len(years) == 2 else (None, None)
    new = state.with_(
        programmes=tuple(programmes or ()),
        themes=tuple(themes or ()),
        modalities=tuple(modalities or ()),
        regions=tuple(regions or ()),
        organisations=tuple(organisations or ()),
        year_from=year_from if year_from and year_from > 2012 else None,
        year_to=year_to if year_to and year_to < LAST_YEAR else None,
        measure=None if measure == DEFAULT_MEASURE else measure,
        zoom=zoom,
    )
    query = encode(new)
    if query == encode(state):
        raise PreventUpdate  # a control reporting the value the URL already holds
    return query


@callback(
    Output("playing", "data"),
    Output("play-clock", "disabled"),
    Output("url", "search", allow_duplicate=True),
    Input("map-play", "n_clicks"),
    State("playing", "data"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _toggle_play(clicks: int | None, playing: bool, search: str | None) -> tuple[bool, bool, Any]:
    """Play shows the network growing year by year from the first year in view."""
    if not clicks:
        raise PreventUpdate
    if playing:
        return False, True, dash.no_update
    state = parse(search)
    return True, False, encode(state.with_(year_to=state.year_from or PLAY_FROM))


@callback(
    Output("url", "search", allow_duplicate=True),
    Output("playing", "data", allow_duplicate=True),
    Output("play-clock", "disabled", allow_duplicate=True),
    Input("play-clock", "n_intervals"),
    State("playing", "data"),
    State("url", "pathname"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _advance_play(
    _tick: int, playing: bool, pathname: str | None, search: str | None
) -> tuple[Any, bool, bool]:
    if not playing:
        raise PreventUpdate
    if pathname != dash.get_relative_path("/map"):
        return dash.no_update, False, True
    state = parse(search)
    year = (state.year_to or LAST_YEAR) + 1
    if year >= LAST_YEAR:
        return encode(state.with_(year_to=None)), False, True
    return encode(state.with_(year_to=year)), True, False


@callback(
    Output("country-panel", "children"),
    Input("map-graph", "clickData"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _country_panel(
    click: dict[str, list[dict[str, object]]] | None, search: str | None
) -> Component:
    state = parse(search)
    set_language(state.lang)
    points = (click or {}).get("points") or []
    # A country carries its code; an arc "NE>MA" opens the panel of its host country.
    country = next(
        (
            str(p["customdata"]).split(">")[-1]
            for p in points
            if isinstance(p.get("customdata"), str) and p["customdata"]
        ),
        None,
    )
    if country is None:
        raise PreventUpdate
    exchanges = data.query("country_panel", country=country, **state.filters())
    outcomes = data.query("country_outcomes", country=country, programmes=list(state.programmes))
    name = country_name(country)
    hosted = exchanges.filter(pl.col("hosted"))
    sent = exchanges.filter(~pl.col("hosted"))
    link = dash.get_relative_path("/outcomes") + encode(
        state.with_(countries=(country,), measure=None, zoom=None)
    )

    def listing(frame: pl.DataFrame) -> html.Ul:
        return html.Ul(
            [
                html.Li(
                    f"{row['start_date']} · {row['title']} "
                    f"({_(label_of('modality', row['modality']))})"
                )
                for row in frame.iter_rows(named=True)
            ],
            className="small",
        )

    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(name, className="h5", id="country-panel-title"),
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                html.H3(
                                    _("Hosted: {count}").format(count=format_number(hosted.height)),
                                    className="h6",
                                ),
                                listing(hosted),
                            ],
                            md=4,
                        ),
                        dbc.Col(
                            [
                                html.H3(
                                    _("Took part abroad: {count}").format(
                                        count=format_number(sent.height)
                                    ),
                                    className="h6",
                                ),
                                listing(sent),
                            ],
                            md=4,
                        ),
                        dbc.Col(
                            [
                                html.H3(_("Outcomes by level"), className="h6"),
                                html.Ul(
                                    [
                                        html.Li(f"{_(label_of('outcome_level', level))}: {n}")
                                        for level, n in outcomes.iter_rows()
                                    ],
                                    className="small",
                                ),
                                dcc.Link(
                                    _("See these outcomes"), href=link, id="country-outcomes-link"
                                ),
                            ],
                            md=4,
                        ),
                    ]
                ),
            ]
        ),
        className="shadow-sm",
        id="country-panel-card",
    )


@callback(
    Output("map-download", "data"),
    Input("export-html", "n_clicks"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _export_html(clicks: int | None, search: str | None) -> dict[str, object]:
    """A standalone page: plotly.js and the map geometry inline, nothing fetched."""
    if not clicks:
        raise PreventUpdate
    state = parse(search)
    set_language(state.lang)
    data.allow_export("map html", state.described())
    figure, _line = build_figure(state, height=900)
    geometry = (data.ASSETS / "geo" / "world_110m.json").read_text(encoding="utf-8")
    html_text = pio.to_html(
        figure, include_plotlyjs=True, full_html=True, config={"displaylogo": False}
    )
    # plotly.js reads geometry from window.PlotlyGeoAssets before it would fetch it.
    preload = f"<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {geometry}}}}};</script>"
    html_text = html_text.replace("<head>", "<head>" + preload, 1)
    return {"content": html_text, "filename": "solidarity-atlas-map.html", "type": "text/html"}


# Client-side export: plotly.js renders the figure at slide size, title, legend and source line
# included, and the browser downloads it; nothing leaves the machine.
dash.clientside_callback(
    """
    function(hd, uhd, svg) {
        const trigger = dash_clientside.callback_context.triggered_id;
        const graph = document.querySelector('#map-graph .js-plotly-plot');
        if (!trigger || !graph) { return dash_clientside.no_update; }
        const options = {
            'export-png-hd': {format: 'png', width: 1920, height: 1080},
            'export-png-4k': {format: 'png', width: 3840, height: 2160},
            'export-svg': {format: 'svg', width: 1920, height: 1080},
        }[trigger];
        options.filename = 'solidarity-atlas-map';
        return Plotly.downloadImage(graph, options).then(() => trigger);
    }
    """,
    Output("export-done", "children"),
    Input("export-png-hd", "n_clicks"),
    Input("export-png-4k", "n_clicks"),
    Input("export-svg", "n_clicks"),
    prevent_initial_call=True,
)
