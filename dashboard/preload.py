"""What a page asks for only after its layout has arrived, asked for from the page's head
instead, so that it arrives while the scripts run: one round trip less each on a slow line.

Every page needs the layout and the callbacks; a page lists what else it needs in
`dash.register_page(..., preload=[...])`: the code of the dcc components it draws, which dcc
loads on demand. Small files only: on a slow line a large one delays the page's scripts more
than it saves (the map's geometry, preloaded, made /map draw later).
"""

from __future__ import annotations

from typing import Any

import dash

ALWAYS = ["_dash-layout", "_dash-dependencies"]


def dcc_code(component: str) -> str:
    """The chunk of dcc's code that draws `component` ("graph", "dropdown", "slider")."""
    return f"_dash-component-suites/dash/dcc/async-{component}.js"


def links(prefix: str, page_path: str) -> str:
    """The preload links for the page at `page_path` ("/map"), URLs under `prefix` ("/")."""
    page: dict[str, Any] = next(
        (p for p in dash.page_registry.values() if p["path"] == page_path), {}
    )
    paths = [*ALWAYS, *page.get("preload", [])]
    return "".join(
        f'<link rel="preload" href="{prefix}{path}" as="script">'
        if path.endswith(".js")
        else f'<link rel="preload" href="{prefix}{path}" as="fetch" crossorigin="anonymous">'
        for path in paths
    )
