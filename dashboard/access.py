"""Who may come in: sign-in and sign-out, a session check in front of every request, and the
security headers on every response.

Only the sign-in page, the public view and the few static files they use answer anonymous
requests; every page and every Dash endpoint (`/_dash-layout`, `/_dash-dependencies`,
`/_dash-update-component`, component scripts) needs a session. Roles then shape what each
query returns (`warehouse.viewer`), so hiding a link is never the only guard.
"""

from __future__ import annotations

import hmac
import html
import secrets
from datetime import timedelta
from urllib.parse import urlencode, urlparse

import flask
from dash import Dash

from atlas import accounts
from atlas.i18n import LANGUAGES, _, normalise_language, set_fallback_language, set_language
from atlas.settings import Settings

SESSION_COOKIE = "atlas_session"
# Anonymous visitors may reach these (under the app's URL prefix), and nothing else.
OPEN_PATHS = ("login", "public", "public/")
OPEN_PREFIXES = ("public/", "assets/vendor/bootstrap/", "assets/atlas.css")
# Pages each role may open; pages not listed are open to every signed-in role.
PAGE_ROLES = {
    "/data": ("admin", "staff"),
    "/audit": ("admin",),
}


def current_user() -> accounts.User | None:
    return flask.g.get("atlas_user")


def csrf_token() -> str:
    """The session's token for forms (sign-in, sign-out): a cross-site form cannot know it."""
    if "csrf" not in flask.session:
        flask.session["csrf"] = secrets.token_urlsafe(32)
    return str(flask.session["csrf"])


def _csrf_ok() -> bool:
    sent = flask.request.form.get("csrf", "")
    return bool(sent) and hmac.compare_digest(sent, flask.session.get("csrf", ""))


def _same_origin() -> bool:
    """A state-changing request must come from a page of this app (when the browser says)."""
    origin = flask.request.headers.get("Origin")
    return origin is None or urlparse(origin).netloc == flask.request.host


def _address() -> str:
    return flask.request.remote_addr or "unknown"


def _login_page(root: str, message: str = "", status: int = 200) -> flask.Response:
    """The sign-in form; `root` is the app's URL prefix as the browser sees it, without '/'."""
    lang = normalise_language(flask.request.args.get("lang"))
    set_language(lang)
    alert = (
        f'<div class="alert alert-warning" role="alert">{html.escape(message)}</div>'
        if message
        else ""
    )
    target = html.escape(flask.request.args.get("next", "/"), quote=True)
    body = f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(_("Sign in"))} · Solidarity Atlas</title>
<link rel="stylesheet" href="{root}/assets/vendor/bootstrap/bootstrap.min.css">
</head><body class="bg-light">
<main class="container" style="max-width: 26rem; margin-top: 10vh">
<h1 class="h4 mb-3">Solidarity Atlas</h1>
{alert}
<form method="post" action="{root}/login?lang={lang}" class="card card-body" id="login-form">
<input type="hidden" name="csrf" value="{csrf_token()}">
<input type="hidden" name="next" value="{target}">
<label class="form-label" for="name">{html.escape(_("User name"))}</label>
<input class="form-control mb-2" id="name" name="name" autocomplete="username" required>
<label class="form-label" for="password">{html.escape(_("Password"))}</label>
<input class="form-control mb-3" id="password" name="password" type="password"
 autocomplete="current-password" required>
