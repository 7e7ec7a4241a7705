"""Overview (`/`): the selected programme's key figures beside the previous programme's."""

from __future__ import annotations

import dash
from dash import html

from atlas.i18n import N_, _, set_language
from dashboard.url_params import parse

dash.register_page(__name__, path="/", name=N_("Overview"), order=0, icon="bi-speedometer2")


def layout(**query: object) -> html.Div:
    state = parse(query)
    set_language(state.lang)
    return html.Div([html.H1(_("Programme overview"), className="h3")], id="overview-page")
