"""Practice finder (`/practices`): a union states a challenge; the other organisations whose
documented practices fit it best are listed with their evidence and why they rank where they do.

The asking organisation, the theme and the challenge text live in the URL (`organisation`,
`theme`, `q`), so a suggestion list can be shared as a link.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
import polars as pl
from dash import Input, Output, State, callback, dcc, html
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from atlas.i18n import N_, _, format_number, set_language
from dashboard import data
from dashboard.components.filters import code_options
from dashboard.preload import dcc_code
from dashboard.url_params import ViewState, encode, parse
from warehouse.codes import label_of
from warehouse.connection import WarehouseMissingError
from warehouse.practices import WEIGHTS, Suggestion, rank, term_weights
from warehouse.search import search_terms

dash.register_page(
    __name__,
    path="/practices",
    name=N_("Practices"),
    order=45,
    icon="bi-lightbulb",
    preload=[dcc_code("dropdown")],
)

SHOWN = 5
EVIDENCE_SHOWN = 6  # outcomes, and exchanges, shown per suggestion; the ranking counts all
FACTOR_NAMES = {
    "evidence": N_("Evidence"),
    "practice": N_("Practice shown"),
    "words": N_("Words"),
    "region": N_("Region"),
}


def explanation() -> Component:
    """One sentence per factor, with its weight: the whole ranking, nothing hidden."""
    sentences = {
        "evidence": _(
            "Positive outcomes on the theme that were substantiated (partly substantiated ones "
            "count half), claimed by the organisation or that followed an exchange it hosted; "
            "n outcomes give n/(n+1), so a few verified outcomes beat many unverified ones, and "
            "unsubstantiated or negative outcomes add nothing."
        ),
        "practice": _("Exchanges on the theme the organisation hosted: n exchanges give n/(n+1)."),
        "words": _(
            "The share of your challenge's words found in its positive outcomes and hosted "
            "exchanges, rarer words weighing more."
        ),
        "region": _(
            "1 when the organisation works in your region: a minor factor, since the "
            "evaluation found learning across continents."
        ),
    }
    return html.Ul(
        [
            html.Li(
                [
                    html.Strong(f"{_(FACTOR_NAMES[name])} (× {format_number(weight)}): "),
                    sentences[name],
                ]
            )
            for name, weight in WEIGHTS.items()
        ],
        className="small",
        id="ranking-explanation",
    )


def _form(state: ViewState, organisations: pl.DataFrame) -> Component:
    partners = organisations.filter(pl.col("role") == "partner")
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(_("Your organisation"), html_for="practices-organisation"),
                            dcc.Dropdown(
                                [
                                    {
                                        "label": f"{o['acronym']} ({o['country_code']})",
                                        "value": o["org_code"],
                                    }
                                    for o in partners.iter_rows(named=True)
                                ],
                                state.organisations[0] if state.organisations else None,
                                id="practices-organisation",
                                placeholder=_("Choose…"),
                            ),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(_("Theme"), html_for="practices-theme"),
                            dcc.Dropdown(
                                code_options("canonical_theme"),
                                state.themes[0] if state.themes else None,
                                id="practices-theme",
                                placeholder=_("Choose…"),
                            ),
                        ],
                        md=3,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(_("Your challenge (optional)"), html_for="practices-text"),
                            dbc.Textarea(
                                value=state.q or "",
                                id="practices-text",
                                maxLength=200,
                                rows=1,
                                placeholder=_("e.g. organising market vendors"),
                            ),
                        ],
                        md=4,
                    ),
                    dbc.Col(
                        dbc.Button(
                            _("Find practices"), id="practices-find", color="primary", n_clicks=0
                        ),
                        md=2,
                        className="align-self-end",
                    ),
                ],
                className="g-2",
            )
        ),
        className="mb-3",
    )


def _factor_line(suggestion: Suggestion, row: dict[str, Any]) -> list[Component]:
    counts = _(
        "{substantiated} substantiated, {partly} partly substantiated, {other} unsubstantiated "
        "and {negative} negative outcomes"
    ).format(
        substantiated=format_number(row["substantiated"]),
        partly=format_number(row["partly_substantiated"]),
        other=format_number(row["unsubstantiated"]),
        negative=format_number(row["negative"]),
    )
    details = {
        "evidence": counts,
        "practice": _("hosted {n} exchanges on the theme").format(n=format_number(row["hosted"])),
        "words": ", ".join(suggestion.matched_terms) or _("no words of the challenge"),
        "region": _("same region") if row["same_region"] else _("another region"),
    }
    return [
        html.Li(
            [
                html.Strong(f"{_(FACTOR_NAMES[name])}: "),
                f"{format_number(round(value, 2))} × {format_number(WEIGHTS[name])} · ",
                details[name],
            ],
            className=f"factor-{name}",
        )
        for name, value in suggestion.factors.items()
    ]


def _evidence(rows: list[dict[str, Any]]) -> Component:
    items = []
    for row in rows:
        if row["kind"] == "outcome":
            status = _(label_of("substantiation_status", row["substantiation_status"]))
            sign = "" if row["is_positive"] else " · " + _("negative")
            via = (
                " · " + _("after {exchanges}").format(exchanges=row["via_exchanges"])
                if row["via_exchanges"]
                else ""
            )
            meta = f"{row['record_id']} · {row['on_date']} · {status}{sign}{via}"
        else:
            meta = f"{row['record_id']} · {row['on_date']} · " + _("exchange it hosted")
        # two components an item, not four (a page shows up to 60 items): the text, and the
        # details on a line of their own
        items.append(
            html.Li(
                [row["text"], html.Small(meta, className="d-block text-muted")],
                className="illustrative" if row["is_illustrative"] else None,
            )
        )
    return html.Ul(items, className="small mb-0")


def _results(state: ViewState) -> Component:
    asking, theme = state.organisations[0], state.themes[0]
    illustrative = None if state.illustrative is None else state.illustrative == "yes"
    terms = search_terms(state.q or "")
    candidates = data.query(
        "practice_candidates",
        theme=theme,
        asking_org=asking,
        terms=terms,
        illustrative=illustrative,
    )
    weights = term_weights(data.query("term_rarity", terms=terms), terms) if terms else {}
    ranked = rank(candidates, weights)[:SHOWN]
    if not ranked:
        return dbc.Alert(
            _("No other organisation has documented anything on this theme yet."),
            color="secondary",
            id="practice-suggestions",
        )
    by_org = {r["org_code"]: r for r in candidates.iter_rows(named=True)}
    evidence = data.query(
        "practice_evidence",
        theme=theme,
        organisations=[s.org_code for s in ranked],
        illustrative=illustrative,
        per_kind=EVIDENCE_SHOWN,
    )
    shown: dict[str, list[dict[str, Any]]] = {}
    for item in evidence.iter_rows(named=True):
        shown.setdefault(item["org_code"], []).append(item)
    cards = []
    for position, suggestion in enumerate(ranked, start=1):
        row = by_org[suggestion.org_code]
        cards.append(
            dbc.Card(
                [
                    dbc.CardHeader(
                        [
                            html.Span(f"{position}. ", className="fw-bold"),
                            html.Span(
                                f"{row['acronym']} ({row['country_code']})",
                                className="fw-bold suggestion-name",
                            ),
                            html.Span(f" · {row['name']}", className="text-muted"),
                            dbc.Badge(
                                _("score {score}").format(
                                    score=format_number(round(suggestion.score, 2))
                                ),
                                color="light",
                                className="ms-2 border text-dark suggestion-score",
                            ),
                        ]
                    ),
                    dbc.CardBody(
                        [
                            html.Ul(_factor_line(suggestion, row), className="small"),
                            _evidence(shown.get(suggestion.org_code, [])),
                        ]
                    ),
                ],
                className="mb-2",
                id=f"suggestion-{suggestion.org_code}",
            )
        )
    return html.Div(cards, id="practice-suggestions")


def layout(**query: object) -> Component:
    state = parse(query)
    set_language(state.lang)
    try:
        organisations = data.query("organisations")
    except WarehouseMissingError:
        return dbc.Alert(
            _("No warehouse has been published yet."), color="info", id="practices-page"
        )
    asked = bool(state.organisations and state.themes)
    return html.Div(
        [
            html.H1(_("Practice finder"), className="h3"),
            html.P(
                _(
                    "State a challenge: the other organisations whose documented practices fit "
                    "it best are listed with their evidence. Partners see what organisations "
                    "share with the network."
                ),
                className="text-muted",
            ),
            _form(state, organisations),
            _results(state)
            if asked
            else dbc.Alert(
                _("Choose your organisation and a theme."),
                color="secondary",
                id="practice-suggestions",
            ),
            html.H2(_("How the ranking works"), className="h6 mt-3"),
            explanation(),
        ],
        id="practices-page",
    )


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("practices-find", "n_clicks"),
    State("practices-organisation", "value"),
    State("practices-theme", "value"),
    State("practices-text", "value"),
    State("url", "search"),
    prevent_initial_call=True,
)
def _ask(
    clicks: int, organisation: str | None, theme: str | None, text: str | None, search: str | None
) -> str:
    if not clicks:
        raise PreventUpdate
    state = parse(search)
    challenge = " ".join((text or "").split())[:200]  # one line, as the URL parameter takes it
    return encode(
        state.with_(
            organisations=(organisation,) if organisation else (),
            themes=(theme,) if theme else (),
            q=challenge or None,
        )
    )
