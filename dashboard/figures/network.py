"""Who learned from whom: a directed network and a matrix of visiting × host organisations,
and how reciprocal the learning was."""

from __future__ import annotations

import math
from functools import lru_cache

import networkx as nx
import polars as pl

from atlas.i18n import _, format_number
from dashboard.figures import Figure, arrowheads, figure, flow_hover, trace
from dashboard.figures.palette import REGION_COLOURS
from warehouse.codes import label_of

MAX_EDGES = 150  # the heaviest flows drawn; more arrows than this cannot be read


def label(acronym: str, country: str) -> str:
    return f"{acronym} ({country})"


# Reciprocity and balance are summed in plain Python: the pairs are a few hundred rows at most,
# where each polars operation costs a fixed ~0.1 ms (1 ms for these two against 0.1).


def pair_reciprocity(pairs: pl.DataFrame) -> pl.DataFrame:
    """One row per pair of organisations that learned from one another in at least one
    direction: participations each way, and reciprocity = the smaller flow / the larger
    (1 when learning flowed equally both ways, 0 when it went one way only)."""
    each_way: dict[tuple[str, str], list[int]] = {}
    for learner, host, participations in pairs.select(
        "learner", "host", "participations"
    ).iter_rows():
        a, b = min(learner, host), max(learner, host)
        flows = each_way.setdefault((a, b), [0, 0])
        flows[0 if learner < host else 1] += participations or 0
    rows = [
        (a, b, a_from_b, b_from_a, min(a_from_b, b_from_a) / max(a_from_b, b_from_a, 1))
        for (a, b), (a_from_b, b_from_a) in each_way.items()
    ]
    rows.sort(key=lambda r: (-r[4], r[0], r[1]))
    return pl.DataFrame(
        rows,
        schema={
            "a": pl.Utf8,
            "b": pl.Utf8,
            "a_from_b": pl.Int64,
            "b_from_a": pl.Int64,
            "reciprocity": pl.Float64,
        },
        orient="row",
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
    return tuple((node, (_px(x), _px(y))) for node, (x, y) in positions.items())


def _px(coordinate: float) -> float:
    """A coordinate to 4 decimals, a tenth of a pixel on the plot: the figure is sent as text,
    and 17 digits a number made it 38% longer (50.6 KB against 36.6 KB at 1M exchanges)."""
    return round(float(coordinate), 4)


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
        (_px(start[0] + (end[0] - start[0]) * cut), _px(start[1] + (end[1] - start[1]) * cut)),
        (_px(end[0] - (end[0] - start[0]) * cut), _px(end[1] - (end[1] - start[1]) * cut)),
    )


def network_figure(pairs: pl.DataFrame) -> Figure:
    """Arrows from the visiting (or expert's) organisation to the host it learned from, width
    by participations; orange where learning also flowed back. Nodes coloured by region."""
    rows = pairs.rows(named=True)
    nodes: dict[str, tuple[str, str, str | None]] = {}
    for row in rows:
        nodes[row["learner"]] = (
            row["learner_acronym"],
            row["learner_country"],
            row["learner_region"],
        )
        nodes[row["host"]] = (row["host_acronym"], row["host_country"], row["host_region"])
    positions = layout_positions(pairs)
    edges = set(zip(pairs["learner"], pairs["host"], strict=True))
    # sorted in Python: a polars sort costs a fixed ~0.7 ms on these few hundred rows
    heaviest = sorted(rows, key=lambda r: (-(r["participations"] or 0), r["learner"], r["host"]))
    widest = max(max((r["participations"] or 0 for r in rows), default=1), 1)
    xs = [x for x, _y in positions.values()] or [0.0]
    ys = [y for _x, y in positions.values()] or [0.0]
    scale = (
        PLOT_PX[0] / max(max(xs) - min(xs), 1e-9),
        PLOT_PX[1] / max(max(ys) - min(ys), 1e-9),
    )
    lines: dict[tuple[str, float], dict[str, list[float | None]]] = {}
    heads: dict[str, list[object]] = {"x": [], "y": [], "size": [], "colour": []}
    hover: dict[str, list[object]] = {"x": [], "y": [], "text": [], "pair": []}
    for row in heaviest[:MAX_EDGES]:
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
        hover["x"].append(_px((start[0] + end[0]) / 2))
        hover["y"].append(_px((start[1] + end[1]) / 2))
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
    names: dict[str, tuple[str, str]] = {}
    hosted: dict[str, int] = {}
    visited: dict[str, int] = {}
    for row in pairs.select(
        "host",
        "host_acronym",
        "host_country",
        "learner",
        "learner_acronym",
        "learner_country",
        "exchanges",
    ).iter_rows():
        host, host_acronym, host_country, learner, learner_acronym, learner_country, n = row
        names.setdefault(host, (host_acronym, host_country))
        names.setdefault(learner, (learner_acronym, learner_country))
        hosted[host] = hosted.get(host, 0) + n
        visited[learner] = visited.get(learner, 0) + n
    rows = [
        (code, acronym, country, hosted.get(code, 0), visited.get(code, 0))
        for code, (acronym, country) in names.items()
    ]
    rows.sort(key=lambda r: (r[4] - r[3], r[0]))  # the largest balance first
    return pl.DataFrame(
        [(*r, r[3] - r[4]) for r in rows],
        schema={
            "org_code": pl.Utf8,
            "acronym": pl.Utf8,
            "country": pl.Utf8,
            "hosted": pl.Int64,
            "visited": pl.Int64,
            "balance": pl.Int64,
        },
        orient="row",
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
