"""Figures read back through plotly's objects, which the dashboard skips for speed."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import plotly.graph_objects as go

from dashboard.figures import Figure, Trace, figure


def validated(built: Figure) -> go.Figure:
    """The figure as plotly's objects, which check every property: a misspelt or misplaced one,
    or a value of the wrong kind, raises ValueError here instead of drawing nothing."""
    return go.Figure(built)


def validated_traces(traces: list[Trace]) -> tuple[go.Figure, ...]:
    return validated(figure(traces)).data


def values(data: Any) -> list[float | None]:
    """A trace's numbers as a list, whether sent as a list or as a typed array (NaN: None)."""
    if isinstance(data, dict):
        assert set(data) == {"dtype", "bdata"}, data
        array = np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"]))
        return [None if np.isnan(v) else float(v) for v in array]
    return list(data)
