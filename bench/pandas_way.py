"""The pandas way: every benchmarked page's data answers, computed as most Dash apps do.

Most Dash apps read their tables into pandas once at start-up and answer each callback in memory
with vectorised pandas: boolean masks, `isin`, `merge`, `groupby` and `sort_values`, no row
loops. `PandasWay` is that app for the Solidarity Atlas, as the baseline the issue asks for: our
callbacks should be at least ten times faster than this at 10M exchanges.

    way = PandasWay(Path("data/bench/warehouse-100000-seed1/atlas.duckdb"))
    answer = way.answer("/map", "pages router", "?programme=2017-2021&theme=gender")

`answer()` returns, per probe of `bench/harness.py`, the same main answers that callback's named
queries compute (`warehouse/queries/*.sql`, `warehouse/metrics.py`), under the same URL filter,
read with the project's own `dashboard.url_params.parse`: a dict from the query's name to a
DataFrame with the query's columns (plus the network page's reciprocity and balance and the
practice finder's ranking, which those pages compute after their queries). The comparison is
kept favourable to pandas:

- the figure, layout and JSON cost is excluded: no plotly figure or Dash component is built,
  while the served callback pays for all of that;
- the tables are loaded once, with only the columns used, and a few static look-ups (the region
  of each participant and change agent) are joined at load, not per callback;
- answers are read as the bench's staff user reads them (every visibility level), so the rule
  that a partner also reads its own organisation's records is not modelled;
- the outcomes grid joins its translations to the hundred rows it shows, after the cut.

The price of that: every row of those tables stays in memory; `load_seconds` and
`rss_growth_bytes` record it. `python -m bench.pandas_way WAREHOUSE INTAKE [RUNS]` loads once and
times every probe over the harness's searches for that intake (wall and CPU milliseconds).
"""

from __future__ import annotations

import gc
import os
import resource
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard.url_params import ViewState, parse
from warehouse.practices import WEIGHTS
from warehouse.search import search_terms
from warehouse.viewer import STAFF

Answer = dict[str, Any]
Filters = dict[str, Any]

VISIBLE = STAFF.visible_levels()  # the harness signs in as staff
SEMINARS = ("continental_seminar", "international_seminar")
# fragments/map_flows.sql: the kind of travel drawn for each modality ('joint' for any other)
FLOW_KINDS = {
    "partner_visit": "visit",
    "study_visit": "visit",
    "continental_seminar": "seminar",
    "international_seminar": "seminar",
    "expert_mission": "expert",
}
GRID_ROWS = 100  # tests.serving.grid_request: the first block, newest first
SUGGESTIONS_SHOWN = 5  # dashboard/pages/practices.py: SHOWN
EVIDENCE_SHOWN = 6  # dashboard/pages/practices.py: EVIDENCE_SHOWN
# Combining marks left by NFD: removing them is DuckDB's strip_accents (which keeps ligatures).
_MARKS = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"

# Every table the benchmarked pages read, with only the columns they use (space-separated).
TABLES: dict[str, str] = {
    "fct_exchange": (
        "exchange_id programme_code modality title theme_code canonical_theme start_date year "
        "host_org_code host_country_code demand initiated_by participations women_participations "
        "participations_with_sex_recorded political_leader_participations staff_participations "
        "militant_participations has_mixed_delegation visibility is_illustrative"
    ),
    "fct_participation": (
        "exchange_id org_code country_code org_role role participations women programme_code "
        "visibility is_illustrative"
    ),
    "fct_outcome": (
        "outcome_key outcome_id programme_code social_actor theme_code canonical_theme level "
        "outcome_type "
        "observed_on year description language change_agent_names change_agent_countries "
        "substantiation_status is_positive is_intended is_illustrative visibility"
    ),
    "fct_outcome_translation": "outcome_id language description",
    "bridge_outcome_change_agent": "outcome_id org_code country_code",
    "bridge_outcome_exchange": "outcome_id exchange_id",
    "bridge_outcome_plan": "outcome_id plan_id",
    "bridge_plan_exchange": "exchange_id",
    "fct_innovation_plan": (
        "plan_id programme_code org_code theme_code canonical_theme title current_status "
        "drafted_on adopted_on in_progress_on implemented_on exchanges visibility is_illustrative"
    ),
    "fct_plan_status": "status stage days_in_status programme_code visibility",
    "outcome_terms": "outcome_key term",
    "dim_programme": (
        "programme_code name start_date start_year end_year previous_programme_code lead_org_code"
    ),
    "dim_theme": "programme_code theme_code name canonical_theme",
    "dim_organisation": "org_code acronym name country_code region role",
    "dim_country": "country_code alpha3 name region centroid_lat centroid_lon",
    "dim_indicator": (
        "indicator_id programme_code objective_id name measure_type direction aggregation unit "
        "baseline_year baseline_value baseline_comment visibility is_illustrative"
    ),
    "fct_indicator_value": "indicator_id year kind value comment",
    "dim_objective": (
        "objective_id programme_code title country_code iati_identifier visibility is_illustrative"
    ),
    "load_batches": "load_id loaded_at",
}


