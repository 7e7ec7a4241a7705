"""Figures read back through plotly's objects, which the dashboard skips for speed."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures import Figure, Trace, figure


def validated(built: Figure) -> go.Figure:
    """The figure as plotly's objects, which check every property: a misspelt or misplaced one,
    or a value of the wrong kind, raises ValueError here instead of drawing nothing."""
    return go.Figure(built)


def validated_traces(traces: list[Trace]) -> tuple[go.Figure, ...]:
    return validated(figure(traces)).data
