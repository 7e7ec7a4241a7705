"""Data (`/data`): upload and check intake files, confirm the load, see history and data quality.

Uploads are published through the loader (`etl.load`), like any other load: the app never
writes the warehouse itself.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from pathlib import Path

import dash
import dash_ag_grid as dag
import dash_bootstrap_components as dbc
import polars as pl
from dash import Input, Output, State, callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import N_, _, format_number, set_language
from atlas.state import record_load_attempt
from dashboard import data
from dashboard.url_params import parse
from etl import LoadRefusedError, LoadReport, load
from warehouse.connection import WarehouseMissingError

dash.register_page(__name__, path="/data", name=N_("Data"), order=80, icon="bi-database-up")

UPLOAD_SUFFIXES = (".xlsx", ".csv")
# Rows of the data-quality table sent to the browser: 100,000 exchanges have tens of thousands.
QUALITY_ROWS = 500
ISSUES = {
    "outcome_not_substantiated": N_("Outcomes not yet substantiated"),
    "exchange_without_plan": N_("Exchanges without an innovation plan"),
    "exchange_missing_women_counts": N_("Exchanges missing women counts"),
    "plan_stuck": N_("Plans in the same status for over a year"),
    "illustrative_record": N_("Illustrative records still present"),
}


def _grid(
    grid_id: str, rows: list[dict[str, object]], columns: list[tuple[str, str]]
) -> dag.AgGrid:
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=[{"field": field, "headerName": header} for field, header in columns],
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "flex": 1},
        dashGridOptions={"domLayout": "autoHeight", "pagination": True, "paginationPageSize": 20},
        style={"height": None},
    )


def layout(**query: object) -> html.Div:
    set_language(parse(query).lang)
    if not data.has_role("admin", "staff"):
        return html.Div(dbc.Alert(_("This page is for staff."), color="warning"), id="data-page")
    return html.Div(
        [
            html.H1(_("Data"), className="h3"),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(_("Upload records"), className="h5"),
                        html.P(
                            _(
                                "A workbook made from the intake template, or a CSV file named "
                                "after its sheet. It is checked first; nothing is loaded until "
                                "you confirm."
                            ),
                            className="text-muted",
                        ),
                        dcc.Upload(
                            html.Div(
                                [
                                    html.I(className="bi bi-upload me-2"),
                                    _("Drop a file here or click to choose one"),
                                ]
                            ),
                            id="upload",
                            accept=",".join(UPLOAD_SUFFIXES),
                            multiple=False,
                            className="border border-2 border-dashed rounded p-4 text-center",
                        ),
                        dcc.Loading(html.Div(id="upload-report", className="mt-3")),
                        dcc.Store(id="upload-path"),
                        dbc.Button(
                            _("Confirm the load"),
                            id="confirm-load",
                            color="primary",
                            disabled=True,
                            className="mt-2",
                        ),
                        dcc.Loading(html.Div(id="confirm-result", className="mt-2")),
                    ]
                ),
                className="mb-4 shadow-sm",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(_("Load history"), className="h5"),
                        html.Div(_history(), id="load-history"),
                    ]
                ),
                className="mb-4 shadow-sm",
            ),
            dbc.Card(
                dbc.CardBody([html.H2(_("Data quality"), className="h5"), _quality()]),
                className="mb-4 shadow-sm",
            ),
        ],
        id="data-page",
    )


def _history() -> Component:
    try:
        rows = data.query("load_history")
    except WarehouseMissingError:
        return dbc.Alert(_("No warehouse has been published yet."), color="info")
    return _grid(
        "load-history-grid",
        rows.with_columns(pl.col("loaded_at").dt.strftime("%Y-%m-%d %H:%M")).to_dicts(),
        [
            ("load_id", _("Load")),
            ("source_id", _("Source")),
            ("loaded_at", _("When")),
            ("loaded_by", _("By")),
            ("rows_added", _("Added")),
            ("rows_changed", _("Changed")),
            ("rows_removed", _("Removed")),
        ],
    )


def _quality() -> Component:
    try:
        rows = data.query("data_quality", limit=QUALITY_ROWS)
        counts = dict(data.query("data_quality_counts").iter_rows())
    except WarehouseMissingError:
        return dbc.Alert(_("No warehouse has been published yet."), color="info")
    badges = html.Div(
        [
            dbc.Badge(
                [_(label), " ", html.B(str(counts.get(issue, 0)))],
                color="light",
                text_color="dark",
                className="me-2 mb-2 p-2 border",
                id=f"quality-{issue}",
            )
            for issue, label in ISSUES.items()
        ]
    )
    table = rows.with_columns(
        pl.col("issue").replace_strict(
            {k: _(v) for k, v in ISSUES.items()}, default=pl.col("issue")
        )
    )
    shown = (
        html.P(
            _("The first {shown} of {total} records with an issue.").format(
                shown=format_number(rows.height), total=format_number(sum(counts.values()))
            ),
            className="text-muted small",
            id="quality-shown",
        )
        if sum(counts.values()) > rows.height
        else html.Div(id="quality-shown")
    )
    return html.Div(
        [
            badges,
            shown,
            _grid(
                "quality-grid",
                table.to_dicts(),
                [
                    ("issue", _("Issue")),
                    ("record_id", _("Record")),
                    ("programme_code", _("Programme")),
                    ("detail", _("Detail")),
                ],
            ),
        ]
    )


def _save_upload(contents: str, filename: str) -> Path:
    name = Path(filename).name
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise ValueError(_("only .xlsx and .csv files can be uploaded"))
    _header, _sep, payload = contents.partition(",")
    folder = data.settings().state_path.parent / "uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(base64.b64decode(payload, validate=True))
    return path


def _changes_table(report: LoadReport) -> html.Table:
    rows = [
        html.Tr(
            [
                html.Td(sheet),
                html.Td(c.loaded),
                html.Td(c.added),
                html.Td(c.changed),
                html.Td(c.removed),
            ]
        )
        for sheets in report.changes.values()
        for sheet, c in sorted(sheets.items())
        if c.loaded or c.removed
    ]
    header = html.Tr(
        [html.Th(h) for h in (_("Sheet"), _("Rows"), _("Added"), _("Changed"), _("Removed"))]
    )
    return dbc.Table(
        [html.Thead(header), html.Tbody(rows)], size="sm", bordered=True, id="upload-changes"
    )


@callback(
    Output("upload-report", "children"),
    Output("upload-path", "data"),
    Output("confirm-load", "disabled"),
    Input("upload", "contents"),
    State("upload", "filename"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _check_upload(
    contents: str | None, filename: str | None, search: str | None
) -> tuple[object, str | None, bool]:
    set_language(parse(search).lang)
    if not contents or not filename or not data.has_role("admin", "staff"):
        raise PreventUpdate
    try:
        path = _save_upload(contents, filename)
    except (ValueError, binascii.Error) as exc:
        return dbc.Alert(str(exc), color="danger"), None, True
    try:
        report = load([path], data.settings().db_path, dry_run=True)
    except LoadRefusedError as refused:
        rows = [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "problem": p.message}
            for p in refused.problems
        ]
        return (
            html.Div(
                [
                    dbc.Alert(
                        _(
                            "{count} problem(s) in {file}: fix them and upload the file again."
                        ).format(count=len(rows), file=path.name),
                        color="danger",
                        id="upload-status",
                    ),
                    _grid(
                        "validation-report",
                        rows,
                        [
                            ("sheet", _("Sheet")),
                            ("row", _("Row")),
                            ("column", _("Column")),
                            ("problem", _("Problem")),
                        ],
                    ),
                ]
            ),
            None,
            True,
        )
    if report.load_id is None and report.unchanged_sources:
        return (
            dbc.Alert(
                _("{file} is identical to its last load: nothing would change.").format(
                    file=path.name
                ),
                color="secondary",
                id="upload-status",
            ),
            None,
            True,
        )
    can_confirm = data.has_role("admin")  # staff check files; an admin confirms the load
    return (
        html.Div(
            [
                dbc.Alert(
                    _("{file} is valid. Confirm to load it.").format(file=path.name),
                    color="success",
                    id="upload-status",
                ),
                _changes_table(report),
            ]
        ),
        str(path),
        not can_confirm,
    )


@callback(
    Output("confirm-result", "children"),
    Output("load-history", "children"),
    Output("confirm-load", "disabled", allow_duplicate=True),
    Input("confirm-load", "n_clicks"),
    State("upload-path", "data"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _confirm(
    clicks: int | None, upload: str | None, search: str | None
) -> tuple[object, object, bool]:
    set_language(parse(search).lang)
    user = data.current_user()
    if not clicks or not upload or user is None or user.role != "admin":
        raise PreventUpdate
    path = Path(upload)
    uploads = data.settings().state_path.parent / "uploads"
    if uploads.resolve() not in path.resolve().parents:
        raise PreventUpdate  # only files this page saved
    settings = data.settings()
    try:
        report = load([path], settings.db_path, loaded_by=user.name)
    except LoadRefusedError as refused:
        record_load_attempt(
            settings.state_path, user.name, [path.name], "refused", None, len(refused.problems)
        )
        data.audit("load", file=path.name, outcome="refused", problems=len(refused.problems))
        message = _("The load was refused: {count} problem(s).").format(count=len(refused.problems))
        return dbc.Alert(message, color="danger"), dash.no_update, True
    record_load_attempt(settings.state_path, user.name, report.sources, "loaded", report.load_id)
    data.audit("load", file=path.name, sources=report.sources, load_id=report.load_id)
    message = _("Loaded as load {load_id}.").format(load_id=report.load_id)
    return dbc.Alert(message, color="success", id="confirm-status"), _history(), True
