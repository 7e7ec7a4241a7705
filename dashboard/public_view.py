"""The public view `/public`: fixed, curated aggregate tables for anyone, without a login.

A small Flask blueprint renders the page on the server, so anonymous visitors never reach Dash's
callback endpoints. The only parameters read are `?lang=` and `?present=1` (the public
presentation mode: the same figures in large type); every other one is ignored, so no one
can cut the figures finer than the curated tables do (two filtered tables subtracted from each
other could isolate a small cell). Data comes only through the `public_*` named queries run for
the PUBLIC viewer (public records; illustrative ones left out), and every table passes
`warehouse.disclosure`: high-risk countries rolled up to their region before counting, cells of
fewer than three organisations hidden, then the complementary cells that would give them away.
Nothing but counts reaches the page: no text written in a record, no organisation, no person.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import flask
import plotly
import plotly.graph_objects as go
import plotly.io
import polars as pl

from atlas.i18n import LANGUAGE_NAMES, LANGUAGES, _, format_number, language
from atlas.settings import Settings, load_settings
from warehouse import query
from warehouse.codes import CODE_LISTS, label_of
from warehouse.connection import ReadOnlyWarehouse, WarehouseMissingError
from warehouse.disclosure import (
    MIN_ORGANISATIONS,
    TOTAL,
    Cell,
    Table,
    roll_up_high_risk,
    suppress,
    tabulate,
)
from warehouse.viewer import PUBLIC

# The dashboard's partial plotly.js (bar is among its traces): a third of the full one's bytes.
PLOTLY_JS = Path(__file__).resolve().parents[1] / "assets/vendor/plotly/plotly-atlas.min.js"
VERSION_HEADER = "X-Atlas-Warehouse-Version"
UNKNOWN_REGION = "unknown"  # organisations whose country is not recorded
OTHER_THEME = "other"  # programme themes with no common counterpart
REGIONS = [c.code for c in CODE_LISTS["region"]]
THEMES = [c.code for c in CODE_LISTS["canonical_theme"]]
LEVELS = [c.code for c in CODE_LISTS["outcome_level"]]
BAR_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
# Nothing external, and no inline script: the sign-in layer (dashboard/access.py) allows only
# scripts served by the app, so figures travel as inert JSON that chart.js draws. Plotly sets
# inline styles, hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'none'; object-src 'none'; base-uri 'self'; "
    "form-action 'none'; frame-ancestors 'none'"
)
CHART_JS = """\
// Draws each figure whose JSON sits in a <script type="application/json" class="public-figure">.
document.querySelectorAll("script.public-figure").forEach(function (data) {
  var figure = JSON.parse(data.textContent);
  Plotly.newPlot(data.dataset.target, figure.data, figure.layout,
    {displaylogo: false, responsive: true});
});
"""


@dataclass(frozen=True)
class PublicFigures:
    version: int  # the warehouse version the figures come from
    exchanges: Table  # programme × region: exchanges, participations, organisations
    outcomes: dict[str, Table]  # per programme, common theme × level: outcomes, organisations


def public_figures(cursor: duckdb.DuckDBPyConnection) -> PublicFigures:
    """Every figure of the page, disclosure control applied, read as the public."""
    programmes = query.run(cursor, "public_programmes", PUBLIC)["programme_code"].to_list()
    exchanges = roll_up_high_risk(query.run(cursor, "public_exchange_links", PUBLIC))
    exchange_table = suppress(
        tabulate(
            exchanges.with_columns(pl.col("region").fill_null(UNKNOWN_REGION)),
            row="programme_code",
            column="region",
            record="exchange_id",
            organisation="org_code",
            amount="participations",
            row_order=programmes,
            column_order=[*REGIONS, UNKNOWN_REGION],
        )
    )
    outcomes = roll_up_high_risk(query.run(cursor, "public_outcome_links", PUBLIC)).with_columns(
        pl.col("theme").fill_null(OTHER_THEME)
    )
    outcome_tables = {}
    for programme in programmes:
        part = outcomes.filter(pl.col("programme_code") == programme)
        if part.height:
            outcome_tables[programme] = suppress(
                tabulate(
                    part,
                    row="theme",
                    column="level",
                    record="outcome_id",
                    organisation="org_code",
                    row_order=[*THEMES, OTHER_THEME],
                    column_order=LEVELS,
                )
            )
    version = query.run(cursor, "data_as_of", PUBLIC)["version"][0]
    return PublicFigures(int(version or 0), exchange_table, outcome_tables)


def _region_label(code: str) -> str:
    return _("Region not recorded") if code == UNKNOWN_REGION else _(label_of("region", code))


def _theme_label(code: str) -> str:
    if code == OTHER_THEME:
        return _("Themes with no common counterpart")
    return _(label_of("canonical_theme", code))


def participation_chart(table: Table) -> go.Figure:
    """Participations per region, a bar per programme; hidden cells are left out, not drawn."""
    figure = go.Figure()
    for n, programme in enumerate(table.rows):
        shown = [
            (column, cell)
            for column in table.columns
            if (cell := table.cell(programme, column)) is not None and not cell.hidden
        ]
        if not shown:
            continue  # a programme whose every cell is hidden gets no empty legend entry
        figure.add_bar(
            name=programme,
            x=[_region_label(column) for column, _cell in shown],
            y=[cell.amount for _column, cell in shown],
            marker_color=BAR_COLOURS[n % len(BAR_COLOURS)],
            hovertemplate="%{x}: %{y}<extra>" + html.escape(programme) + "</extra>",
        )
    figure.update_layout(
        barmode="group",
        showlegend=True,  # names the programme even when only one has figures to show
        height=360,
        margin={"l": 40, "r": 10, "t": 40, "b": 40},
        title=_("Participations by region, hidden figures left out"),
        yaxis_title=_("Participations"),
        legend_title_text=_("Programme"),
        template="plotly_white",
    )
    return figure


def figure_html(figure: go.Figure, div_id: str, height: int) -> str:
    """A div and the figure's JSON beside it, inert (escaped so no `</script>` can end it), for
    chart.js to draw; the fixed id keeps the page the same from one request to the next."""
    data = (
        plotly.io.to_json(figure, validate=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return (
        f'<div id="{_esc(div_id)}" style="height: {height}px"></div>'
        f'<script type="application/json" class="public-figure" data-target="{_esc(div_id)}">'
        f"{data}</script>"
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _hidden_cell(total: bool) -> str:
    # One marker for primary and complementary cells alike: which is which would tell more.
    tag = "th" if total else "td"
    return (
        f'<{tag} class="text-muted fst-italic" data-suppressed="1" '
        f'title="{_esc(_("Hidden to protect small groups"))}">{_esc(_("hidden"))}</{tag}>'
    )


def _cell_html(cell: Cell | None, total: bool, detail: Callable[[Cell], str]) -> str:
    tag = "th" if total else "td"
    if cell is None or cell.records == 0:
        return f'<{tag} class="text-muted">–</{tag}>'
    if cell.hidden:
        return _hidden_cell(total)
    return f"<{tag}>{detail(cell)}</{tag}>"


def _exchange_detail(cell: Cell) -> str:
    below = _("{exchanges} exchanges · {organisations} organisations").format(
        exchanges=format_number(cell.records), organisations=format_number(cell.organisations)
    )
    return (
        f"<strong>{_esc(format_number(cell.amount))}</strong><br>"
        f'<small class="text-muted">{_esc(below)}</small>'
    )


def _outcome_detail(cell: Cell) -> str:
    below = _("{organisations} organisations").format(
        organisations=format_number(cell.organisations)
    )
    return (
        f"<strong>{_esc(format_number(cell.records))}</strong><br>"
        f'<small class="text-muted">{_esc(below)}</small>'
    )


def table_html(
    table: Table,
    table_id: str,
    corner: str,
    row_labels: dict[str, str],
    column_labels: dict[str, str],
    detail: Callable[[Cell], str],
) -> str:
    """The table with its totals; `detail` writes what a shown cell says."""

    def cell_html(row: str | None, column: str | None) -> str:
        return _cell_html(table.cell(row, column), row is TOTAL or column is TOTAL, detail)

    def line(row: str | None) -> str:
        head = _("Total") if row is TOTAL else row_labels[row]
        cells = "".join(cell_html(row, c) for c in (*table.columns, TOTAL))
        return f'<tr><th scope="row">{_esc(head)}</th>{cells}</tr>'

    header = "".join(
        f'<th scope="col">{_esc(label)}</th>'
        for label in (corner, *(column_labels[c] for c in table.columns), _("Total"))
    )
    body = "".join(line(r) for r in table.rows)
    return (
        '<div class="table-responsive">'
        f'<table class="table table-sm table-bordered align-middle" id="{_esc(table_id)}">'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody><tfoot>{line(TOTAL)}</tfoot>"
        "</table></div>"
    )


def _language_links(base: str, current: str, present: bool = False) -> str:
    keep = "&present=1" if present else ""
    links = "".join(
        f'<a class="btn btn-sm {"btn-light" if code == current else "btn-outline-light"} ms-1" '
        f'lang="{code}" href="{_esc(base)}?lang={code}{keep}">{_esc(LANGUAGE_NAMES[code])}</a>'
        for code in LANGUAGES
    )
    return f'<nav aria-label="{_esc(_("Language"))}">{links}</nav>'


def _exchanges_section(table: Table) -> str:
    chart = figure_html(participation_chart(table), "public-participation-chart", 360)
    explained = _(
        "Each cell: participations (one person at three seminars counts three times), then the "
        "exchanges and the organisations involved. An exchange between two regions counts in "
        "both."
    )
    return (
        f"<section><h2>{_esc(_('Exchanges and participations by programme and region'))}</h2>"
        f"<p>{_esc(explained)}</p>"
        + table_html(
            table,
            "public-exchanges",
            _("Programme"),
            {p: p for p in table.rows},
            {c: _region_label(c) for c in table.columns},
            _exchange_detail,
        )
        + chart
        + "</section>"
    )


def _outcomes_section(tables: dict[str, Table]) -> str:
    explained = _(
        "Outcomes harvested, each counted once, by theme and level, then the organisations "
        "that claim them."
    )
    parts = [f"<section><h2>{_esc(_('Outcomes by common theme and level'))}</h2>"]
    parts.append(f"<p>{_esc(explained)}</p>")
    for programme, table in tables.items():
        parts.append(f"<h3>{_esc(_('Programme {programme}').format(programme=programme))}</h3>")
        parts.append(
            table_html(
                table,
                f"public-outcomes-{programme}",
                _("Theme"),
                {t: _theme_label(t) for t in table.rows},
                {lv: _(label_of("outcome_level", lv)) for lv in table.columns},
                _outcome_detail,
            )
        )
    parts.append("</section>")
    return "".join(parts)


def page_html(figures: PublicFigures | None, lang: str, prefix: str, present: bool = False) -> str:
    """The whole page; `figures` None when no warehouse has been published yet. `present`:
    the public presentation mode, for meetings: the same figures, full width, in large type."""
    title = _("Solidarity Atlas: public figures")
    lead = _(
        "Exchanges between partner unions and the outcomes they contributed to, as totals only: "
        "never a person, an organisation or a text from the records."
    )
    rules = [
        _(
            "A figure that counts fewer than {n} organisations is hidden, and so is another "
            "figure in its row or column, so that the hidden one cannot be worked out from the "
            "totals."
        ).format(n=MIN_ORGANISATIONS),
        _(
            "Countries where union activists are at risk are counted only within their region; "
            "no figure here is given per country."
        ),
        _("Only records published as public are counted; illustrative records are left out."),
        _(
            "Totals count each exchange, outcome and organisation once, so they can be smaller "
            "than the sum of their row or column."
        ),
    ]
    body = []
    if figures is None or (not figures.exchanges.rows and not figures.outcomes):
        body.append(f'<p class="lead">{_esc(_("No public records have been published yet."))}</p>')
    if figures is not None and figures.exchanges.rows:
        body.append(_exchanges_section(figures.exchanges))
    if figures is not None and figures.outcomes:
        body.append(_outcomes_section(figures.outcomes))
    version = (
        _("Solidarity Atlas, warehouse version {version}.").format(version=figures.version)
        if figures is not None
        else ""
    )
    rule_items = "".join(f"<li>{_esc(rule)}</li>" for rule in rules)
    return f"""<!doctype html>
