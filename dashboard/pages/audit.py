"""Audit (`/audit`, admins only): sign-ins, failed sign-ins, exports and loads, newest first."""

from __future__ import annotations

import json

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from atlas.i18n import N_, _, set_language
from dashboard import data
from dashboard.url_params import parse

dash.register_page(__name__, path="/audit", name=N_("Audit"), order=90, icon="bi-journal-text")

ACTIONS = {
    "sign_in": N_("signed in"),
    "sign_in_failed": N_("failed to sign in"),
    "sign_in_refused": N_("refused: too many failures"),
    "sign_out": N_("signed out"),
    "export": N_("exported"),
    "load": N_("loaded"),
    "users": N_("changed users"),
}


def _detail(text: str) -> str:
    detail = json.loads(text)
    return "; ".join(f"{key}: {value}" for key, value in detail.items())


def layout(**query: object) -> Component:
    set_language(parse(query).lang)
    if not data.has_role("admin"):
        return html.Div(dbc.Alert(_("This page is for admins."), color="warning"), id="audit-page")
    entries = data.audit_log()
    return html.Div(
        [
            html.H1(_("Audit log"), className="h3"),
            html.P(
                _("The latest {n} entries: who signed in, exported or loaded what.").format(
                    n=len(entries)
                ),
                className="text-muted",
            ),
            dbc.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(h)
                                for h in (_("When (UTC)"), _("Who"), _("What"), _("Details"))
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(str(e["at"])),
                                    html.Td(str(e["who"])),
                                    html.Td(_(ACTIONS.get(str(e["action"]), str(e["action"])))),
                                    html.Td(_detail(str(e["detail"])), className="small"),
                                ]
                            )
                            for e in entries
                        ]
                    ),
                ],
                size="sm",
                bordered=True,
                id="audit-log",
            ),
        ],
        id="audit-page",
    )
