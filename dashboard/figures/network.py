"""Who learned from whom: a directed network and a matrix of visiting × host organisations,
and how reciprocal the learning was."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import cast

import networkx as nx
import polars as pl

from atlas.i18n import _, format_number
from dashboard.figures import Figure, arrowheads, figure, flow_hover, trace
from dashboard.figures.palette import REGION_COLOURS
from warehouse.codes import label_of

MAX_EDGES = 150  # the heaviest flows drawn; more arrows than this cannot be read


def label(acronym: str, country: str) -> str:
    return f"{acronym} ({country})"


def pair_reciprocity(pairs: pl.DataFrame) -> pl.DataFrame:
    """One row per pair of organisations that learned from one another in at least one
    direction: participations each way, and reciprocity = the smaller flow / the larger
    (1 when learning flowed equally both ways, 0 when it went one way only)."""
    flows = pairs.select(
        pl.min_horizontal("learner", "host").alias("a"),
        pl.max_horizontal("learner", "host").alias("b"),
        pl.when(pl.col("learner") < pl.col("host"))
        .then(pl.col("participations"))
        .otherwise(0)
        .alias("a_from_b"),
        pl.when(pl.col("learner") > pl.col("host"))
        .then(pl.col("participations"))
        .otherwise(0)
        .alias("b_from_a"),
    )
    return (
        flows.group_by("a", "b")
        .agg(pl.col("a_from_b").sum(), pl.col("b_from_a").sum())
        .with_columns(
            (
                pl.min_horizontal("a_from_b", "b_from_a")
                / pl.max_horizontal("a_from_b", "b_from_a")
            ).alias("reciprocity")
        )
        .sort("reciprocity", "a", "b", descending=[True, False, False])
    )


def overall_reciprocity(pairs: pl.DataFrame) -> float | None:
    """The share of learning flows (organisation → organisation) whose reverse also exists."""
    edges = set(zip(pairs["learner"], pairs["host"], strict=True))
    if not edges:
        return None
    return sum((b, a) in edges for a, b in edges) / len(edges)


def layout_positions(pairs: pl.DataFrame) -> dict[str, tuple[float, float]]:
    """Node positions by networkx's force-directed layout, seeded so a page redraws the same."""
    weights: dict[tuple[str, str], float] = {}
    for learner, host, participations in pairs.select(
        "learner", "host", "participations"
    ).iter_rows():
        edge = (learner, host)
        weights[edge] = weights.get(edge, 0.0) + math.log1p(participations or 0) + 1
    return dict(_spring_layout(tuple(weights.items())))


# The layout is a pure function of the weighted edges, and costs about 3 ms: a filter asked
# again (the same page reloaded, a language switched) reuses it.
@lru_cache(maxsize=64)
def _spring_layout(
    edges: tuple[tuple[tuple[str, str], float], ...],
) -> tuple[tuple[str, tuple[float, float]], ...]:
    graph = nx.Graph()
    for (learner, host), weight in edges:
        if graph.has_edge(learner, host):
            graph[learner][host]["weight"] += weight
        else:
            graph.add_edge(learner, host, weight=weight)
    positions = nx.spring_layout(graph, seed=2012, weight="weight")
    return tuple((node, (float(x), float(y))) for node, (x, y) in positions.items())


# Arrows are drawn as line traces, not layout annotations: Plotly lays out each annotation on
# its own (150 arrows cost ~200 ms of a first render), a trace's lines in one path.
PLOT_PX = (850.0, 470.0)  # the plot area the network is drawn in, about: to place the heads
STANDOFF_PX = 11.0  # lines stop this short of a node's centre, outside its marker
TWO_WAY, ONE_WAY = "#E69F00", "#999999"


def arrow_width(participations: int, widest: int) -> float:
    """1 to 6 px by participations, to the half pixel: arrows of a width share one trace."""
    return round(2 * (1 + 5 * participations / widest)) / 2


