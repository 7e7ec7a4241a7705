"""Who learned from whom: a matrix of visiting × host organisations, and reciprocity."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from atlas.i18n import _


def label(acronym: str, country: str) -> str:
    return f"{acronym} ({country})"


def reciprocal_pairs(pairs: pl.DataFrame) -> list[tuple[str, str]]:
    """Organisation pairs that learned from each other, each pair once (sorted codes)."""
    edges = set(zip(pairs["learner"], pairs["host"], strict=True))
    return sorted({(min(a, b), max(a, b)) for a, b in edges if (b, a) in edges})


def balance(pairs: pl.DataFrame) -> pl.DataFrame:
    """Per organisation: delegations it hosted (one per exchange and visiting organisation),
    visits it made, and hosted minus made."""
    hosted = pairs.group_by(pl.col("host").alias("org_code")).agg(
        pl.col("host_acronym").first().alias("acronym"),
        pl.col("host_country").first().alias("country"),
        pl.col("exchanges").sum().alias("hosted"),
    )
    visited = pairs.group_by(pl.col("learner").alias("org_code")).agg(
        pl.col("learner_acronym").first().alias("acronym"),
        pl.col("learner_country").first().alias("country"),
        pl.col("exchanges").sum().alias("visited"),
    )
    joined = hosted.join(visited, on="org_code", how="full", coalesce=True)
    return (
        joined.select(
            "org_code",
            pl.coalesce("acronym", "acronym_right").alias("acronym"),
            pl.coalesce("country", "country_right").alias("country"),
            pl.col("hosted").fill_null(0),
            pl.col("visited").fill_null(0),
        )
        .with_columns((pl.col("hosted") - pl.col("visited")).alias("balance"))
        .sort("balance", "org_code", descending=[True, False])
    )


def learning_matrix(pairs: pl.DataFrame) -> go.Figure:
    """Rows: organisations that visited; columns: organisations that hosted them."""
    learners = sorted(
        {
            label(a, c)
            for a, c in zip(pairs["learner_acronym"], pairs["learner_country"], strict=True)
        }
    )
    hosts = sorted(
        {label(a, c) for a, c in zip(pairs["host_acronym"], pairs["host_country"], strict=True)}
    )
    cells = {
        (
            label(r["learner_acronym"], r["learner_country"]),
            label(r["host_acronym"], r["host_country"]),
        ): r["participations"]
        for r in pairs.iter_rows(named=True)
    }
    z = [[cells.get((learner, host)) for host in hosts] for learner in learners]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=hosts,
            y=learners,
            colorscale=[[0, "#deebf7"], [1, "#08519c"]],
            hovertemplate=_("%{y} learned from %{x}: %{z} participations") + "<extra></extra>",
            colorbar={"title": {"text": _("participations")}},
        )
    )
    figure.update_layout(
        title={"text": _("Who learned from whom"), "x": 0.01},
        height=520,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        template="plotly_white",
        xaxis_title=_("host"),
        yaxis_title=_("visiting delegation"),
    )
    figure.update_yaxes(autorange="reversed")
    return figure
