"""The DGD accountability panel of the programmes page (staff): per specific objective and year,
the performance scores with their justification, lessons learned and the management response,
entered here and published through the loader; the accountability workbook and the IATI file.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import dash_bootstrap_components as dbc
import polars as pl
from dash import ALL, Input, Output, State, callback, ctx, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import _, current_language, second_language, set_language
from dashboard import data
from dashboard.accountability import accountability_workbook, workbook_name
from dashboard.components.filters import code_options
from dashboard.url_params import parse
from etl.app_entries import record_accountability
from etl.errors import LoadRefusedError
from etl.iati import ExportRefusedError
from warehouse.codes import CODE_LISTS

CRITERIA = [c.code for c in CODE_LISTS["dac_criterion"]]


# The score and justification fields of each criterion are the same on every request but for
# the languages shown: built once for each (42 components, about 1.5 ms a request otherwise).
# `languages` (first, second) is the cache's key; `_()` reads them from the request's context.
@cache
def _criteria_rows(languages: tuple[str, str | None]) -> list[Component]:
    return [
        dbc.Row(
            [
                dbc.Col(dbc.Label(_(c.label)), md=2),
                dbc.Col(
                    dcc.Dropdown(
                        code_options("performance_score"),
                        id={"type": "dgd-score", "criterion": c.code},
                        placeholder=_("Score"),
                    ),
                    md=3,
                ),
                dbc.Col(
                    dbc.Textarea(
                        id={"type": "dgd-justification", "criterion": c.code},
                        placeholder=_("Why this score"),
                        rows=1,
                        maxLength=4000,
                    ),
                    md=7,
                ),
            ],
            className="mb-1",
        )
        for c in CODE_LISTS["dac_criterion"]
    ]


def dgd_panel(programme: str, start_year: int, end_year: int) -> Component | None:
    """None for anyone but staff: the callbacks refuse them too."""
    if not data.has_role("admin", "staff"):
        return None
    objectives = data.query("objectives", programme=programme)
    last = min(end_year, date.today().year - 1)
    rows = _criteria_rows((current_language(), second_language()))
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(_("DGD accountability"), className="h5"),
                html.P(
                    _(
                        "Per specific objective and year: scores per criterion with their "
                        "justification, lessons learned and the management response to "
                        "evaluations, published with the records; the workbook named by the "
                        "objective's IATI identifier and the year."
                    ),
                    className="small text-muted",
                ),
                dcc.Store(id="dgd-programme", data=programme),
                dbc.Row(
                    [
                        dbc.Col(
                            dcc.Dropdown(
                                [
                                    {
                                        "label": f"{o['objective_id']} · {o['title']}",
                                        "value": o["objective_id"],
                                    }
                                    for o in objectives.iter_rows(named=True)
                                ],
                                objectives["objective_id"][0] if objectives.height else None,
                                id="dgd-objective",
                                clearable=False,
                            ),
                            md=8,
                        ),
                        dbc.Col(
                            dcc.Dropdown(
                                list(range(start_year, end_year + 1)),
                                max(start_year, last),
                                id="dgd-year",
                                clearable=False,
                            ),
                            md=4,
                        ),
                    ],
                    className="mb-2",
                ),
                *rows,
                dbc.Textarea(
                    id="dgd-lessons", placeholder=_("Lessons learned"), rows=2, className="my-1"
                ),
                dbc.Input(id="dgd-evaluation", placeholder=_("Evaluation answered"), size="sm"),
                dbc.Textarea(
                    id="dgd-response",
                    placeholder=_("Management response to the evaluation"),
                    rows=2,
                    className="my-1",
                ),
                html.Div(
                    [
                        dbc.Button(
                            _("Save and publish"), id="dgd-save", size="sm", className="me-1"
                        ),
                        dbc.Button(
                            _("Accountability workbook"),
                            id="dgd-workbook",
                            size="sm",
                            color="outline-secondary",
                            className="me-1",
                        ),
                        dbc.Button(
                            _("IATI file of the programme"),
                            id="dgd-iati",
                            size="sm",
                            color="outline-secondary",
                        ),
                    ]
                ),
                html.Div(id="dgd-status", className="mt-2"),
                dcc.Download(id="dgd-download"),
            ]
        ),
        className="mt-4 shadow-sm",
        id="dgd-panel",
    )


@callback(
    Output({"type": "dgd-score", "criterion": ALL}, "value"),
    Output({"type": "dgd-justification", "criterion": ALL}, "value"),
    Output("dgd-lessons", "value"),
    Output("dgd-evaluation", "value"),
    Output("dgd-response", "value"),
    Input("dgd-objective", "value"),
    Input("dgd-year", "value"),
)
def _fill(objective: str | None, year: int | None) -> tuple[Any, ...]:
    """What was entered before for this objective and year (empty when nothing was)."""
    if not objective or not year or not data.has_role("admin", "staff"):
        raise PreventUpdate
    record = data.query("accountability", objective=objective, year=int(year))
    scores = {
        r["key"]: r for r in record.filter(pl.col("section") == "score").iter_rows(named=True)
    }
    lessons = {
        r["key"]: r for r in record.filter(pl.col("section") == "lesson").iter_rows(named=True)
    }
    response = lessons.get("management_response", {})
    return (
        [scores.get(c, {}).get("value") for c in CRITERIA],
        [scores.get(c, {}).get("text") for c in CRITERIA],
        lessons.get("lesson_learned", {}).get("text"),
        response.get("evaluation"),
        response.get("text"),
    )


@callback(
    Output("dgd-status", "children"),
    Input("dgd-save", "n_clicks"),
    State("dgd-objective", "value"),
    State("dgd-year", "value"),
    State({"type": "dgd-score", "criterion": ALL}, "value"),
    State({"type": "dgd-justification", "criterion": ALL}, "value"),
    State("dgd-lessons", "value"),
    State("dgd-evaluation", "value"),
    State("dgd-response", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _save(
    clicks: int | None,
    objective: str | None,
    year: int | None,
    scores: list[str | None],
    justifications: list[str | None],
    lessons: str | None,
    evaluation: str | None,
    response: str | None,
    search: str | None,
) -> Component:
    set_language(parse(search).lang)
    user = data.current_user()
    if not clicks or not objective or not year or user is None:
        raise PreventUpdate
    if user.role not in ("admin", "staff"):
        raise PreventUpdate
    entered = dict(zip(CRITERIA, zip(scores, justifications, strict=True), strict=True))
    unjustified = [c for c, (s, j) in entered.items() if s and not (j or "").strip()]
    if unjustified:
        return dbc.Alert(
            _("Every score needs its justification: {criteria}.").format(
                criteria=", ".join(unjustified)
            ),
            color="warning",
        )
    kept = {c: (str(s), str(j).strip()) for c, (s, j) in entered.items() if s}
    notes = {
        kind: (None if kind == "lesson_learned" else (evaluation or "").strip(), text.strip())
        for kind, text in (
            ("lesson_learned", lessons or ""),
            ("management_response", response or ""),
        )
        if text.strip()
    }
    settings = data.settings()
    try:
        report = record_accountability(
            settings.state_path, settings.db_path, objective, int(year), kept, notes, user.name
        )
    except LoadRefusedError as refused:
        return dbc.Alert(
            _("Not published: {problem}").format(problem=refused.problems[0]), color="danger"
        )
    data.audit("accountability", objective=objective, year=year, load_id=report.load_id)
    return dbc.Alert(
        _("Published for {objective}, {year}.").format(objective=objective, year=year),
        color="success",
        id="dgd-published",
    )


@callback(
    Output("dgd-download", "data"),
    Output("dgd-status", "children", allow_duplicate=True),
    Input("dgd-workbook", "n_clicks"),
    Input("dgd-iati", "n_clicks"),
    State("dgd-programme", "data"),
    State("dgd-objective", "value"),
    State("dgd-year", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _download(
    _workbook: int | None,
    _iati: int | None,
    programme: str,
    objective: str | None,
    year: int | None,
    search: str | None,
) -> tuple[Any, Any]:
    set_language(parse(search).lang)
    if ctx.triggered_id == "dgd-iati":
        data.allow_export("iati", [("programme", programme)])
        try:
            document = data.iati_document([programme])
        except ExportRefusedError as refused:
            return None, dbc.Alert("; ".join(refused.problems), color="warning")
        return dcc.send_bytes(document, f"iati-{programme}.xml"), None
    if not objective or not year:
        raise PreventUpdate
    data.allow_export("accountability workbook", [("objective", objective), ("year", str(year))])
    found = data.query("objectives", programme=programme).filter(
        pl.col("objective_id") == objective
    )
    if not found.height:
        raise PreventUpdate
    chosen = found.row(0, named=True)
    content = accountability_workbook(
        chosen,
        int(year),
        data.query("programme_indicators", programme=None, objective=objective),
        data.query("accountability", objective=objective, year=int(year)),
        data.warehouse_version(),
    )
    name = workbook_name(chosen["iati_identifier"], objective, int(year))
    return dcc.send_bytes(content, name), None
