"""The map of exchanges: a choropleth of one measure and arcs from sending to host countries.

Pure functions of DataFrames: the `country_rows` and `flow_rows` of the `map_view` query. The
figure holds one arc per country pair and kind of exchange, never one per exchange, in few
traces: one per kind, theme and width bucket, arcs separated by None.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import polars as pl

from atlas.i18n import N_, _, country_name, format_number
from dashboard.figures import (
    Figure,
    Trace,
    arrowheads,
    figure,
    flow_hover,
    trace,
    typed_array,
)
from dashboard.figures.palette import THEME_COLOURS, theme_colour
from warehouse.codes import label_of

ASSETS = Path(__file__).resolve().parents[2] / "assets"
KIND_DASH = {"visit": "solid", "seminar": "dot", "expert": "dash", "joint": "dashdot"}
KIND_LABELS = {
    "visit": N_("Partner-to-partner visits"),
    "seminar": N_("Seminars (participants → host)"),
    "expert": N_("Expert missions"),
    "joint": N_("Joint actions"),
}
WIDTHS = ((5, 1.5), (15, 3.0), (math.inf, 5.0))  # participations below the bound → line width
MEASURES = {
    "exchanges_hosted": N_("Exchanges hosted"),
    "participations_sent": N_("Participations sent"),
    "participations_received": N_("Participations received"),
    "outcomes": N_("Outcomes recorded"),
    "partner_organisations": N_("Partner organisations"),
}
DEFAULT_MEASURE = "exchanges_hosted"
# Views one click away: (longitude range, latitude range).
ZOOMS = {
    "world": ((-180.0, 180.0), (-60.0, 85.0)),
    "africa": ((-25.0, 55.0), (-38.0, 38.0)),
    "asia": ((60.0, 150.0), (-12.0, 50.0)),
    "latin_america_caribbean": ((-120.0, -30.0), (-56.0, 32.0)),
}
CHOROPLETH_SCALE = [[0.0, "#f7f7f7"], [1.0, "#737373"]]  # ColorBrewer Greys, light half
BOUNDARIES_NOTE = N_(
    "Boundaries follow the United Nations' view and imply no position of ours; Western Sahara, "
    "a Non-Self-Governing Territory, is drawn apart with a dashed outline."
)


def _to_xyz(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


@cache  # a pure function of two countries' centroids: each pair is worked out once per worker
def arc(
    start: tuple[float, float], end: tuple[float, float], points: int = 24, bend: float = 0.12
) -> tuple[tuple[float, float], ...]:
    """(lat, lon) points along the great circle from start to end, bent to the right of travel.

    The bend keeps both directions of a pair apart: A → B and B → A curve on opposite sides.
    A great circle that would cross the map's edge or run near a pole is drawn across the map
    instead, so no arc breaks in two or hugs the frame.
    """
    a, b = _to_xyz(*start), _to_xyz(*end)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True))))
    omega = math.acos(dot)
    line: list[tuple[float, float]] = []
    for i in range(points + 1):
        t = i / points
        if omega < 1e-9:
            x, y, z = a
        else:
            s = math.sin(omega)
            wa, wb = math.sin((1 - t) * omega) / s, math.sin(t * omega) / s
            x, y, z = (wa * p + wb * q for p, q in zip(a, b, strict=True))
        line.append((math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))))
    # Great circles between the tropics' far sides run near a pole: on a flat map they would
    # hug its top edge or cross its side, so those are drawn across the map instead.
    if any(abs(q[1] - p[1]) > 180 for p, q in itertools.pairwise(line)) or any(
        abs(lat) > 62 for lat, _lon in line
    ):
        line = [
            (
                start[0] + (end[0] - start[0]) * i / points,
                start[1] + (end[1] - start[1]) * i / points,
            )
            for i in range(points + 1)
        ]
    lat_span, lon_span = end[0] - start[0], end[1] - start[1]
    length = math.hypot(lat_span, lon_span) or 1.0
    normal = (-lon_span / length, lat_span / length)  # right of travel in the (lon, lat) plane
    return tuple(
        (
            round(lat + bend * length * math.sin(math.pi * i / points) * normal[0], 3),
            round(lon + bend * length * math.sin(math.pi * i / points) * normal[1], 3),
        )
        for i, (lat, lon) in enumerate(line)
    )


def width_of(participations: int) -> float:
    return next(width for bound, width in WIDTHS if participations < bound)


def _flow_text(row: dict[str, object], words: _FlowWords) -> str:
    themes = words.themes(tuple(row["themes"] or ()))  # type: ignore[arg-type]
    organisations = ", ".join(row["organisations"] or [])  # type: ignore[arg-type]
    return "<br>".join(
        [
            f"<b>{row['from_name']} → {row['to_name']}</b>",
            words.kinds[str(row["kind"])],
            words.organisations.format(organisations=organisations),
            words.counts.format(
                exchanges=row["exchanges"],
                participations=row["participations"],
                women=row["women"] if row["women"] is not None else "?",
            ),
            themes,
            f"{row['first_date']} – {row['last_date']}",
        ]
    )


class _FlowWords:
    """The hover texts' words in the reader's language, translated once per figure rather than
    once per flow (hundreds of flows, a few words)."""

    def __init__(self) -> None:
        self.kinds = {kind: _(label) for kind, label in KIND_LABELS.items()}
        self.organisations = _("{organisations}")
        self.counts = _("{exchanges} exchange(s), {participations} participations ({women} women)")
        self._themes: dict[tuple[str, ...], str] = {}

    def themes(self, codes: tuple[str, ...]) -> str:
        """The themes' names, joined: many flows share a list of themes."""
        if codes not in self._themes:
            self._themes[codes] = ", ".join(_(label_of("canonical_theme", c)) for c in codes)
        return self._themes[codes]


