"""Outcomes (`/outcomes`): filter the harvested outcomes, read each one's contribution chain,
export them for donors. Paging, sorting and search happen in DuckDB; the browser only ever
holds the page of rows it shows.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import polars as pl
from dash import Input, Output, State, callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import N_, _, country_name, current_language, format_day, set_language
from dashboard import data
from dashboard.components.filters import (
    code_options,
    multi_filter,
    organisation_options,
    programme_options,
)
from dashboard.components.revisions import (
    revisions_section,
    snapshot_select,
    write_snapshot_to_url,
)
from dashboard.exports import Provenance, csv_bytes, excel_bytes, export_name
from dashboard.figures.outcomes import contribution_sankey, theme_level_table
from dashboard.preload import dcc_code, graph_code
from dashboard.reports import print_pdf, report_page
from dashboard.url_params import PARAMS, ViewState, encode, parse
from etl.app_entries import record_review
from etl.errors import LoadRefusedError
from warehouse.codes import CODE_LISTS, label_of
from warehouse.connection import WarehouseMissingError
from warehouse.query import nested

dash.register_page(
    __name__,
    path="/outcomes",
    name=N_("Outcomes"),
    order=20,
    icon="bi-flag",
    preload=[*graph_code(), dcc_code("dropdown")],
)

SORTABLE = (
    "outcome_id",
    "programme_code",
    "observed_on",
    "theme_code",
    "level",
    "outcome_type",
    "substantiation_status",
    "change_agents",
)
LABELLED = {
    "level": "outcome_level",
    "outcome_type": "outcome_type",
    "substantiation_status": "substantiation_status",
}


def _flag(name: str, value: str | None, labels: tuple[str, str, str]) -> Component:
    return dbc.RadioItems(
        [
            {"label": labels[0], "value": ""},
            {"label": labels[1], "value": "yes"},
            {"label": labels[2], "value": "no"},
        ],
        value or "",
        id=f"outcomes-{name}",
        inline=True,
        className="small",
    )


def _columns() -> list[dict[str, object]]:
    headers = [
        ("outcome_id", _("Outcome")),
        ("programme_code", _("Programme")),
        ("observed_on", _("Observed")),
        ("theme", _("Theme")),
        ("level", _("Level")),
        ("outcome_type", _("Type")),
        ("change_agents", _("Change agents")),
        ("countries", _("Countries")),
        ("description", _("What changed")),
        ("language", _("Language")),
        ("substantiation_status", _("Substantiation")),
    ]
    return [
        {
            "field": field,
            "headerName": header,
            "sortable": field in SORTABLE or field == "theme",
            "resizable": True,
            **({"flex": 3, "tooltipField": field} if field == "description" else {"flex": 1}),
        }
        for field, header in headers
    ]


def layout(**query: object) -> Component:
    state = parse(query)
    set_language(state.lang)
    try:
        programmes = data.query("programmes")
        organisations = data.query("organisations")
        # the counts per theme and level add up to the outcomes selected; the rest of the
        # summary comes in the same statement
        overview = data.query("outcomes_overview", **state.outcome_filters())
        counts = nested(overview, "theme_level")
        total = int(counts["outcomes"].sum())
    except WarehouseMissingError:
        return dbc.Alert(
            _("No warehouse has been published yet."), color="info", id="outcomes-page"
        )
    countries = sorted(
        ({"label": country_name(c), "value": c} for c in set(organisations["country_code"])),
        key=lambda option: option["label"],
    )
    controls = [
        dbc.Input(
            id="outcomes-q",
            type="search",
            value=state.q or "",
            debounce=True,
            placeholder=_("Search what changed, why it matters, the contribution"),
        ),
        *multi_filter(
            _("Programmes"),
            "outcomes-programme",
            programme_options(programmes),
            state.programmes,
            _("All programmes"),
        ),
        *multi_filter(
            _("Themes"),
            "outcomes-theme",
            code_options("canonical_theme"),
            state.themes,
            _("All themes"),
        ),
        *multi_filter(
            _("Levels"),
            "outcomes-level",
            code_options("outcome_level"),
            state.levels,
            _("All levels"),
        ),
        *multi_filter(
            _("Types of change"),
            "outcomes-type",
            code_options("outcome_type"),
            state.outcome_types,
            _("All types"),
        ),
        *multi_filter(
            _("Countries"), "outcomes-country", countries, state.countries, _("All countries")
        ),
        *multi_filter(
            _("Regions"), "outcomes-region", code_options("region"), state.regions, _("All regions")
        ),
        *multi_filter(
            _("Organisations"),
            "outcomes-organisation",
            organisation_options(organisations),
            state.organisations,
            _("All organisations"),
        ),
        *multi_filter(
            _("Substantiation"),
            "outcomes-substantiation",
            code_options("substantiation_status"),
            state.substantiation,
            _("Any"),
        ),
        dbc.Label(_("Positive or negative"), className="mt-2"),
        _flag("positive", state.positive, (_("Both"), _("Positive"), _("Negative"))),
        dbc.Label(_("Intended or not"), className="mt-2"),
        _flag("intended", state.intended, (_("Both"), _("Intended"), _("Unintended"))),
        dbc.Label(_("Records"), className="mt-2"),
        _flag(
            "illustrative", state.illustrative, (_("All"), _("Illustrative only"), _("Real only"))
        ),
    ]
    body: list[Component]
    if total == 0:
        body = [
            dbc.Alert(
                _("No outcome matches these filters. Remove a filter or search for fewer words."),
                color="secondary",
                id="outcomes-empty",
            )
        ]
    else:
        body = [
            html.Div(_counts_table(state, counts), id="outcomes-counts"),
            dcc.Store(id="outcomes-count-known", data=_total_known(state, total)),
            _contribution_view(overview),
            dag.AgGrid(
                id="outcomes-grid",
                rowModelType="infinite",
                columnDefs=_columns(),
                dashGridOptions={
                    "rowSelection": {
                        "mode": "singleRow",
                        "enableClickSelection": True,
                        "checkboxes": False,
                    },
                    "cacheBlockSize": 100,
                    "maxBlocksInCache": 20,
                    "pagination": True,
                    "paginationPageSize": 25,
                    "paginationPageSizeSelector": [25, 50, 100],
                    "tooltipShowDelay": 300,
                },
                style={"height": "620px"},
            ),
            html.Div(id="outcome-detail", className="mt-3"),
        ]
    exports = html.Div(
        [
            dbc.Checkbox(
                id="export-illustrative",
                label=_("Include illustrative records"),
                value=False,
                className="d-inline-block me-3 small",
            ),
            dbc.Button(
                "CSV", id="export-csv", size="sm", color="outline-secondary", className="me-1"
            ),
            dbc.Button(
                "Excel", id="export-excel", size="sm", color="outline-secondary", className="me-1"
            ),
            dbc.Button(
                _("PDF report"),
                id="export-pdf",
                size="sm",
                color="outline-secondary",
                className="me-1",
            ),
            dbc.Button(
                _("PDF report, public"),
                id="export-pdf-public",
                size="sm",
                color="outline-secondary",
            ),
            dcc.Loading(dcc.Download(id="outcomes-report"), type="dot"),
            dcc.Download(id="outcomes-download"),
        ],
        className="text-md-end",
        # exports are for staff; the callbacks refuse anyone else whatever the page shows
        hidden=not data.has_role("admin", "staff"),
    )
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.H1(_("Outcomes"), className="h3"),
                            html.Div(
                                _("{count} outcome(s), each counted once").format(count=total),
                                id="outcomes-total",
                                className="text-muted",
                            ),
                        ],
                        md=6,
                    ),
                    dbc.Col(exports, md=6),
                ],
                className="align-items-center mb-2",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        dbc.Card(
                            dbc.CardBody([*controls, snapshot_select("outcomes-snapshot", state)]),
                            className="shadow-sm",
                        ),
                        md=3,
                    ),
                    dbc.Col(
                        [
                            *body,
                            revisions_section(
                                state.snapshot,
                                data.revisions_since(
                                    state.snapshot,
                                    state.programmes[0] if len(state.programmes) == 1 else None,
                                ),
                            )
                            if state.snapshot
                            else None,
                        ],
                        md=9,
                    ),
                ]
            ),
        ],
        id="outcomes-page",
    )


def _contribution_view(overview: pl.DataFrame) -> Component:
    """Where the outcomes came from, and how often plans were carried through."""
    contributions = nested(overview, "contributions")
    shared = int(contributions["shared_outcomes"].sum())
    follow = nested(overview, "follow_up").row(0, named=True)
    plans = int(follow["plans"])
    rate = (
        _(
            "Of {plans} innovation plan(s) that came out of exchanges, {implemented} were "
            "implemented and {with_outcome} contributed to at least one outcome."
        ).format(
            plans=plans, implemented=follow["implemented"], with_outcome=follow["with_outcome"]
        )
        if plans
        else _("No innovation plan came out of these exchanges.")
    )
    caption = _(
        "Each outcome counts once: {shared} outcome(s) to which several exchanges "
        "contributed are split evenly between them."
    ).format(shared=shared)
    return dbc.Row(
        [
            dbc.Col(
                dcc.Graph(
                    figure=contribution_sankey(contributions),
                    id="outcomes-sankey",
                    config={"displaylogo": False},
                ),
                md=8,
            ),
            dbc.Col(
                [html.P(rate, id="plan-follow-up"), html.Small(caption, className="text-muted")],
                md=4,
                className="align-self-center",
            ),
        ],
        className="mb-3",
    )


def _counts_table(state: ViewState, current: pl.DataFrame) -> Component:
    previous_code = None
    if len(state.programmes) == 1:
        programmes = data.query("programmes")
        match = programmes.filter(pl.col("programme_code") == state.programmes[0])
        previous_code = match["previous_programme_code"][0] if match.height else None
    previous = (
        data.query(
            "outcomes_theme_level", **state.with_(programmes=(previous_code,)).outcome_filters()
        )
        if previous_code
        else None
    )
    levels = [c.code for c in CODE_LISTS["outcome_level"]]
    rows = theme_level_table(current, previous)
    header = html.Tr(
        [html.Th(_("Theme"))]
        + [html.Th(_(label_of("outcome_level", lv))) for lv in levels]
        + [html.Th(_("Total"))]
    )
    if previous_code and previous is not None and previous.height:
        caption = _("In brackets: {programme}").format(programme=previous_code)
    elif previous_code:
        caption = _("{programme}: no records to compare with").format(programme=previous_code)
    else:
        caption = ""
    return html.Div(
        [
            dbc.Table(
                [
                    html.Thead(header),
                    html.Tbody(
                        [
                            html.Tr(
                                [html.Td(r["theme"])]
                                + [html.Td(r[lv]) for lv in levels]
                                + [html.Td(r["total"])]
                            )
                            for r in rows
                        ]
                    ),
                ],
                size="sm",
                bordered=True,
                className="mb-1",
                id="outcomes-counts-table",
            ),
            html.Small(caption, className="text-muted"),
        ],
        className="mb-3",
    )


_CONTROLS = {
    "q": "outcomes-q",
    "programmes": "outcomes-programme",
    "themes": "outcomes-theme",
    "levels": "outcomes-level",
    "outcome_types": "outcomes-type",
    "countries": "outcomes-country",
    "regions": "outcomes-region",
    "organisations": "outcomes-organisation",
    "substantiation": "outcomes-substantiation",
    "positive": "outcomes-positive",
    "intended": "outcomes-intended",
    "illustrative": "outcomes-illustrative",
}
_MULTIPLE = {p.attribute for p in PARAMS if p.multiple}


@callback(
    Output("url", "search", allow_duplicate=True),
    *(Input(control, "value") for control in _CONTROLS.values()),
    State("url", "search"),
    prevent_initial_call=True,
)
def _controls_to_url(*values: Any) -> str:
    *controls, search = values
    state = parse(search)
    changes: dict[str, Any] = {}
    for attribute, value in zip(_CONTROLS, controls, strict=True):
        if attribute in _MULTIPLE:
            changes[attribute] = tuple(value or ())
        else:
            changes[attribute] = value or None
    # What is typed goes through the parameter definition, which cuts long search text.
    new = encode(parse(encode(state.with_(**changes))))
    if new == encode(state):
        raise PreventUpdate
    return new


def _labelled(frame: pl.DataFrame) -> list[dict[str, Any]]:
    rows = frame.to_dicts()
    for row in rows:
        row["theme"] = _(
            label_of("canonical_theme", row.get("canonical_theme") or row["theme_code"])
        )
        for field, list_name in LABELLED.items():
            row[field] = _(label_of(list_name, row[field])) if row.get(field) else None
        if isinstance(row.get("observed_on"), date):
            row["observed_on"] = row["observed_on"].isoformat()
        row["language"] = _language_note(row.get("language"), bool(row.get("is_translation")))
    return rows


def _language_note(code: str | None, translated: bool) -> str:
    """ "Spanish · original" when the text is not in the reader's language and no translation
    exists; "French · translated" for a translation; the language alone otherwise."""
    name = _(label_of("language", code or "en"))
    if translated:
        return _("{language} · translated").format(language=name)
    if code and code != current_language():
        return _("{language} · original").format(language=name)
    return name


def _total_known(state: ViewState, total: int) -> dict[str, Any]:
    """What the grid needs to reuse the page's count: the load and the filter it is of (a load
    number alone may come back with other data, after a restore; with its time it may not)."""
    as_of = data.query("data_as_of").row(0, named=True)
    filters = json.dumps(state.outcome_filters(), sort_keys=True, default=str)
    return {"load": f"{as_of['version']} {as_of['loaded_at']}", "filters": filters, "total": total}


@callback(
    Output("outcomes-grid", "getRowsResponse"),
    Input("outcomes-grid", "getRowsRequest"),
    State("url", "search"),
    State("outcomes-count-known", "data"),
)
def _rows(
    request: dict[str, Any] | None, search: str | None, known: dict[str, Any] | None
) -> dict[str, Any]:
    """One block of rows for AG Grid's infinite row model, sorted and cut in DuckDB."""
    if not request:
        raise PreventUpdate
    state = parse(search)
    set_language(state.lang)
    sort = (request.get("sortModel") or [{}])[0]
    column = sort.get("colId")
    column = "theme_code" if column == "theme" else column
    start = int(request.get("startRow", 0))
    end = int(request.get("endRow", start + 100))
    limit = max(0, min(end - start, 1000))
    frame = data.query(
        "outcomes_page",
        **state.outcome_filters(),
        sort_col=column if column in SORTABLE else "",
        sort_dir=sort.get("sort") or "",
        limit=limit,
        offset=max(0, start),
    )
    if frame.height < limit and (frame.height or start == 0):
        total = start + frame.height  # the last block: it says how many there are
    elif (
        isinstance(known, dict)
        and isinstance(known.get("total"), int)
        and known == _total_known(state, known["total"])
    ):
        total = int(known["total"])  # counted by the page for this version and filter
    else:
        total = int(data.query("outcomes_count", **state.outcome_filters())["outcomes"][0])
    return {"rowData": _labelled(frame), "rowCount": total}


