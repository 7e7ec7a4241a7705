"""What a page asks for only after its layout has arrived, asked for from the page's head
instead, so that it arrives while the scripts run: one round trip less each on a slow line.

Every page needs the layout and the callbacks; a page lists what else it needs in
`dash.register_page(..., preload=[...])`: the code of the dcc components it draws, which dcc
loads on demand, and for graphs plotly.js. Small files only, but for plotly.js: on a slow line a
large one delays the page's scripts more than it saves (the map's geometry, preloaded, made /map
draw later); plotly.js is needed as soon as the page's first graph is, and only then run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash

ALWAYS = ["_dash-layout", "_dash-dependencies"]
# Our partial plotly.js (`make plotly-bundle`), not included in every page as Dash includes
# assets: dcc.Graph loads it when a page first draws a graph (assets/plotly-on-demand.js).
PLOTLY_JS = "assets/vendor/plotly/plotly-atlas.min.js"
_PLOTLY_FILE = Path(__file__).resolve().parents[1] / PLOTLY_JS


def plotly_js(prefix: str) -> str:
    """plotly.js's URL under `prefix`, fingerprinted as Dash fingerprints assets (`?m=` the
    file's time): a rebuilt bundle gets a new URL, so browsers may keep each for a year."""
    return f"{prefix}{PLOTLY_JS}?m={_PLOTLY_FILE.stat().st_mtime}"


def graph_code() -> list[str]:
    """What a page with graphs draws them with: dcc's graph chunk and plotly.js."""
    return [dcc_code("graph"), PLOTLY_JS]


def dcc_code(component: str) -> str:
    """The chunk of dcc's code that draws `component` ("graph", "dropdown", "slider")."""
    return f"_dash-component-suites/dash/dcc/async-{component}.js"


def links(prefix: str, page_path: str) -> str:
    """The preload links for the page at `page_path` ("/map"), URLs under `prefix` ("/")."""
    page: dict[str, Any] = next(
        (p for p in dash.page_registry.values() if p["path"] == page_path), {}
    )
    return "".join(_link(prefix, path) for path in [*ALWAYS, *page.get("preload", [])])


def _link(prefix: str, path: str) -> str:
    if path == PLOTLY_JS:
        return f'<link rel="preload" href="{plotly_js(prefix)}" as="script">'
    if path.endswith(".js"):
        return f'<link rel="preload" href="{prefix}{path}" as="script">'
    return f'<link rel="preload" href="{prefix}{path}" as="fetch" crossorigin="anonymous">'


def plotly_meta(prefix: str) -> str:
    """Where assets/plotly-on-demand.js finds plotly.js, on every page: a page without graphs
    may lead to one that has some without loading a new document."""
    return f'<meta name="atlas-plotly-js" content="{plotly_js(prefix)}">'
