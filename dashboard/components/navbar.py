"""The navigation bar, built from Dash's page registry so a new page appears by registering."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from atlas.accounts import User
from atlas.i18n import LANGUAGE_NAMES, LANGUAGES, _
from dashboard.access import PAGE_ROLES, csrf_token
from dashboard.url_params import ViewState, encode


def _account(user: User | None) -> html.Form | None:
    """Who is signed in, and a sign-out form carrying the session's CSRF token."""
    if user is None:
        return None
    return html.Form(
        [
            html.Span(
                [html.I(className="bi bi-person-circle me-1"), user.name],
                className="navbar-text me-2",
                id="signed-in-user",
            ),
            dcc.Input(type="hidden", name="csrf", value=csrf_token(), id="sign-out-csrf"),
            html.Button(
                _("Sign out"),
                type="submit",
                className="btn btn-sm btn-outline-light",
                id="sign-out",
            ),
        ],
        method="post",
        action=dash.get_relative_path("/logout"),
        className="d-flex align-items-center ms-2",
    )


def navbar(pathname: str, state: ViewState, user: User | None = None) -> dbc.Navbar:
    """Links keep the current filters and language, so moving between pages keeps the view;
    pages the user's role may not open are left out."""
    query = encode(state)
    role = user.role if user else None
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
        if role in PAGE_ROLES.get(page["path"], (role,))
    ]
    # Choosing a language is remembered for the user (a callback in dashboard.app); a shared
    # link with ?lang= only sets the language of that visit.
    languages = [
        dbc.DropdownMenuItem(
            LANGUAGE_NAMES[code], active=code == state.lang, id=f"lang-{code}", n_clicks=0
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
                _account(user),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        className="mb-3",
    )