@cache
def _arc_path(start: tuple[float, float], end: tuple[float, float]) -> np.ndarray:
    """The arc's (latitude, longitude) rows, ending with a break (NaN) before the next arc."""
    return np.array([*arc(start, end), (math.nan, math.nan)], dtype=np.float32)


def flow_traces(flows: pl.DataFrame, names: dict[str, str]) -> list[Trace]:
    """Arc lines grouped by kind, theme and width; one hover point per arc; the arrowheads.

    The arcs' texts sit on one invisible point at each arc's middle, carrying its pair
    ("NE>MA") as customdata, so the figure does not repeat them along every arc.
    """
    words = _FlowWords()
    groups: dict[tuple[str, str, float], list[np.ndarray]] = {}
    hover: dict[str, list[object]] = {"lat": [], "lon": [], "text": [], "pair": []}
    heads: dict[str, list[object]] = {"lat": [], "lon": [], "colour": [], "size": []}
    for row in flows.iter_rows(named=True):
        row["from_name"] = names.get(row["from_country"], row["from_country"])
        row["to_name"] = names.get(row["to_country"], row["to_country"])
        start, end = (row["from_lat"], row["from_lon"]), (row["to_lat"], row["to_lon"])
        path = arc(start, end)
        key = (row["kind"], row["main_theme"] or "", width_of(int(row["participations"] or 0)))
        groups.setdefault(key, []).append(_arc_path(start, end))
        middle = path[len(path) // 2]
        hover["lat"].append(middle[0])
        hover["lon"].append(middle[1])
        hover["text"].append(_flow_text(row, words))
        hover["pair"].append(f"{row['from_country']}>{row['to_country']}")
        # the head: a triangle at the host end, turned along the last segment
        (lat1, lon1), (lat2, lon2) = path[-2], path[-1]
        heads["lat"] += [lat1, lat2, None]
        heads["lon"] += [lon1, lon2, None]
        heads["colour"] += [theme_colour(row["main_theme"])] * 3
        heads["size"] += [0, 11, 0]
    traces = []
    shown_kinds: set[str] = set()
    shown_themes: set[str] = set()
    for (kind, theme, width), paths in sorted(groups.items()):
        points = np.concatenate(paths)
        traces.append(
            trace(
                "scattergeo",
                lat=typed_array(points[:, 0]),
                lon=typed_array(points[:, 1]),
                mode="lines",
                hoverinfo="skip",
                line={"width": width, "color": theme_colour(theme), "dash": KIND_DASH[kind]},
                name=_(KIND_LABELS[kind]),
                showlegend=False,
                meta={"role": "arcs", "kind": kind, "theme": theme},
            )
        )
        shown_kinds.add(kind)
        shown_themes.add(theme)
    if hover["lat"]:
        traces.append(
            flow_hover(
                "scattergeo", hover["text"], hover["pair"], 14, lat=hover["lat"], lon=hover["lon"]
            )
        )
    # The legend explains line styles (kinds, in grey) and colours (themes) apart.
    for kind in (k for k in KIND_DASH if k in shown_kinds):
        traces.append(_legend_entry(_(KIND_LABELS[kind]), "#555555", KIND_DASH[kind]))
    for theme in sorted(shown_themes):
        label = (
            _(label_of("canonical_theme", theme)) if theme in THEME_COLOURS else _("Other themes")
        )
        traces.append(_legend_entry(label, theme_colour(theme), "solid"))
    if heads["lat"]:
        traces.append(
            arrowheads(
                "scattergeo", heads["size"], heads["colour"], lat=heads["lat"], lon=heads["lon"]
            )
        )
    return traces


def _legend_entry(name: str, colour: str, dash: str) -> Trace:
    return trace(
        "scattergeo",
        lat=[None],
        lon=[None],
        mode="lines",
        name=name,
        hoverinfo="skip",
        line={"color": colour, "dash": dash, "width": 3},
        meta={"role": "legend"},
    )


@cache
def _disputed_outline() -> tuple[list[float], list[float]]:
    outline = json.loads((ASSETS / "geo" / "disputed.json").read_text(encoding="utf-8"))
    lons, lats = zip(*outline["ring"], strict=True)
    return list(lons), list(lats)


def _disputed_trace() -> Trace:
    lons, lats = _disputed_outline()
    return trace(
        "scattergeo",
        lon=lons,
        lat=lats,
        mode="lines",
        fill="toself",
        fillcolor="rgba(200, 200, 200, 0.6)",
        line={"color": "#555555", "width": 1, "dash": "dot"},
        hoverinfo="text",
        text=_("Western Sahara: Non-Self-Governing Territory (UN)"),
        showlegend=False,
        meta={"role": "disputed"},
    )


def map_figure(
    countries: pl.DataFrame,
    flows: pl.DataFrame,
    measure: str = DEFAULT_MEASURE,
    zoom: str = "world",
    title: str = "",
    source_line: str = "",
    height: int | None = 620,
    font_size: int = 12,
) -> Figure:
    """The choropleth of `measure`, the arcs, the disputed territory, title and source line."""
    measure = measure if measure in MEASURES else DEFAULT_MEASURE
    names = {code: country_name(code) for code in countries["country_code"]}
    hover = [
        "<br>".join(
            [
                f"<b>{names[row['country_code']]}</b>",
                ", ".join(row["organisations"] or []),
                *(f"{_(label)}: {format_number(row[name])}" for name, label in MEASURES.items()),
            ]
        )
        for row in countries.iter_rows(named=True)
    ]
    choropleth = trace(
        "choropleth",
        locations=countries["alpha3"].to_list(),
        z=countries[measure].to_list(),
        customdata=countries["country_code"].to_list(),
        locationmode="ISO-3",
        colorscale=CHOROPLETH_SCALE,
        zmin=0,
        marker={"line": {"color": "#9e9e9e", "width": 0.5}},
        colorbar={
            "title": {"text": _(MEASURES[measure]), "side": "right"},
            "thickness": 12,
            "len": 0.45,
            "x": 1.0,
            "xanchor": "right",
            "y": 0.75,
        },
        text=hover,
        hoverinfo="text",
        name=_(MEASURES[measure]),
        meta={"role": "choropleth"},
    )
    lon_range, lat_range = ZOOMS.get(zoom, ZOOMS["world"])
    return figure(
        [choropleth, _disputed_trace(), *flow_traces(flows, names)],
        geo={
            "projection": {"type": "natural earth"},
            "showcountries": True,
            "countrycolor": "#bdbdbd",
            "showland": True,
            "landcolor": "#fbfbfb",
            "showocean": True,
            "oceancolor": "#eef4f8",
            "showcoastlines": True,
            "coastlinecolor": "#9e9e9e",
            "showframe": False,
            "lonaxis": {"range": list(lon_range)},
            "lataxis": {"range": list(lat_range)},
            "resolution": 110,
        },
        title={"text": title, "x": 0.01, "font": {"size": round(font_size * 1.6)}},
        **({"height": height} if height else {"autosize": True}),  # presentation: fill the screen
        margin={"l": 0, "r": 0, "t": 4 * font_size if title else 10, "b": 8 * font_size},
        legend={"orientation": "h", "y": 0.0, "x": 0.5, "xanchor": "center", "yanchor": "top"},
        annotations=[
            {
                "text": source_line,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.1,
                "align": "left",
                "xanchor": "left",
                "yanchor": "top",
                "font": {"size": round(font_size * 0.9), "color": "#555555"},
            }
        ]
        if source_line
        else [],
        paper_bgcolor="white",
        font={"size": font_size},
    )


def source_line(programmes: Sequence[str], as_of: str) -> str:
    scope = ", ".join(programmes) if programmes else _("all programmes")
    source = _("Source: Solidarity Atlas, {scope}, data as of {date}.").format(
        scope=scope, date=as_of
    )
    return source + "<br>" + _(BOUNDARIES_NOTE)