<button class="btn btn-primary" type="submit">{html.escape(_("Sign in"))}</button>
</form>
<p class="mt-3 small"><a href="{root}/public?lang={lang}">{html.escape(_("Public view"))}</a></p>
</main></body></html>"""
    return flask.Response(body, status=status, mimetype="text/html")


def _safe_next(target: str) -> str:
    """Only a path of this app: never an open redirect to another site."""
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def protect(app: Dash, settings: Settings) -> None:
    """Put sign-in, the session check and the security headers in front of the app."""
    server = app.server
    state = settings.state_path
    routes = app.config.routes_pathname_prefix  # where Flask serves the app: "/" or "/atlas/"
    root = app.config.requests_pathname_prefix.rstrip("/")  # where the browser finds it
    server.secret_key = accounts.secret_key(state)
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=accounts.SESSION_HOURS),
        # The store ends sessions (accounts.SESSION_HOURS); a cookie re-sent with every response
        # would only make browsers fetch again the scripts they keep, as they vary by cookie.
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    policies: list[str] = []  # computed at the first response: pages register their scripts late

    @server.route(routes + "login", methods=["GET", "POST"])
    def login() -> flask.Response:
        if flask.request.method == "GET":
            return _login_page(root)
        if not _csrf_ok() or not _same_origin():
            return _login_page(root, _("The form expired: please sign in again."), 400)
        name = flask.request.form.get("name", "")[:100]
        password = flask.request.form.get("password", "")[:1000]
        if accounts.too_many_failures(state, name, _address()):
            accounts.audit(state, name, "sign_in_refused", address=_address())
            return _login_page(root, _("Too many failed attempts: wait 15 minutes."), 429)
        token = accounts.sign_in(state, name, password, _address())
        if token is None:
            accounts.audit(state, name, "sign_in_failed", address=_address())
            return _login_page(root, _("Unknown user name or wrong password."), 401)
        accounts.audit(state, name, "sign_in", address=_address())
        flask.session.clear()  # a new session for the new user: no fixation
        flask.session["token"] = token
        flask.session.permanent = True
        target = _safe_next(flask.request.form.get("next", "/"))
        return flask.redirect(root + target)  # type: ignore[return-value]

    @server.route(routes + "logout", methods=["POST"])
    def logout() -> flask.Response:
        if not _csrf_ok() or not _same_origin():
            flask.abort(400)
        token = flask.session.get("token")
        user = current_user()
        if token:
            accounts.sign_out(state, token)
        if user:
            accounts.audit(state, user.name, "sign_out")
        flask.session.clear()
        return flask.redirect(root + "/login")  # type: ignore[return-value]

    @server.before_request
    def _check_session() -> flask.Response | None:
        token = flask.session.get("token")
        user, remembered = accounts.session_user(state, token) if token else (None, None)
        flask.g.atlas_user = user
        # Without ?lang=, the user's remembered language, else the browser's.
        set_fallback_language(
            remembered or flask.request.accept_languages.best_match(LANGUAGES) or "en"
        )
        if not flask.request.path.startswith(routes):
            return flask.Response("not found", status=404, mimetype="text/plain")
        path = flask.request.path[len(routes) :]  # without the prefix: "map", "_dash-layout"
        if path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            return None
        if user is None:
            if flask.request.method == "GET" and not path.startswith(("_", "assets/")):
                query = flask.request.query_string.decode("latin-1")
                target = urlencode({"next": "/" + path + ("?" + query if query else "")})
                return flask.redirect(f"{root}/login?{target}")  # type: ignore[return-value]
            return flask.Response("sign in first", status=401, mimetype="text/plain")
        if flask.request.method != "GET" and not _same_origin():
            return flask.Response("cross-site request refused", status=403, mimetype="text/plain")
        roles = PAGE_ROLES.get("/" + path.rstrip("/"))
        if roles and user.role not in roles:
            return flask.Response("not for your role", status=403, mimetype="text/plain")
        return None

    @server.after_request
    def _headers(response: flask.Response) -> flask.Response:
        if not policies:
            policies.append(content_security_policy(app))
        response.headers["Content-Security-Policy"] = policies[0]
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Content-Type-Options"] = "nosniff"
        if response.mimetype in ("text/html", "application/json") and not (
            flask.request.path.startswith(routes + "assets/")  # map geometry, not records
        ):
            response.headers["Cache-Control"] = "no-store"  # records stay off shared caches
        return response


def content_security_policy(app: Dash) -> str:
    """The app's own origin only. Dash's inline scripts are allowed by their hashes; plotly and
    AG Grid set inline styles, and figures export through data: and blob: images."""
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'

    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