@callback(
    Output("outcome-detail", "children"),
    Input("outcomes-grid", "selectedRows"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _detail(selected: list[dict[str, Any]] | None, search: str | None) -> Component:
    set_language(parse(search).lang)
    if not selected:
        raise PreventUpdate
    outcome_id = str(selected[0]["outcome_id"])
    found = data.query("outcome_detail", outcome_id=outcome_id)
    if not found.height:
        raise PreventUpdate
    record = found.row(0, named=True)
    chain = data.query("outcome_chain", outcome_id=outcome_id)

    def field(label: str, value: object) -> Component:
        return html.Div(
            [
                html.Dt(label, className="col-sm-3"),
                html.Dd(str(value) if value not in (None, "") else "–", className="col-sm-9"),
            ],
            className="row mb-0",
        )

    yes_no = {True: _("yes"), False: _("no")}
    links = [
        html.Li(
            [
                html.B(row["record_id"]),
                f" · {row['since']} · {row['title']} · ",
                _(label_of("modality", row["detail"]))
                if row["link"] == "exchange"
                else _(label_of("plan_status", row["detail"] or "")),
                f" · {row['participations']} " + _("participations")
                if row["participations"] is not None
                else "",
            ]
        )
        for row in chain.iter_rows(named=True)
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(
                    [
                        record["outcome_id"],
                        " ",
                        dbc.Badge(_("illustrative"), className="illustrative-badge")
                        if record["is_illustrative"]
                        else None,
                    ],
                    className="h5",
                ),
                html.Dl(
                    [
                        field(_("Observed"), format_day(record["observed_on"])),
                        field(_("Social actor who changed"), record["social_actor"]),
                        field(_("What changed"), record["description"]),
                        field(
                            _("Language"),
                            _("translation of the original ({original}), by {who}").format(
                                original=_(label_of("language", record["language"])),
                                who=record["translated_by"],
                            )
                            if record["translated_into"]
                            else _language_note(record["language"], False),
                        ),
                        field(_("Why it matters"), record["significance"]),
                        field(_("How the programme contributed"), record["contribution"]),
                        field(_("Role of other actors"), record["other_actors"]),
                        field(_("Change agents"), record["change_agents"]),
                        field(_("Positive"), yes_no[record["is_positive"]]),
                        field(_("Intended"), yes_no[record["is_intended"]]),
                        field(
                            _("Substantiation"),
                            _(label_of("substantiation_status", record["substantiation_status"])),
                        ),
                        field(_("Substantiated by"), record["substantiator_role"]),
                        field(_("Sources"), record["substantiation_sources"]),
                        field(_("Evidence"), record["evidence_documents"]),
                        field(
                            _("Harvested by"),
                            (record["harvested_by"] or "–")
                            + ", "
                            + format_day(record["harvested_on"]),
                        ),
                    ]
                ),
                html.H3(_("Contributed to by"), className="h6 mt-2"),
                html.Ul(links, id="outcome-chain")
                if links
                else html.P(_("No contribution recorded.")),
                _reviews(outcome_id, record["owner_orgs"]),
            ]
        ),
        className="shadow-sm",
        id="outcome-detail-card",
    )


