"""KPI cards: a metric's value, the previous programme's beside it, and what is counted."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html

from atlas.i18n import _, format_number, format_share
from warehouse.metrics import Metric


@dataclass(frozen=True)
class Comparison:
    """The previous programme's value, or why there is none."""

    programme: str | None
    value: float | int | None
    has_records: bool


def format_value(metric: Metric, value: float | int | None) -> str:
    if metric.format == "percent":
        return format_share(value)
    return format_number(value if value is not None else 0)


def previous_text(metric: Metric, comparison: Comparison) -> str:
    if comparison.programme is None:
        return _("no previous programme")
    if not comparison.has_records:
        return _("{programme}: no records").format(programme=comparison.programme)
    return _("{programme}: {value}").format(
        programme=comparison.programme, value=format_value(metric, comparison.value)
    )


def breakdown_list(rows: list[tuple[str, str, str]], element_id: str) -> html.Ul:
    """(label, current, previous) rows under a card's main figure."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(label),
                    html.Span([html.B(now), html.Span(f" · {before}", className="text-muted")]),
                ],
                className="d-flex justify-content-between",
            )
            for label, now, before in rows
        ],
        className="list-unstyled kpi-breakdown mb-0 mt-2",
        id=element_id,
    )


def kpi_card(
    metric: Metric,
    value: float | int | None,
    comparison: Comparison,
    illustrative: bool,
    details: html.Ul | None = None,
) -> dbc.Card:
    badge = (
        dbc.Badge(_("includes illustrative records"), className="illustrative-badge ms-1")
        if illustrative
        else None
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div([_(metric.label), badge], className="kpi-label"),
                html.Div(
                    format_value(metric, value), className="kpi-value", id=f"kpi-{metric.name}"
                ),
                html.Div(
                    previous_text(metric, comparison),
                    className="kpi-previous",
                    id=f"kpi-{metric.name}-previous",
                ),
                html.Small(_(metric.description), className="text-muted d-block mt-1"),
                details,
            ]
        ),
        className="kpi-card h-100 shadow-sm",
    )
