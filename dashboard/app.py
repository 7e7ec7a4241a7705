"""Create the Dash app: pages, navigation and locally served styles. Nothing else."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import dash
import flask
from dash import Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from atlas.i18n import LANGUAGES, set_language
from atlas.settings import Settings, load_settings
from dashboard import access, data, preload
from dashboard.components.navbar import navbar
from dashboard.public_view import register_public_view
from dashboard.url_params import encode, parse

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"

# Served from /assets: the dash-bootstrap-components theme constants point at a CDN. Behind a
# URL prefix (Dash's own DASH_URL_BASE_PATHNAME or DASH_REQUESTS_PATHNAME_PREFIX) they follow it.
PREFIX = (
    os.environ.get("DASH_REQUESTS_PATHNAME_PREFIX")
    or os.environ.get("DASH_URL_BASE_PATHNAME")
    or "/"
)
STYLESHEETS = [
    PREFIX + "assets/vendor/bootstrap/bootstrap.min.css",
    PREFIX + "assets/vendor/bootstrap-icons/bootstrap-icons.min.css",
    PREFIX + "assets/atlas.css",
]


# Dash includes @babel/polyfill (core-js) for browsers older than React 18 supports. Browsers
# that run the atlas need none of it, yet every first visit downloads it (36 KB) and runs it
# (about 90 ms in Chromium's profiler), and it replaces built-ins such as String.prototype.trim
# with slower ones that plotly then calls. The one global Dash still reads from it,
# regeneratorRuntime, the dash-bootstrap-components bundle defines.
_POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>\s*')


class AtlasDash(dash.Dash):
    """Dash, with a page that leaves out the polyfill and preloads what the page will ask for
    (`dashboard.preload`)."""

    def interpolate_index(  # type: ignore[override]
        self, scripts: str = "", metas: str = "", **kwargs: Any
    ) -> str:
        page_path = "/" + flask.request.path.removeprefix(self.config.routes_pathname_prefix)
        return str(
            super().interpolate_index(
                scripts=_POLYFILL.sub("", scripts),
                metas=metas
                + preload.plotly_meta(self.config.requests_pathname_prefix)
                + preload.links(self.config.requests_pathname_prefix, page_path),
                **kwargs,
            )
        )


def create_app(settings: Settings | None = None) -> dash.Dash:
    settings = settings or load_settings()
    app = AtlasDash(
        __name__,
        use_pages=True,
        pages_folder=str(Path(__file__).with_name("pages")),
        assets_folder=str(ASSETS),
        # Stylesheets are listed explicitly above, in order; nothing is auto-included. Scripts
        # are, but for our partial plotly.js (`make plotly-bundle`): dcc.Graph loads it when a
        # page first draws a graph (assets/plotly-on-demand.js), so pages without graphs
        # neither download nor run it, and dcc never fetches the package's 4.8 MB plotly.min.js.
        assets_ignore=r".*\.css$|^plotly-atlas\.min\.js$",
        external_stylesheets=STYLESHEETS,
        serve_locally=True,
        title="Solidarity Atlas",
        update_title="",
        # Partners open the atlas over slow, metered connections: compress every response.
        compress=True,
        suppress_callback_exceptions=True,
    )
    data.configure(app.server, settings)
    access.protect(app, settings)
    _cache_fingerprinted_assets(app)
    register_public_view(
        app.server,
        settings,
        routes_prefix=app.config.routes_pathname_prefix,
        requests_prefix=app.config.requests_pathname_prefix,
    )
    app.layout = html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            # The map's play control steps the years; it lives here to survive page redraws.
            dcc.Store(id="playing", data=False),
            dcc.Interval(id="play-clock", interval=1500, disabled=True),
            html.Div(id="navbar"),
            dcc.Store(id="page-language"),
            html.Main(dash.page_container, className="container-fluid pb-4"),
        ]
    )
    return app


def _cache_fingerprinted_assets(app: dash.Dash) -> None:
    """Let browsers keep for a year the scripts Dash includes from assets/ (plotly.js among
    them): their URLs carry `?m=<file mtime>`, so a changed file gets a new URL. Without this,
    each visit fetches them whole again: flask-compress gives a compressed file an ETag of its
    own that the static route's revalidation never matches."""
    assets = app.config.routes_pathname_prefix + "assets/"

    @app.server.after_request
    def _cache(response: flask.Response) -> flask.Response:
        request = flask.request
        if (
            request.method == "GET"
            and request.path.startswith(assets)
            and "m" in request.args
            and response.status_code == 200
        ):
            response.headers["Cache-Control"] = "max-age=31536000, immutable"
        return response


@dash.callback(
    Output("navbar", "children"),
    Output("page-language", "data"),
    Input("url", "pathname"),
    Input("url", "search"),
)
def _render_navbar(pathname: str | None, search: str | None) -> tuple[object, str]:
    state = parse(search)
    set_language(state.lang)
    return navbar(pathname or "/", state, data.current_user()), state.lang


@dash.callback(
    Output("url", "search", allow_duplicate=True),
    [Input(f"lang-{code}", "n_clicks") for code in LANGUAGES],
    State("url", "search"),
    prevent_initial_call=True,
)
def _choose_language(*args: object) -> str:
    """The language switcher: this page in the chosen language, and the next visit too."""
    *clicks, search = args
    chosen = str(dash.ctx.triggered_id or "").removeprefix("lang-")
    if chosen not in LANGUAGES or not any(clicks):
        raise PreventUpdate
    data.remember_language(chosen)
    return encode(parse(str(search or "")).with_(lang=chosen))


# Screen readers, hyphenation and the browser's translation offer read <html lang>.
dash.clientside_callback(
    "function(lang) { if (lang) { document.documentElement.lang = lang; } return lang; }",
    Output("page-language", "data", allow_duplicate=True),
    Input("page-language", "data"),
    prevent_initial_call=True,
)