VERDICT_ICONS = {
    "confirmed": "bi-check-circle",
    "corrected": "bi-pencil",
    "disputed": "bi-x-circle",
}


def _reviews(outcome_id: str, change_agents: list[str]) -> Component:
    """What the change agents said about the statement, and, for a partner the statement names,
    the form to say it (Outcome Harvesting asks change agents to review what is said)."""
    reviews = data.query("outcome_reviews", outcome_id=outcome_id)
    shown = [
        html.Li(
            [
                html.I(className=f"bi {VERDICT_ICONS.get(r['verdict'], 'bi-chat')} me-1"),
                html.B(r["acronym"]),
                f" · {_(label_of('review_verdict', r['verdict']))} · {r['reviewed_on']}",
                html.Div(r["comment"], className="small") if r["comment"] else None,
            ]
        )
        for r in reviews.iter_rows(named=True)
    ]
    user = data.current_user()
    form = None
    if user is not None and user.role == "partner" and user.org_code in (change_agents or []):
        form = html.Div(
            [
                dcc.Store(id="review-outcome", data=outcome_id),
                dbc.RadioItems(
                    options=code_options("review_verdict"),
                    value="confirmed",
                    id="review-verdict",
                    inline=True,
                ),
                dbc.Textarea(
                    id="review-comment",
                    placeholder=_("Your comment or correction (optional)"),
                    maxLength=2000,
                    rows=2,
                    className="my-1",
                ),
                dbc.Button(_("Send our review"), id="review-send", size="sm", color="primary"),
                html.Div(id="review-result", className="mt-1"),
            ],
            className="border rounded p-2 mt-1",
        )
    return html.Div(
        [
            html.H3(_("Reviewed by the change agents"), className="h6 mt-3"),
            html.Ul(shown, id="outcome-reviews") if shown else html.P(_("Not reviewed yet.")),
            form,
        ]
    )