def rss_bytes() -> int:
    """This process's resident memory now (its peak where /proc is missing)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


def _frame(**columns: Any) -> pd.DataFrame:
    """A one-row frame, as a SQL aggregate without GROUP BY returns."""
    return pd.DataFrame({name: [value] for name, value in columns.items()})


def _visible(frame: pd.DataFrame) -> pd.Series:
    return frame["visibility"].isin(VISIBLE)


def _diminishing(n: pd.Series) -> pd.Series:
    return n / (n + 1)


def _concat_ws(separator: str, left: pd.Series, right: pd.Series) -> pd.Series:
    """SQL concat_ws of two columns: NULLs are skipped, '' when both are NULL."""
    both = left.notna() & right.notna()
    joined = left.fillna("").astype(str) + separator + right.fillna("").astype(str)
    return joined.where(both, left.fillna(right).fillna(""))


def _sorted_lists(frame: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """list(distinct column order by column) per group of keys, NULLs left out."""
    distinct = frame[[*keys, column]].dropna().drop_duplicates().sort_values([*keys, column])
    return distinct.groupby(keys)[column].agg(list)


def _with(
    frame: pd.DataFrame, key: str, values: pd.Series, name: str, fill: object = None
) -> pd.DataFrame:
    """frame plus `name`, looked up by its `key` column in `values` (a Series keyed alike)."""
    looked_up = frame[key].map(values)
    return frame.assign(**{name: looked_up if fill is None else looked_up.fillna(fill)})


class PandasWay:
    """The warehouse tables the benchmarked pages need, in pandas, and each page's answers.

    `load_seconds` and `rss_growth_bytes` say what loading cost: wall time, and how much the
    process's resident memory grew (frames, their strings and whatever the allocator keeps).
    """

    def __init__(self, db: Path) -> None:
        gc.collect()
        before = rss_bytes()
        started = time.perf_counter()
        # Read once, like a Dash app at start-up; the relational API names columns, no SQL text.
        with duckdb.connect(str(db), read_only=True) as connection:
            frames = {
                table: connection.table(table).select(*columns.split()).df()
                for table, columns in TABLES.items()
            }
        self.exchanges = frames["fct_exchange"]
        self.outcomes = frames["fct_outcome"]
        self.translations = frames["fct_outcome_translation"]
        self.outcome_exchanges = frames["bridge_outcome_exchange"]
        self.outcome_plans = frames["bridge_outcome_plan"]
        self.plan_exchanges = frames["bridge_plan_exchange"]
        self.plans = frames["fct_innovation_plan"]
        self.plan_status = frames["fct_plan_status"]
        # The index names outcomes by their integer key; the app's frames use the identifier.
        self.terms = frames["outcome_terms"].merge(
            self.outcomes[["outcome_key", "outcome_id"]], on="outcome_key"
        )[["outcome_id", "term"]]
        self.programme_table = frames["dim_programme"]
        self.themes = frames["dim_theme"]
        self.organisations = frames["dim_organisation"]
        self.countries = frames["dim_country"]
        self.indicators = frames["dim_indicator"]
        self.indicator_values = frames["fct_indicator_value"]
        self.objectives = frames["dim_objective"]
        self.load_batches = frames["load_batches"]
        # Static look-ups joined once here rather than in every callback (kind to pandas).
        region = self.countries.set_index("country_code")["region"]
        participation = frames["fct_participation"]
        self.participation = participation.assign(region=participation["country_code"].map(region))
        agents = frames["bridge_outcome_change_agent"]
        self.agents = agents.assign(region=agents["country_code"].map(region))
        del frames, participation, agents
        self.load_seconds = time.perf_counter() - started
        gc.collect()
        self.rss_growth_bytes = max(0, rss_bytes() - before)
        self._answers: dict[tuple[str, str], Callable[[ViewState], Answer]] = {
            ("/", "pages router"): self._overview,
            ("/map", "pages router"): self._map,
            ("/outcomes", "pages router"): self._outcomes,
            ("/outcomes", "outcomes grid, 100 rows"): self._outcomes_grid,
            ("/programmes", "pages router, results"): self._programmes,
            ("/programmes", "pages router, plans"): self._programmes,
            ("/programmes", "pages router, compared"): self._programmes,
            ("/network", "pages router"): self._network,
            ("/practices", "pages router (question asked)"): self._practices,
        }

    def probes(self) -> list[tuple[str, str]]:
        """The (page, callback) pairs this baseline answers."""
        return list(self._answers)

    def answer(self, page: str, callback: str, search: str) -> Answer:
        """The main answers of that callback under the filter in `search` ("?programme=…").

        KeyError for a probe without a baseline, so the harness notices one missing. The plotly
        figures and Dash layout are not built: that cost is left out, in pandas' favour.
        """
        try:
            compute = self._answers[(page, callback)]
        except KeyError:
            raise KeyError(f"no pandas baseline for {page} {callback!r}") from None
        return compute(parse(search))

    # ---- filters shared by pages (warehouse/queries/fragments) ------------------------------

    def filtered_exchanges(self, f: Filters) -> pd.DataFrame:
        """fragments/filtered_exchanges.sql, from ViewState.filters()."""
        e = self.exchanges
        mask = _visible(e)
        if f["programmes"]:
            mask &= e["programme_code"].isin(f["programmes"])
        if f["year_from"] is not None:
            mask &= e["year"] >= f["year_from"]
        if f["year_to"] is not None:
            mask &= e["year"] <= f["year_to"]
        if f["themes"]:
            mask &= e["canonical_theme"].isin(f["themes"]) | e["theme_code"].isin(f["themes"])
        if f["modalities"]:
            mask &= e["modality"].isin(f["modalities"])
        p = self.participation
        if f["organisations"]:
            mask &= e["exchange_id"].isin(
                p.loc[p["org_code"].isin(f["organisations"]), "exchange_id"]
            )
        if f["regions"]:
            mask &= e["exchange_id"].isin(p.loc[p["region"].isin(f["regions"]), "exchange_id"])
        return e[mask]

    def filtered_outcomes(self, f: Filters) -> pd.DataFrame:
        """fragments/filtered_outcomes.sql, from ViewState.outcome_filters()."""
        o = self.outcomes
        mask = _visible(o)
        if f["programmes"]:
            mask &= o["programme_code"].isin(f["programmes"])
        if f["year_from"] is not None:
            mask &= o["year"] >= f["year_from"]
        if f["year_to"] is not None:
            mask &= o["year"] <= f["year_to"]
        if f["themes"]:
            mask &= o["canonical_theme"].isin(f["themes"]) | o["theme_code"].isin(f["themes"])
        for column, values in (
            ("level", f["levels"]),
            ("outcome_type", f["outcome_types"]),
            ("substantiation_status", f["substantiation"]),
        ):
            if values:
                mask &= o[column].isin(values)
        for column, flag in (
            ("is_positive", f["positive"]),
            ("is_intended", f["intended"]),
            ("is_illustrative", f["illustrative"]),
        ):
            if flag is not None:
                mask &= o[column].eq(flag)
        a = self.agents
        for column, values in (
            ("country_code", f["countries"]),
            ("org_code", f["organisations"]),
            ("region", f["regions"]),
        ):
            if values:
                mask &= o["outcome_id"].isin(a.loc[a[column].isin(values), "outcome_id"])
        terms: list[str] = f["terms"]
        if terms:
            # every term: as many index rows among the terms as terms asked (the SQL's HAVING)
            hits = self.terms.loc[self.terms["term"].isin(terms), "outcome_id"].value_counts()
            mask &= o["outcome_id"].isin(hits.index[hits == len(terms)])
        return o[mask]

    # ---- small shared queries ----------------------------------------------------------------

    def programmes(self) -> pd.DataFrame:
        """programmes.sql: newest first, with whether any visible record belongs to each."""
        p = self.programme_table.sort_values("start_date", ascending=False)
        e, o = self.exchanges, self.outcomes
        has_data = p["programme_code"].isin(e.loc[_visible(e), "programme_code"]) | p[
            "programme_code"
        ].isin(o.loc[_visible(o), "programme_code"])
        columns = ["programme_code", "name", "start_year", "end_year"]
        columns += ["previous_programme_code", "lead_org_code"]
        return p[columns].assign(has_data=has_data).reset_index(drop=True)

    def organisation_choices(self) -> pd.DataFrame:
        """organisations.sql."""
        o = self.organisations
        o = o[o["country_code"].notna()].sort_values(["acronym", "org_code"])
        return o[["org_code", "acronym", "name", "country_code", "role"]].reset_index(drop=True)

    def data_as_of(self) -> pd.DataFrame:
        batches = self.load_batches
        return _frame(loaded_at=batches["loaded_at"].max(), version=batches["load_id"].max())

    @staticmethod
    def choose_programme(programmes: pd.DataFrame, requested: Sequence[str]) -> str | None:
        """dashboard.defaults.choose_programme, on the pandas frame."""
        codes = programmes["programme_code"]
        for code in requested:
            if code in set(codes):
                return code
        with_data = codes[programmes["has_data"]]
        if len(with_data):
            return str(with_data.iloc[0])
        return str(codes.iloc[0]) if len(codes) else None

    @staticmethod
    def previous_of(programmes: pd.DataFrame, programme: str) -> str | None:
        match = programmes.loc[programmes["programme_code"] == programme, "previous_programme_code"]
        return None if match.empty or pd.isna(match.iloc[0]) else str(match.iloc[0])

    # ---- overview (/) ------------------------------------------------------------------------

    def _overview(self, state: ViewState) -> Answer:
        programmes = self.programmes()
        answer: Answer = {"programmes": programmes}
        programme = self.choose_programme(programmes, state.programmes)
        if programme is None:
            return answer
        previous = self.previous_of(programmes, programme)
        codes = [programme] + ([previous] if previous else [])
        answer["metrics"] = self.metrics(codes)
        answer["exchanges_by_modality"] = self.breakdown(self.exchanges, "modality", codes)
        answer["outcomes_by_level"] = self.breakdown(self.outcomes, "level", codes)
        answer["outcomes_by_theme"] = self.outcomes_by_theme([programme, previous or programme])
        return answer

    def metrics(self, codes: list[str]) -> pd.DataFrame:
        """warehouse.metrics.compute: every metric per programme, and the illustrative rows."""

        def scoped(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["programme_code"].isin(codes) & _visible(frame)]

        e = scoped(self.exchanges)
        by = e.groupby("programme_code")
        recorded = by["participations_with_sex_recorded"].sum(min_count=1)
        exchange_part = pd.DataFrame(
            {
                "exchanges": by.size(),
                "participations": by["participations"].sum(min_count=1),
                "women_share": by["women_participations"].sum(min_count=1)
                / recorded.where(recorded != 0),
                "fct_exchange_illustrative": e["is_illustrative"]
                .eq(True)
                .groupby(e["programme_code"])
                .sum(),
            }
        )
        p = scoped(self.participation)
        participation_part = (
            p.assign(
                partner=p["org_code"].where(p["org_role"].eq("partner")),
                illustrative=p["is_illustrative"].eq(True),
            )
            .groupby("programme_code")
            .agg(
                countries=("country_code", "nunique"),
                partner_organisations=("partner", "nunique"),
                fct_participation_illustrative=("illustrative", "sum"),
            )
        )
        plans = scoped(self.plans)
        plan_part = (
            plans.assign(
                adopted=plans["adopted_on"].notna(),
                implemented=plans["implemented_on"].notna(),
                illustrative=plans["is_illustrative"].eq(True),
            )
            .groupby("programme_code")
            .agg(
                plans_adopted=("adopted", "sum"),
                plans_implemented=("implemented", "sum"),
                fct_innovation_plan_illustrative=("illustrative", "sum"),
            )
        )
        o = scoped(self.outcomes)
        outcome_part = (
            o.assign(illustrative=o["is_illustrative"].eq(True))
            .groupby("programme_code")
            .agg(outcomes=("outcome_id", "size"), fct_outcome_illustrative=("illustrative", "sum"))
        )
        result = pd.DataFrame({"programme_code": codes})
        for part in (exchange_part, participation_part, plan_part, outcome_part):
            # a left join, as in SQL: a programme without rows in a fact gets nulls there
            result = result.merge(part, left_on="programme_code", right_index=True, how="left")
        return result

    def breakdown(self, fact: pd.DataFrame, column: str, codes: list[str]) -> pd.DataFrame:
        """warehouse.metrics.breakdown_of for a count metric."""
        rows = fact[fact["programme_code"].isin(codes) & _visible(fact)]
        counts = rows.groupby(["programme_code", column], dropna=False).size()
        frame = counts.rename("value").reset_index().rename(columns={column: "code"})
        return frame.sort_values(["programme_code", "code", "value"]).reset_index(drop=True)

    def outcomes_by_theme(self, codes: list[str]) -> pd.DataFrame:
        themes = self.themes[self.themes["programme_code"].isin(codes)]
        o = self.outcomes
        o = o[o["programme_code"].isin(codes) & _visible(o)]
        counts = o.groupby(["programme_code", "theme_code"]).size().rename("outcomes")
        frame = themes.merge(
            counts, left_on=["programme_code", "theme_code"], right_index=True, how="left"
        )
        frame["outcomes"] = frame["outcomes"].fillna(0).astype("int64")
        frame = frame.rename(columns={"name": "theme_name"}).sort_values(
            ["programme_code", "theme_code"]
        )
        columns = ["programme_code", "theme_code", "theme_name", "canonical_theme", "outcomes"]
        return frame[columns].reset_index(drop=True)

    # ---- map (/map) --------------------------------------------------------------------------

    def _map(self, state: ViewState) -> Answer:
        filters = state.filters()
        exchanges = self.filtered_exchanges(filters)
        return {
            "programmes": self.programmes(),
            "organisations": self.organisation_choices(),
            "map_countries": self.map_countries(exchanges),
            "map_flows": self.map_flows(exchanges),
            "data_as_of": self.data_as_of(),
        }

    def map_countries(self, fe: pd.DataFrame) -> pd.DataFrame:
        """fragments/map_countries.sql: one row per country in the filtered exchanges."""
        part = self.participation.merge(fe[["exchange_id", "host_country_code"]], on="exchange_id")
        codes = pd.concat([part["country_code"], fe["host_country_code"]]).dropna().unique()
        countries = self.countries.loc[
            self.countries["country_code"].isin(codes), ["country_code", "alpha3", "name", "region"]
        ].sort_values("country_code")
        abroad = part[
            part["country_code"].notna()
            & part["host_country_code"].notna()
            & part["country_code"].ne(part["host_country_code"])
        ]
        linked = self.outcome_exchanges.loc[
            self.outcome_exchanges["exchange_id"].isin(fe["exchange_id"]), "outcome_id"
        ]
        o = self.outcomes
        agents = self.agents[
            self.agents["outcome_id"].isin(linked)
            & self.agents["outcome_id"].isin(o.loc[_visible(o), "outcome_id"])
        ]
        partners = part[part["org_role"].eq("partner")]
        named = part[["country_code", "org_code"]].merge(
            self.organisations[["org_code", "acronym"]], on="org_code"
        )
        frame = countries
        for name, values, fill in (
            ("exchanges_hosted", fe.groupby("host_country_code").size(), 0),
            ("participations_sent", abroad.groupby("country_code")["participations"].sum(), 0),
            (
                "participations_received",
                abroad.groupby("host_country_code")["participations"].sum(),
                0,
            ),
            ("outcomes", agents.groupby("country_code")["outcome_id"].nunique(), 0),
            ("partner_organisations", partners.groupby("country_code")["org_code"].nunique(), 0),
            ("organisations", _sorted_lists(named, ["country_code"], "acronym"), None),
        ):
            frame = _with(frame, "country_code", values, name, fill)
        return frame.reset_index(drop=True)

    def map_flows(self, fe: pd.DataFrame) -> pd.DataFrame:
        """fragments/map_flows.sql: per sending country, host country and kind of travel."""
        travels = self.participation[
            ["exchange_id", "org_code", "country_code", "role", "participations", "women"]
        ].merge(
            fe[
                [
                    "exchange_id",
                    "host_country_code",
                    "modality",
                    "canonical_theme",
                    "theme_code",
                    "start_date",
                ]
            ],
            on="exchange_id",
        )
        travels = travels[
            travels["role"].notna()
            & travels["role"].ne("host")
            & travels["country_code"].notna()
            & travels["host_country_code"].notna()
            & travels["country_code"].ne(travels["host_country_code"])
        ].merge(self.organisations[["org_code", "acronym"]], on="org_code")
        travels = travels.rename(
            columns={"country_code": "from_country", "host_country_code": "to_country"}
        ).assign(
            kind=travels["modality"].map(FLOW_KINDS).fillna("joint"),
            theme=travels["canonical_theme"].fillna(travels["theme_code"]),
        )
        keys = ["from_country", "to_country", "kind"]
        by = travels.groupby(keys)
        flows = pd.DataFrame(
            {
                "exchanges": by["exchange_id"].nunique(),
                "participations": by["participations"].sum(min_count=1),
                "women": by["women"].sum(min_count=1),
                "organisations": _sorted_lists(travels, keys, "acronym"),
                "themes": _sorted_lists(travels, keys, "theme"),
                "first_date": by["start_date"].min(),
                "last_date": by["start_date"].max(),
            }
        )
        # arg_max(theme, participations) over the themes' sums; ties go to the first theme
        by_theme = travels.groupby([*keys, "theme"])["participations"].sum().reset_index()
        main = (
            by_theme.sort_values(
                [*keys, "participations", "theme"], ascending=[*[True] * 3, False, True]
            )
            .drop_duplicates(keys)
            .set_index(keys)["theme"]
        )
        flows["main_theme"] = main
        flows = flows.reset_index()
        centroids = self.countries[["country_code", "centroid_lat", "centroid_lon"]]
        for end, column in (("from", "from_country"), ("to", "to_country")):
            flows = flows.merge(
                centroids.rename(
                    columns={
                        "country_code": column,
                        "centroid_lat": f"{end}_lat",
                        "centroid_lon": f"{end}_lon",
                    }
                ),
                on=column,
            )
        return flows.sort_values(keys).reset_index(drop=True)

    # ---- outcomes (/outcomes) ----------------------------------------------------------------

    def _outcomes(self, state: ViewState) -> Answer:
        programmes = self.programmes()
        outcomes = self.filtered_outcomes(state.outcome_filters())
        answer: Answer = {
            "programmes": programmes,
            "organisations": self.organisation_choices(),
            "outcomes_count": _frame(outcomes=len(outcomes)),
        }
        if outcomes.empty:
            return answer  # the page shows a notice, nothing else
        answer["outcomes_theme_level"] = self.theme_level(outcomes)
        previous = (
            self.previous_of(programmes, state.programmes[0])
            if len(state.programmes) == 1
            else None
        )
        if previous:
            earlier = self.filtered_outcomes(state.with_(programmes=(previous,)).outcome_filters())
            answer["outcomes_theme_level_previous"] = self.theme_level(earlier)
        answer["outcome_contributions"] = self.outcome_contributions(outcomes)
        answer["plan_follow_up"] = self.plan_follow_up(list(state.programmes), list(state.themes))
        return answer

    @staticmethod
    def theme_level(fo: pd.DataFrame) -> pd.DataFrame:
        """outcomes_theme_level.sql."""
        frame = pd.DataFrame(
            {
                "theme": fo["canonical_theme"].fillna(fo["theme_code"]),
                "mapped": fo["canonical_theme"].notna(),
                "level": fo["level"],
            }
        )
        counts = frame.groupby(["theme", "mapped", "level"], dropna=False).size()
        result = counts.rename("outcomes").reset_index()
        return result.sort_values(["theme", "level", "mapped"]).reset_index(drop=True)

    def outcome_contributions(self, fo: pd.DataFrame) -> pd.DataFrame:
        """outcome_contributions.sql: an outcome linked to n exchanges weighs 1/n along each."""
        e = self.exchanges
        links = (
            pd.DataFrame(
                {
                    "outcome_id": fo["outcome_id"],
                    "theme": fo["canonical_theme"].fillna(fo["theme_code"]),
                    "level": fo["level"],
                }
            )
            .merge(self.outcome_exchanges, on="outcome_id", how="left")
            .merge(e.loc[_visible(e), ["exchange_id", "modality"]], on="exchange_id", how="left")
        )
        links["modality"] = links["modality"].fillna("none")
        links["weight"] = 1.0 / links.groupby("outcome_id")["outcome_id"].transform("size")
        links["shared"] = links["outcome_id"].where(links["weight"] < 1)
        keys = ["modality", "theme", "level"]
        result = (
            links.groupby(keys, dropna=False)
            .agg(outcomes=("weight", "sum"), shared_outcomes=("shared", "nunique"))
            .reset_index()
        )
        return result.sort_values([*keys, "outcomes", "shared_outcomes"]).reset_index(drop=True)

    def plan_follow_up(self, programmes: list[str], themes: list[str]) -> pd.DataFrame:
        """fragments/plan_follow_up.sql."""
        p = self.plans
        mask = _visible(p) & (p["exchanges"] > 0)
        if programmes:
            mask &= p["programme_code"].isin(programmes)
        if themes:
            mask &= p["canonical_theme"].isin(themes) | p["theme_code"].isin(themes)
        p = p[mask]
        return _frame(
            plans=len(p),
            implemented=int(p["implemented_on"].notna().sum()),
            with_outcome=int(p["plan_id"].isin(self.outcome_plans["plan_id"]).sum()),
        )

    def _outcomes_grid(self, state: ViewState) -> Answer:
        outcomes = self.filtered_outcomes(state.outcome_filters())
        return {
            "outcomes_page": self.outcomes_page(outcomes, state.lang),
            "outcomes_count": _frame(outcomes=len(outcomes)),
        }

    def outcomes_page(self, fo: pd.DataFrame, language: str) -> pd.DataFrame:
        """outcomes_page.sql for the grid's first block, sorted by date, newest first."""
        page = fo.sort_values(["observed_on", "outcome_id"], ascending=[False, True]).head(
            GRID_ROWS
        )
        t = self.translations
        translated = t.loc[t["language"].eq(language), ["outcome_id", "description", "language"]]
        page = page.merge(
            translated.rename(
                columns={"description": "translated_description", "language": "translated_into"}
            ),
            on="outcome_id",
            how="left",
        )
        # a translation only replaces text in another language than the reader's
        use = (
            page["translated_into"].notna()
            & page["language"].notna()
            & page["language"].ne(language)
        )
        page = page.assign(
            description=page["translated_description"].where(use, page["description"]),
            language=page["translated_into"].where(use, page["language"]),
            is_translation=use,
            change_agents=page["change_agent_names"],
            countries=page["change_agent_countries"],
        )
        columns = [
            "outcome_id",
            "programme_code",
            "observed_on",
            "theme_code",
            "canonical_theme",
            "level",
            "outcome_type",
            "social_actor",
            "description",
            "language",
            "is_translation",
            "change_agents",
            "countries",
            "substantiation_status",
            "is_positive",
            "is_intended",
            "is_illustrative",
        ]
        return page[columns].reset_index(drop=True)

    # ---- programmes (/programmes) ------------------------------------------------------------

    def _programmes(self, state: ViewState) -> Answer:
        programmes = self.programmes()
        answer: Answer = {"programmes": programmes}
        programme = self.choose_programme(programmes, state.programmes)
        if programme is None:
            return answer
        themes = list(state.themes)
        # one section of the page at a time, as dashboard.pages.programmes draws it
        if state.section == "plans":
            answer.update(
                plan_pipeline=self.plan_pipeline(programme),
                plan_table=self.plan_table(programme, themes),
            )
        elif state.section == "compare":
            answer.update(
                programme_comparison=self.programme_comparison(themes),
                programme_mix=self.programme_mix(themes),
            )
        else:
            answer.update(
                programme_indicators=self.programme_indicators(programme),
                participation_by_year=self.participation_by_year(programme, []),
                objectives=self.objectives_of(programme),
            )
        return answer

    def programme_indicators(self, programme: str) -> pd.DataFrame:
        i = self.indicators
        i = i[_visible(i) & i["programme_code"].eq(programme)]
        frame = i.merge(self.indicator_values, on="indicator_id", how="left", suffixes=("", "_v"))
        frame = frame.sort_values(["indicator_id", "year", "kind"])
        columns = ["indicator_id", "name", "measure_type", "direction", "aggregation", "unit"]
        columns += ["baseline_year", "baseline_value", "baseline_comment", "is_illustrative"]
        columns += ["year", "kind", "value", "comment"]
        return frame[columns].reset_index(drop=True)

    def objectives_of(self, programme: str) -> pd.DataFrame:
        o = self.objectives
        o = o[o["programme_code"].eq(programme) & _visible(o)].sort_values("objective_id")
        columns = ["objective_id", "title", "country_code", "iati_identifier", "is_illustrative"]
        return o[columns].reset_index(drop=True)

    def plan_pipeline(self, programme: str) -> pd.DataFrame:
        s = self.plan_status
        s = s[s["programme_code"].eq(programme) & _visible(s)]
        frame = (
            s.groupby(["status", "stage"], dropna=False)
            .agg(plans=("days_in_status", "size"), median_days=("days_in_status", "median"))
            .reset_index()
            .sort_values(["stage", "status"])
            .reset_index(drop=True)
        )
        if frame.empty:  # the programme's exchanges are still told: one row without a status
            frame = pd.DataFrame({c: [None] for c in frame.columns})
        e = self.exchanges
        e = e[
            e["programme_code"].eq(programme)
            & _visible(e)
            & e["modality"].notna()
            & ~e["modality"].isin(SEMINARS)
        ]
        without = ~e["exchange_id"].isin(self.plan_exchanges["exchange_id"])
        return frame.assign(exchanges=len(e), without_plan=int(without.sum()))

    def plan_table(self, programme: str, themes: list[str]) -> pd.DataFrame:
        p = self.plans
        mask = p["programme_code"].eq(programme) & _visible(p)
        if themes:
            mask &= p["canonical_theme"].isin(themes)
        p = p[mask].merge(
            self.organisations[["org_code", "acronym", "country_code"]], on="org_code"
        )
        o = self.outcomes
        links = self.outcome_plans
        followed = (
            links[links["outcome_id"].isin(o.loc[_visible(o), "outcome_id"])]
            .groupby("plan_id")
            .size()
        )
        frame = p.assign(
            days_to_adopt=(p["adopted_on"] - p["drafted_on"]).dt.days,
            days_to_start=(
                p["in_progress_on"].fillna(p["implemented_on"]) - p["adopted_on"]
            ).dt.days,
            days_to_implement=(p["implemented_on"] - p["in_progress_on"]).dt.days,
            outcomes=p["plan_id"].map(followed).fillna(0).astype("int64"),
        )
        frame = frame.assign(matching_plans=len(frame))
        frame = frame.sort_values(["canonical_theme", "acronym", "plan_id"]).head(100)
        columns = ["plan_id", "title", "acronym", "country_code", "canonical_theme", "theme_code"]
        columns += ["current_status", "days_to_adopt", "days_to_start", "days_to_implement"]
        columns += ["outcomes", "is_illustrative", "matching_plans"]
        return frame[columns].reset_index(drop=True)

    def participation_by_year(self, programme: str, themes: list[str]) -> pd.DataFrame:
        e = self.exchanges
        mask = e["programme_code"].eq(programme) & _visible(e)
        if themes:
            mask &= e["canonical_theme"].isin(themes)
        by = e[mask].groupby("year")
        frame = pd.DataFrame(
            {
                "participations": by["participations"].sum(min_count=1),
                "women": by["women_participations"].sum(min_count=1),
                "sex_recorded": by["participations_with_sex_recorded"].sum(min_count=1),
            }
        )
        return frame.reset_index().sort_values("year").reset_index(drop=True)

    def _theme_scoped(self, themes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The visible exchanges, outcomes and plans under a filter of common themes."""

        def scoped(frame: pd.DataFrame) -> pd.DataFrame:
            mask = _visible(frame)
            if themes:
                mask &= frame["canonical_theme"].isin(themes)
            return frame[mask]

        return scoped(self.exchanges), scoped(self.outcomes), scoped(self.plans)

    def programme_comparison(self, themes: list[str]) -> pd.DataFrame:
        """programme_comparison.sql: programmes side by side; shares over what was recorded."""
        e, o, p = self._theme_scoped(themes)
        links = self.outcome_exchanges
        followed = (
            links[links["outcome_id"].isin(o["outcome_id"])]
            .groupby("exchange_id")["outcome_id"]
            .nunique()
        )
        recorded = (
            e["political_leader_participations"].notna()
            | e["staff_participations"].notna()
            | e["militant_participations"].notna()
        )
        mixed = e["has_mixed_delegation"].eq(True)
        outcomes_followed = e["exchange_id"].map(followed).fillna(0)
        per_exchange = pd.DataFrame(
            {
                "programme_code": e["programme_code"],
                "exchange_id": e["exchange_id"],
                "modality": e["modality"],
                "host_country_code": e["host_country_code"],
                "demand": e["demand"].notna(),
                "partner": e["initiated_by"].isin(["partner", "several_partners"]),
                "initiated": e["initiated_by"].notna(),
                "mixed": mixed,
                "recorded": recorded,
                "followed_mixed": outcomes_followed.where(mixed),
                "followed_other": outcomes_followed.where(recorded & ~mixed),
            }
        )
        ex = per_exchange.groupby("programme_code").agg(
            exchanges=("exchange_id", "size"),
            methods_used=("modality", "nunique"),
            host_countries=("host_country_code", "nunique"),
            demand=("demand", "sum"),
            partner=("partner", "sum"),
            initiated=("initiated", "sum"),
            mixed=("mixed", "sum"),
            recorded=("recorded", "sum"),
            outcomes_per_mixed_delegation=("followed_mixed", "mean"),
            outcomes_per_other_delegation=("followed_other", "mean"),
        )
        ex["demand_share"] = ex["demand"] / ex["exchanges"]
        ex["partner_initiated_share"] = ex["partner"] / ex["initiated"].where(ex["initiated"] != 0)
        ex["mixed_delegation_share"] = ex["mixed"] / ex["recorded"].where(ex["recorded"] != 0)
        oc = (
            o.assign(policy=o["level"].eq("policy"), institutional=o["level"].eq("institutional"))
            .groupby("programme_code")
            .agg(
                outcomes=("outcome_id", "size"),
                policy_outcomes=("policy", "sum"),
                institutional_outcomes=("institutional", "sum"),
            )
        )
        plan_links = self.outcome_plans
        with_outcome = p["plan_id"].isin(
            plan_links.loc[plan_links["outcome_id"].isin(o["outcome_id"]), "plan_id"]
        )
        pl_ = (
            p.assign(with_outcome=with_outcome)
            .groupby("programme_code")
            .agg(plans=("plan_id", "size"), with_outcome=("with_outcome", "sum"))
        )
        pl_["plans_with_outcome_share"] = pl_["with_outcome"] / pl_["plans"]
        frame = self.programme_table.sort_values("start_date")[["programme_code"]]
        for part, columns in (
            (ex, ["exchanges", "methods_used", "host_countries", "demand_share"]),
            (ex, ["partner_initiated_share", "mixed_delegation_share"]),
            (ex, ["outcomes_per_mixed_delegation", "outcomes_per_other_delegation"]),
            (oc, ["outcomes", "policy_outcomes", "institutional_outcomes"]),
            (pl_, ["plans", "plans_with_outcome_share"]),
        ):
            frame = frame.merge(
                part[columns], left_on="programme_code", right_index=True, how="left"
            )
        frame = frame[frame["exchanges"].notna() | frame["outcomes"].notna()]
        counts = ["exchanges", "methods_used", "host_countries", "outcomes"]
        counts += ["policy_outcomes", "institutional_outcomes", "plans"]
        frame[counts] = frame[counts].fillna(0).astype("int64")
        return frame.reset_index(drop=True)

    def programme_mix(self, themes: list[str]) -> pd.DataFrame:
        """programme_mix.sql: counts per programme along one coded dimension at a time."""
        e, o, _plans = self._theme_scoped(themes)
        mapped = o[o["canonical_theme"].notna()]
        parts = []
        for frame, dimension, code in (
            (e, "modality", e["modality"]),
            (e, "initiator", e["initiated_by"]),
            (o, "outcome_level", o["level"]),
            (o, "outcome_theme", o["canonical_theme"]),
            (mapped, "outcome_theme_level", mapped["canonical_theme"] + "/" + mapped["level"]),
        ):
            counts = (
                pd.DataFrame({"programme_code": frame["programme_code"], "code": code})
                .groupby(["programme_code", "code"], dropna=False)
                .size()
                .rename("value")
                .reset_index()
            )
            parts.append(counts.assign(dimension=dimension))
        result = pd.concat(parts, ignore_index=True)[
            ["programme_code", "dimension", "code", "value"]
        ]
        return result.sort_values(["programme_code", "dimension", "code", "value"]).reset_index(
            drop=True
        )

    # ---- network (/network) ------------------------------------------------------------------

    def _network(self, state: ViewState) -> Answer:
        pairs = self.network_pairs(self.filtered_exchanges(state.filters()))
        answer: Answer = {"programmes": self.programmes(), "network_pairs": pairs}
        if pairs.empty:
            return answer
        answer.update(
            pair_reciprocity=self.pair_reciprocity(pairs),
            overall_reciprocity=self.overall_reciprocity(pairs),
            balance=self.balance(pairs),
        )
        return answer

    def network_pairs(self, fe: pd.DataFrame) -> pd.DataFrame:
        """network_pairs.sql: who learned from whom under the filter."""
        p = self.participation
        visitors = p.loc[
            p["role"].notna() & p["role"].ne("host"), ["exchange_id", "org_code", "participations"]
        ]
        visitors = visitors.merge(fe[["exchange_id", "host_org_code"]], on="exchange_id")
        visitors = visitors[
            visitors["org_code"].notna()
            & visitors["host_org_code"].notna()
            & visitors["org_code"].ne(visitors["host_org_code"])
        ]
        by = visitors.groupby(["org_code", "host_org_code"])
        pairs = pd.DataFrame(
            {
                "exchanges": by["exchange_id"].nunique(),
                "participations": by["participations"].sum(min_count=1),
            }
        ).reset_index()
        orgs = self.organisations[["org_code", "acronym", "country_code", "region"]]
        for role, key in (("learner", "org_code"), ("host", "host_org_code")):
            pairs = pairs.merge(
                orgs.rename(
                    columns={
                        "org_code": key,
                        "acronym": f"{role}_acronym",
                        "country_code": f"{role}_country",
                        "region": f"{role}_region",
                    }
                ),
                on=key,
            )
        pairs = pairs.rename(columns={"org_code": "learner", "host_org_code": "host"})
        columns = ["learner", "learner_acronym", "learner_country", "learner_region"]
        columns += ["host", "host_acronym", "host_country", "host_region"]
        columns += ["exchanges", "participations"]
        return pairs[columns].sort_values(["learner", "host"]).reset_index(drop=True)

    @staticmethod
    def pair_reciprocity(pairs: pd.DataFrame) -> pd.DataFrame:
        """dashboard.figures.network.pair_reciprocity."""
        learner, host, flow = pairs["learner"], pairs["host"], pairs["participations"]
        first = learner < host
        flows = pd.DataFrame(
            {
                "a": learner.where(first, host),
                "b": host.where(first, learner),
                "a_from_b": flow.where(first, 0),
                "b_from_a": flow.where(learner > host, 0),
            }
        )
        frame = flows.groupby(["a", "b"]).sum().reset_index()
        low = frame[["a_from_b", "b_from_a"]].min(axis=1)
        high = frame[["a_from_b", "b_from_a"]].max(axis=1)
        frame["reciprocity"] = low / high
        return frame.sort_values(
            ["reciprocity", "a", "b"], ascending=[False, True, True]
        ).reset_index(drop=True)

    @staticmethod
    def overall_reciprocity(pairs: pd.DataFrame) -> float | None:
        """dashboard.figures.network.overall_reciprocity: the share of flows seen both ways."""
        edges = pairs[["learner", "host"]].drop_duplicates()
        if edges.empty:
            return None
        forward = edges["learner"] + "\x00" + edges["host"]
        backward = edges["host"] + "\x00" + edges["learner"]
        return float(backward.isin(forward).mean())

    @staticmethod
    def balance(pairs: pd.DataFrame) -> pd.DataFrame:
        """dashboard.figures.network.balance: delegations hosted against visits made."""
        hosted = pairs.groupby("host").agg(
            acronym=("host_acronym", "first"),
            country=("host_country", "first"),
            hosted=("exchanges", "sum"),
        )
        visited = pairs.groupby("learner").agg(
            acronym=("learner_acronym", "first"),
            country=("learner_country", "first"),
            visited=("exchanges", "sum"),
        )
        frame = hosted.join(visited, how="outer", lsuffix="", rsuffix="_visited")
        frame = pd.DataFrame(
            {
                "acronym": frame["acronym"].fillna(frame["acronym_visited"]),
                "country": frame["country"].fillna(frame["country_visited"]),
                "hosted": frame["hosted"].fillna(0).astype("int64"),
                "visited": frame["visited"].fillna(0).astype("int64"),
            }
        )
        frame["balance"] = frame["hosted"] - frame["visited"]
        frame = frame.rename_axis("org_code").reset_index()
        return frame.sort_values(["balance", "org_code"], ascending=[False, True]).reset_index(
            drop=True
        )

    # ---- practice finder (/practices) --------------------------------------------------------

    def _practices(self, state: ViewState) -> Answer:
        answer: Answer = {"organisations": self.organisation_choices()}
        if not (state.organisations and state.themes):
            return answer  # the page asks for an organisation and a theme first
        asking, theme = state.organisations[0], state.themes[0]
        illustrative = None if state.illustrative is None else state.illustrative == "yes"
        terms = search_terms(state.q or "")
        candidates = self.practice_candidates(theme, asking, terms, illustrative)
        answer["practice_candidates"] = candidates
        weights: dict[str, float] = {}
        if terms:
            rarity = self.term_rarity(terms)
            answer["term_rarity"] = rarity
            weights = self.term_weights(rarity, terms)
        ranked = self.rank(candidates, weights).head(SUGGESTIONS_SHOWN)
        answer["ranked"] = ranked
        if not ranked.empty:
            answer["practice_evidence"] = self.practice_evidence(
                theme, ranked["org_code"].tolist(), illustrative, EVIDENCE_SHOWN
            )
        return answer

    def _on_theme(self, frame: pd.DataFrame, theme: str, illustrative: bool | None) -> pd.Series:
        mask = _visible(frame) & frame["canonical_theme"].eq(theme)
        if illustrative is not None:
            mask &= frame["is_illustrative"].eq(illustrative)
        return mask

    def practice_candidates(
        self, theme: str, asking: str, terms: list[str], illustrative: bool | None
    ) -> pd.DataFrame:
        """practice_candidates.sql: per other organisation, its evidence on the theme."""
        o, e = self.outcomes, self.exchanges
        outcomes = o.loc[
            self._on_theme(o, theme, illustrative),
            ["outcome_id", "is_positive", "substantiation_status"],
        ]
        hosted = e.loc[
            self._on_theme(e, theme, illustrative),
            ["exchange_id", "host_org_code", "title", "demand"],
        ].rename(columns={"host_org_code": "org_code"})
        claimed = self.agents[["outcome_id", "org_code"]].merge(outcomes, on="outcome_id")
        followed = (
            self.outcome_exchanges.merge(hosted[["exchange_id", "org_code"]], on="exchange_id")
            .drop(columns="exchange_id")
            .merge(outcomes, on="outcome_id")
        )
        evidence = pd.concat([claimed, followed], ignore_index=True).drop_duplicates()  # UNION
        positive = evidence["is_positive"].eq(True)
        status = evidence["substantiation_status"]
        counts = (
            pd.DataFrame(
                {
                    "org_code": evidence["org_code"],
                    "substantiated": positive & status.eq("substantiated"),
                    "partly_substantiated": positive & status.eq("partly_substantiated"),
                    "unsubstantiated": positive
                    & status.notna()
                    & ~status.isin(["substantiated", "partly_substantiated"]),
                    "negative": evidence["is_positive"].eq(False),
                }
            )
            .groupby("org_code")
            .sum()
        )
        hosted_counts = hosted.groupby("org_code").size()
        orgs = self.organisations
        candidates = orgs[
            orgs["org_code"].isin(counts.index.union(hosted_counts.index))
            & orgs["org_code"].ne(asking)
            & orgs["role"].isin(["partner", "expert", "other"])
        ].sort_values("org_code")
        asking_region = orgs.loc[orgs["org_code"].eq(asking), "region"].dropna()
        same_region = (
            candidates["region"].eq(asking_region.iloc[0]).where(candidates["region"].notna())
            if len(asking_region)
            else pd.Series(np.nan, index=candidates.index)
        )
        frame = candidates[["org_code", "acronym", "name", "country_code", "region"]].assign(
            same_region=same_region.astype(object).where(same_region.notna(), None)
        )
        for column in ("substantiated", "partly_substantiated", "unsubstantiated", "negative"):
            frame = _with(frame, "org_code", counts[column], column, 0)
        frame = _with(frame, "org_code", hosted_counts, "hosted", 0)
        matched = self._matched_terms(evidence[positive], hosted, terms)
        listed = frame["org_code"].map(matched)
        none: list[str] = []  # shared by every organisation without a match, never changed
        frame["matched_terms"] = listed.where(
            listed.notna(), pd.Series([none] * len(listed), index=listed.index, dtype=object)
        )
        count_columns = ["substantiated", "partly_substantiated", "unsubstantiated", "negative"]
        frame[[*count_columns, "hosted"]] = frame[[*count_columns, "hosted"]].astype("int64")
        return frame.reset_index(drop=True)

    def _matched_terms(
        self, positive: pd.DataFrame, hosted: pd.DataFrame, terms: list[str]
    ) -> pd.Series:
        """Per organisation, the challenge's words in its positive outcomes and hosted exchanges."""
        if not terms:
            return pd.Series(dtype=object)
        in_outcomes = positive[["org_code", "outcome_id"]].merge(
            self.terms[self.terms["term"].isin(terms)], on="outcome_id"
        )[["org_code", "term"]]
        # lower(strip_accents(concat_ws(' ', title, demand))) split on [^a-z0-9]+, vectorised
        words = (
            _concat_ws(" ", hosted["title"], hosted["demand"])
            .str.normalize("NFD")
            .str.replace(_MARKS, "", regex=True)
            .str.lower()
            .str.split(r"[^a-z0-9]+", regex=True)
        )
        in_exchanges = pd.DataFrame({"org_code": hosted["org_code"], "term": words}).explode("term")
        in_exchanges = in_exchanges[in_exchanges["term"].isin(terms)]
        both = pd.concat([in_outcomes, in_exchanges], ignore_index=True)
        return _sorted_lists(both, ["org_code"], "term")

    def term_rarity(self, terms: list[str]) -> pd.DataFrame:
        """term_rarity.sql: how many visible outcomes hold each word, and how many there are."""
        o = self.outcomes
        visible = o.loc[_visible(o), "outcome_id"]
        t = self.terms
        t = t[t["term"].isin(terms) & t["outcome_id"].isin(visible)]
        counts = t.groupby("term")["outcome_id"].nunique().rename("outcomes_with_term")
        frame = counts.reset_index().sort_values("term")
        frame.insert(0, "outcomes", len(visible))
        return frame.reset_index(drop=True)

    @staticmethod
    def term_weights(rarity: pd.DataFrame, terms: list[str]) -> dict[str, float]:
        """warehouse.practices.term_weights: inverse document frequency, on the pandas frame."""
        outcomes = int(rarity["outcomes"].iloc[0]) if len(rarity) else 0
        holding = rarity.set_index("term")["outcomes_with_term"]
        counts = pd.Series(terms, index=terms).map(holding).fillna(0)
        weights = np.log((outcomes + 1) / (counts + 1)) + 1
        return {t: float(w) for t, w in weights.items()}

    @staticmethod
    def rank(candidates: pd.DataFrame, weights: dict[str, float]) -> pd.DataFrame:
        """warehouse.practices.rank, vectorised: the four factors, the score, best first."""
        total_weight = sum(weights.values())  # added in the same order as rank() adds them
        words = candidates[["org_code", "matched_terms"]].explode("matched_terms")
        words = words.assign(weight=words["matched_terms"].map(weights)).dropna(subset="weight")
        word_sums = words.groupby("org_code")["weight"].sum()
        factors = pd.DataFrame(
            {
                "org_code": candidates["org_code"],
                "evidence": _diminishing(
                    candidates["substantiated"] + 0.5 * candidates["partly_substantiated"]
                ),
                "practice": _diminishing(candidates["hosted"].astype(float)),
                "words": (
                    candidates["org_code"].map(word_sums).fillna(0.0) / total_weight
                    if total_weight
                    else 0.0
                ),
                "region": candidates["same_region"].eq(True).astype(float),
            }
        )
        score = pd.Series(0.0, index=factors.index)
        for name, weight in WEIGHTS.items():  # four columns, in rank()'s order of additions
            score = score + weight * factors[name]
        factors["score"] = score
        return factors.sort_values(["score", "org_code"], ascending=[False, True]).reset_index(
            drop=True
        )

    def practice_evidence(
        self, theme: str, organisations: list[str], illustrative: bool | None, per_kind: int
    ) -> pd.DataFrame:
        """practice_evidence.sql: the most telling outcomes and hosted exchanges of each."""
        e, o = self.exchanges, self.outcomes
        hosted = e[self._on_theme(e, theme, illustrative) & e["host_org_code"].isin(organisations)]
        outcomes = o[self._on_theme(o, theme, illustrative)]
        agents = self.agents
        claimed = agents.loc[
            agents["org_code"].isin(organisations)
            & agents["outcome_id"].isin(outcomes["outcome_id"]),
            ["org_code", "outcome_id"],
        ]
        followed = self.outcome_exchanges[
            self.outcome_exchanges["outcome_id"].isin(outcomes["outcome_id"])
        ].merge(
            hosted[["exchange_id", "host_org_code"]].rename(columns={"host_org_code": "org_code"}),
            on="exchange_id",
        )
        via = (
            followed.drop_duplicates(["org_code", "outcome_id", "exchange_id"])
            .sort_values("exchange_id")
            .groupby(["org_code", "outcome_id"])["exchange_id"]
            .agg(", ".join)
            .rename("via_exchanges")
        )
        linked = pd.concat(
            [claimed, followed[["org_code", "outcome_id"]]], ignore_index=True
        ).drop_duplicates()
        outcome_rows = (
            linked.merge(outcomes, on="outcome_id")
            .merge(via, left_on=["org_code", "outcome_id"], right_index=True, how="left")
            .rename(
                columns={"outcome_id": "record_id", "description": "text", "observed_on": "on_date"}
            )
            .assign(kind="outcome")
        )
        exchange_rows = pd.DataFrame(
            {
                "org_code": hosted["host_org_code"],
                "kind": "exchange",
                "record_id": hosted["exchange_id"],
                "text": _concat_ws(": ", hosted["title"], hosted["demand"]),
                "on_date": hosted["start_date"],
                "level": None,
                "is_positive": None,
                "substantiation_status": None,
                "via_exchanges": None,
                "is_illustrative": hosted["is_illustrative"],
            }
        )
        columns = ["org_code", "kind", "record_id", "text", "on_date", "level", "is_positive"]
        columns += ["substantiation_status", "via_exchanges", "is_illustrative"]
        rows = pd.concat([outcome_rows[columns], exchange_rows[columns]], ignore_index=True)
        best = rows["is_positive"].eq(True) & rows["substantiation_status"].eq("substantiated")
        top = (
            rows.assign(best=best)
            .sort_values(
                ["org_code", "kind", "best", "on_date", "record_id"],
                ascending=[True, True, False, False, True],
            )
            .groupby(["org_code", "kind"])
            .head(per_kind)
        )
        top = top.sort_values(
            ["org_code", "kind", "on_date", "record_id"], ascending=[True, False, False, True]
        )
        return top[columns].reset_index(drop=True)


def _timed(actions: Sequence[Callable[[], object]], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per run, cycling through the actions, each warmed once first.

    CPU time is there because pandas runs on one thread: on a busy machine it is the fairer
    figure, and on an idle one it is the wall time.
    """
    for action in actions:
        action()
    wall, cpu = [], []
    for i in range(runs):
        started, used = time.perf_counter(), time.process_time()
        actions[i % len(actions)]()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return wall, cpu


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """`python -m bench.pandas_way WAREHOUSE INTAKE [RUNS]`: load once, then time every probe's
    answers over the harness's searches for that intake, cycling them as the harness does."""
    import sys

    # Imported here: the harness brings the serving helpers, which the baseline never needs.
    from bench.harness import probes, summary

    args = list(sys.argv[1:] if argv is None else argv)
    db, intake = Path(args[0]), Path(args[1])
    runs = int(args[2]) if len(args) > 2 else 30
    way = PandasWay(db)
    print(f"load {way.load_seconds:.2f} s, resident memory +{way.rss_growth_bytes / 2**20:.0f} MiB")
    figures: dict[str, Any] = {
        "load_seconds": round(way.load_seconds, 3),
        "rss_growth_mib": round(way.rss_growth_bytes / 2**20, 1),
        "probes": [],
    }
    for probe in probes(intake):
        actions = [
            lambda s=search, p=probe: way.answer(p.page, p.callback, s) for search in probe.searches
        ]
        wall, cpu = _timed(actions, max(runs, len(actions)))  # every search at least once
        figures["probes"].append(
            {
                "page": probe.page,
                "callback": probe.callback,
                "searches": len(actions),
                "wall_ms": summary(wall),
                "cpu_ms": summary(cpu),
            }
        )
        print(
            f"{probe.page:12} {probe.callback:30} {len(actions):3} searches  "
            f"wall median {summary(wall)['median']:8.1f} ms  p95 {summary(wall)['p95']:8.1f}  "
            f"cpu median {summary(cpu)['median']:8.1f} ms"
        )
    return figures


if __name__ == "__main__":
    main()
