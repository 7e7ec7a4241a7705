"""Figures as pure functions: DataFrames and options in, plotly's figure JSON (a dict) out.

Figures are plain dicts, not `plotly.graph_objects`: those validate and copy every value as they
are built and again as they are sent, which cost a page more than the queries behind it (the
map: about 100 ms at a million exchanges, against 45 ms of SQL). The tests validate every figure
through plotly's objects instead (`tests/figures.py`).
"""

from __future__ import annotations

from typing import Any

import plotly.io as pio

Figure = dict[str, Any]
Trace = dict[str, Any]

# The look every figure shares, converted once rather than per figure.
TEMPLATE: dict[str, Any] = pio.templates["plotly_white"].to_plotly_json()


def trace(kind: str, **properties: Any) -> Trace:
    """A trace of plotly.js type `kind` ("bar", "scattergeo", ...)."""
    return {"type": kind, **properties}


def figure(data: list[Trace], **layout: Any) -> Figure:
    return {"data": data, "layout": {"template": TEMPLATE, **layout}}