@callback(
    Output("review-result", "children"),
    Input("review-send", "n_clicks"),
    State("review-outcome", "data"),
    State("review-verdict", "value"),
    State("review-comment", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _send_review(
    clicks: int | None,
    outcome_id: str | None,
    verdict: str | None,
    comment: str | None,
    search: str | None,
) -> Component:
    set_language(parse(search).lang)
    user = data.current_user()
    if not clicks or not outcome_id or user is None or user.role != "partner":
        raise PreventUpdate
    found = data.query("outcome_detail", outcome_id=str(outcome_id))
    # Only a change agent the statement names may review it, whatever the request claims.
    if not found.height or user.org_code not in (found.row(0, named=True)["owner_orgs"] or []):
        raise PreventUpdate
    if verdict not in {c["value"] for c in code_options("review_verdict")}:
        raise PreventUpdate
    settings = data.settings()
    try:
        report = record_review(
            settings.state_path,
            settings.db_path,
            str(outcome_id),
            str(user.org_code),
            verdict,
            (comment or "")[:2000],
            user.name,
        )
    except LoadRefusedError as refused:
        return dbc.Alert(
            _("The review could not be published: {problem}").format(problem=refused.problems[0]),
            color="danger",
        )
    data.audit("review", outcome=outcome_id, verdict=verdict, load_id=report.load_id)
    return dbc.Alert(
        _("Thank you: your review is published with the outcome."),
        color="success",
        id="review-published",
    )


@callback(
    Output("outcomes-download", "data"),
    Input("export-csv", "n_clicks"),
    Input("export-excel", "n_clicks"),
    State("export-illustrative", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _export(
    _csv: int | None, _excel: int | None, include_illustrative: bool, search: str | None
) -> dict[str, Any]:
    """The current filter's outcomes; illustrative records only when asked for, then marked."""
    state = parse(search)
    set_language(state.lang)
    if not include_illustrative:
        state = state.with_(illustrative="no")
    kind = "csv" if dash.ctx.triggered_id == "export-csv" else "excel"
    data.allow_export(f"outcomes {kind}", state.described())
    frame = data.query("outcomes_export", **state.outcome_filters())
    today = date.today()
    stamp = today.isoformat()
    provenance = Provenance(data.warehouse_version())
    if dash.ctx.triggered_id == "export-csv":
        name = export_name("outcomes", "csv", provenance, today)
        return dcc.send_bytes(csv_bytes(frame, provenance), name)
    filters = [
        (_("Exported on"), stamp),
        (_("Warehouse version"), str(provenance.version)),
        (
            _("Illustrative records"),
            _("included, marked in the last column") if include_illustrative else _("left out"),
        ),
    ]
    filters += state.described()
    counts = data.query("outcomes_theme_level", **state.outcome_filters())
    content = excel_bytes([(_("Outcomes"), frame), (_("Counts"), counts)], filters)
    return dcc.send_bytes(content, export_name("outcomes", "xlsx", provenance, today))


@callback(
    Output("outcomes-report", "data"),
    Input("export-pdf", "n_clicks"),
    Input("export-pdf-public", "n_clicks"),
    State("export-illustrative", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _report(
    _internal: int | None, _public: int | None, include_illustrative: bool, search: str | None
) -> dict[str, Any]:
    """The donor report pack; the public variant reads as the public would."""
    state = parse(search)
    set_language(state.lang)
    public = dash.ctx.triggered_id == "export-pdf-public"
    if not include_illustrative:
        state = state.with_(illustrative="no")
    data.allow_export("outcomes pdf public" if public else "outcomes pdf", state.described())
    version = data.warehouse_version()
    page = report_page(data.query_public if public else data.query, state, version, public)
    name = f"outcomes-report-{'public-' if public else ''}{date.today().isoformat()}.pdf"
    return dcc.send_bytes(print_pdf(page), name)


write_snapshot_to_url("outcomes-snapshot")