<html lang="{_esc(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title>
<link rel="stylesheet" href="{_esc(prefix)}assets/vendor/bootstrap/bootstrap.min.css">
<script src="{_esc(prefix)}public/plotly.min.js"></script>
</head><body{' class="fs-4"' if present else ""}>
<header class="navbar navbar-dark bg-dark px-3 mb-3">
<span class="navbar-brand">{_esc(title)}</span>{_language_links(prefix + "public", lang, present)}
</header>
<main class="{"container-fluid px-5" if present else "container"} pb-4" id="public-page">
<p class="lead">{_esc(lead)}</p>
<h2 class="h5">{_esc(_("How these figures are protected"))}</h2>
<ul>{rule_items}</ul>
{"".join(body)}
<p class="text-muted small">{_esc(version)}</p>
</main>
<script src="{_esc(prefix)}public/chart.js"></script>
</body></html>"""


def register_public_view(
    server: flask.Flask,
    settings: Settings | None = None,
    *,
    routes_prefix: str | None = None,
    requests_prefix: str | None = None,
) -> None:
    """Serve `GET /public` (and `/public/`), plotly.js and chart.js on `server`, anonymously.

    The prefixes are Dash's (`app.config.routes_pathname_prefix`, where Flask serves the app,
    and `requests_pathname_prefix`, where browsers find it), so `/public` sits beside the app's
    pages; by default they come from the same environment variables Dash reads.
    """
    warehouse = ReadOnlyWarehouse((settings or load_settings()).db_path)
    base = os.environ.get("DASH_URL_BASE_PATHNAME")
    routes = routes_prefix or os.environ.get("DASH_ROUTES_PATHNAME_PREFIX") or base or "/"
    prefix = requests_prefix or os.environ.get("DASH_REQUESTS_PATHNAME_PREFIX") or base or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    blueprint = flask.Blueprint("public_view", __name__)

    def page() -> flask.Response:
        # Only the language and presentation mode are read from the request: see the module's
        # docstring. The language is reset afterwards, so the next request served by this
        # thread starts afresh.
        with language(flask.request.args.get("lang")) as code:
            version = None
            try:
                with warehouse.lease() as lease:
                    figures: PublicFigures | None = public_figures(lease.cursor)
                    version = lease.version
            except WarehouseMissingError:
                figures = None
            present = flask.request.args.get("present") == "1"
            response = flask.make_response(page_html(figures, code, prefix, present))
        response.status_code = 200 if figures is not None else 503
        response.headers["Content-Type"] = "text/html; charset=utf-8"
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Language"] = code
        if version is not None:
            response.headers[VERSION_HEADER] = str(version)
        return response

    def plotly_js() -> flask.Response:
        return flask.send_file(PLOTLY_JS, mimetype="text/javascript", max_age=86400)

    def chart_js() -> flask.Response:
        return flask.Response(CHART_JS, mimetype="text/javascript")

    for rule in ("/public", "/public/"):
        blueprint.add_url_rule(rule, "page", page, methods=["GET"])
    blueprint.add_url_rule("/public/plotly.min.js", "plotly_js", plotly_js, methods=["GET"])
    blueprint.add_url_rule("/public/chart.js", "chart_js", chart_js, methods=["GET"])
    server.register_blueprint(blueprint, url_prefix=routes.rstrip("/") or None)
