"""The navigation bar, built from Dash's page registry so a new page appears by registering."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from atlas.i18n import LANGUAGES, _
from dashboard.url_params import ViewState, encode

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands"}


def navbar(pathname: str, state: ViewState) -> dbc.Navbar:
    """Links keep the current filters and language, so moving between pages keeps the view."""
    query = encode(state)
    links = [
        dbc.NavItem(
            dbc.NavLink(
                [html.I(className=f"bi {page.get('icon', 'bi-circle')} me-1"), _(page["name"])],
                href=page["relative_path"] + query,
                active=pathname == page["path"],
                id=f"nav-{page['module'].rsplit('.', 1)[-1]}",
            )
        )
        for page in sorted(dash.page_registry.values(), key=lambda p: p.get("order", 99))
    ]
    languages = [
        dbc.DropdownMenuItem(
            LANGUAGE_NAMES[code],
            href=pathname + encode(state.with_(lang=code)),
            active=code == state.lang,
            id=f"lang-{code}",
        )
        for code in LANGUAGES
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.I(className="bi bi-globe-europe-africa me-2"), _("Solidarity Atlas")],
                    href=dash.get_relative_path("/") + query,
                ),
                dbc.Nav(links, navbar=True, className="me-auto"),
                dbc.DropdownMenu(
                    languages,
                    label=LANGUAGE_NAMES[state.lang],
                    nav=True,
                    align_end=True,
                    id="language-menu",
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-3",
    )
