"""The partial plotly.js the dashboard serves carries every trace type its code draws, from the
plotly.js release the plotly package would otherwise serve.

plotly.js quietly hides a trace of a type it does not know, so a figure gaining a new trace type
must come with `make plotly-bundle` (tools/plotly-bundle/entry.js).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "assets" / "vendor" / "plotly" / "plotly-atlas.min.js"
TRACE_TYPES = {
    name.lower(): name
    for name in dir(go)
    if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
}


def bundle_header() -> str:
    return BUNDLE.read_text(encoding="utf-8")[:1000]


def traces_in_bundle() -> set[str]:
    match = re.search(r"^ \* traces: (.+)$", bundle_header(), re.M)
    assert match, "the bundle's header names no traces"
    return set(match.group(1).split(", "))


def traces_in_dashboard() -> set[str]:
    """Trace types named in dashboard/: trace("bar", ...), go.Bar(...), figure.add_bar(...)."""
    found: set[str] = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"\btrace\(\s*\"([a-z]+)\"", text))
        found |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)", text)}
        found |= set(re.findall(r"\.add_([a-z]+)\(", text))
    return found & TRACE_TYPES.keys()


def test_every_trace_type_the_dashboard_draws_is_in_the_bundle() -> None:
    used = traces_in_dashboard()
    assert {"bar", "choropleth", "scattergeo", "sankey"} <= used  # the search finds them
    assert used <= traces_in_bundle()


def test_the_bundle_is_the_plotly_js_release_of_the_plotly_package() -> None:
    version = get_plotlyjs_version()
    assert f"plotly.js v{version}," in bundle_header()
    package = json.loads((ROOT / "tools" / "plotly-bundle" / "package.json").read_text())
    assert package["devDependencies"]["plotly.js"] == version
    assert (BUNDLE.parent / "LICENSE").read_text().startswith("MIT License")


def test_no_default_of_the_bundle_points_at_a_server() -> None:
    """Map geometry and the chart-studio button default to plotly's servers in plotly.js; the
    bundle defaults them to the atlas's own geometry and to nothing."""
    text = BUNDLE.read_text(encoding="utf-8")
    assert re.findall(r'dflt:"https?://', text) == []
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"assets/geo/"' in text
