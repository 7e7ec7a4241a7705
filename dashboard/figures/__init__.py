"""Figures as pure functions: DataFrames and options in, plotly's figure JSON (a dict) out.

Figures are plain dicts, not `plotly.graph_objects`: those validate and copy every value as they
are built and again as they are sent, which cost a page more than the queries behind it (the
map: about 100 ms at a million exchanges, against 45 ms of SQL). The tests validate every figure
through plotly's objects instead (`tests/figures.py`).
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import plotly.io as pio

Figure = dict[str, Any]
Trace = dict[str, Any]

# The look every figure shares, converted once rather than per figure.
TEMPLATE: dict[str, Any] = pio.templates["plotly_white"].to_plotly_json()


def trace(kind: str, **properties: Any) -> Trace:
    """A trace of plotly.js type `kind` ("bar", "scattergeo", ...)."""
    return {"type": kind, **properties}


def typed_array(values: np.ndarray) -> dict[str, str]:
    """Coordinates as plotly.js's typed array (base64 of float32; NaN breaks a line): the map's
    arcs at 1M, 23,000 numbers, encode in 1.9 ms against 6.9 as a list, in 16 % fewer bytes."""
    return {"dtype": "f4", "bdata": base64.b64encode(values.astype(np.float32).tobytes()).decode()}


def figure(data: list[Trace], **layout: Any) -> Figure:
    return {"data": data, "layout": {"template": TEMPLATE, **layout}}


def arrowheads(
    kind: str, size: list[object], colour: list[object], **position: list[object]
) -> Trace:
    """Arrowheads for arrows given as (start, end, None) triples of points (`x`/`y` or
    `lat`/`lon`): a triangle turned along each segment ("previous" point), sized 0 at the start."""
    return trace(
        kind,
        **position,
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
        marker={
            "symbol": "triangle-up",
            "angleref": "previous",
            "size": size,
            "color": colour,
            "line": {"width": 0},
        },
        meta={"role": "arrowheads"},
    )


def flow_hover(
    kind: str, text: list[object], pairs: list[object], size: int, **position: list[object]
) -> Trace:
    """One invisible point per flow carrying its text and its pair as customdata, so the lines
    need not repeat the text along their length."""
    return trace(
        kind,
        **position,
        text=text,
        customdata=pairs,
        mode="markers",
        hoverinfo="text",
        marker={"size": size, "opacity": 0},
        showlegend=False,
        meta={"role": "flows"},
    )