def _shortened(
    start: tuple[float, float], end: tuple[float, float], scale: tuple[float, float]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The segment start → end with STANDOFF_PX cut off each end, on a plot of `scale` px per
    unit; a segment too short to cut is kept whole."""
    dx, dy = (end[0] - start[0]) * scale[0], (end[1] - start[1]) * scale[1]
    length = math.hypot(dx, dy)
    if length <= 3 * STANDOFF_PX:
        return start, end
    cut = STANDOFF_PX / length
    return (
        (start[0] + (end[0] - start[0]) * cut, start[1] + (end[1] - start[1]) * cut),
        (end[0] - (end[0] - start[0]) * cut, end[1] - (end[1] - start[1]) * cut),
    )


def network_figure(pairs: pl.DataFrame) -> Figure:
    """Arrows from the visiting (or expert's) organisation to the host it learned from, width
    by participations; orange where learning also flowed back. Nodes coloured by region."""
    nodes: dict[str, tuple[str, str, str | None]] = {}
    for row in pairs.iter_rows(named=True):
        nodes[row["learner"]] = (
            row["learner_acronym"],
            row["learner_country"],
            row["learner_region"],
        )
        nodes[row["host"]] = (row["host_acronym"], row["host_country"], row["host_region"])
    positions = layout_positions(pairs)
    edges = set(zip(pairs["learner"], pairs["host"], strict=True))
    heaviest = pairs.sort("participations", "learner", "host", descending=[True, False, False])
    widest = max(cast(int, heaviest["participations"].max() or 1), 1)
    xs = [x for x, _y in positions.values()] or [0.0]
    ys = [y for _x, y in positions.values()] or [0.0]
    scale = (
        PLOT_PX[0] / max(max(xs) - min(xs), 1e-9),
        PLOT_PX[1] / max(max(ys) - min(ys), 1e-9),
    )
    lines: dict[tuple[str, float], dict[str, list[float | None]]] = {}
    heads: dict[str, list[object]] = {"x": [], "y": [], "size": [], "colour": []}
    hover: dict[str, list[object]] = {"x": [], "y": [], "text": [], "pair": []}
    for row in heaviest.head(MAX_EDGES).iter_rows(named=True):
        learner, host = row["learner"], row["host"]
        start, end = _shortened(positions[learner], positions[host], scale)
        colour = TWO_WAY if (host, learner) in edges else ONE_WAY
        width = arrow_width(row["participations"] or 0, widest)
        line = lines.setdefault((colour, width), {"x": [], "y": []})
        line["x"] += [start[0], end[0], None]
        line["y"] += [start[1], end[1], None]
        # the head: a triangle at the host end, turned along its line (angleref "previous")
        heads["x"] += [start[0], end[0], None]
        heads["y"] += [start[1], end[1], None]
        heads["size"] += [0, 7 + 2 * width, 0]
        heads["colour"] += [colour] * 3
        hover["x"].append((start[0] + end[0]) / 2)
        hover["y"].append((start[1] + end[1]) / 2)
        hover["text"].append(
            _("{learner} learned from {host}: {n} participations").format(
                learner=label(*nodes[learner][:2]),
                host=label(*nodes[host][:2]),
                n=format_number(row["participations"] or 0),
            )
        )
        hover["pair"].append(f"{learner}>{host}")
    traces = [
        trace(
            "scatter",
            x=line["x"],
            y=line["y"],
            mode="lines",
            line={"color": colour, "width": width},
            opacity=0.8,
            hoverinfo="skip",
            showlegend=False,
            meta={"role": "arrows", "colour": colour, "width": width},
        )
        for (colour, width), line in sorted(lines.items())
    ]
    if heads["x"]:
        traces.append(
            arrowheads("scatter", heads["size"], heads["colour"], x=heads["x"], y=heads["y"])
        )
        traces.append(
            flow_hover("scatter", hover["text"], hover["pair"], 12, x=hover["x"], y=hover["y"])
        )
    notes = []
    if len(pairs) > MAX_EDGES:
        notes.append(
            {
                "text": _("the {n} heaviest of {total} flows are drawn").format(
                    n=format_number(MAX_EDGES), total=format_number(len(pairs))
                ),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1,
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    regions = sorted({node[2] or "" for node in nodes.values()})
    members = {
        region: [code for code, node in nodes.items() if (node[2] or "") == region]
        for region in regions
    }
    return figure(
        [
            *traces,
            *(
                trace(
                    "scatter",
                    x=[positions[c][0] for c in members[region]],
                    y=[positions[c][1] for c in members[region]],
                    mode="markers+text",
                    text=[label(nodes[c][0], nodes[c][1]) for c in members[region]],
                    textposition="top center",
                    marker={"size": 16, "color": REGION_COLOURS.get(region, "#777777")},
                    name=_(label_of("region", region)) if region else _("unknown region"),
                    hoverinfo="text",
                    meta={"role": "organisations"},
                )
                for region in regions
            ),
        ],
        title={"text": _("Who learned from whom: arrows point to the host"), "x": 0.01},
        annotations=notes,
        height=520,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.02},
        xaxis={"visible": False},
        yaxis={"visible": False},
        hovermode="closest",
    )


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


def learning_matrix(pairs: pl.DataFrame) -> Figure:
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
    return figure(
        [
            trace(
                "heatmap",
                z=z,
                x=hosts,
                y=learners,
                colorscale=[[0, "#deebf7"], [1, "#08519c"]],
                hovertemplate=_("%{y} learned from %{x}: %{z} participations") + "<extra></extra>",
                colorbar={"title": {"text": _("participations")}},
            )
        ],
        title={"text": _("Who learned from whom"), "x": 0.01},
        height=520,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"title": {"text": _("host")}},
        yaxis={"title": {"text": _("visiting delegation")}, "autorange": "reversed"},
    )
