from __future__ import annotations

from dashboard.url_params import ViewState, encode, parse
from warehouse.query import KEPT, NO_FILTER, NO_OUTCOME_FILTER


def test_round_trip_keeps_every_filter() -> None:
    state = ViewState(
        programmes=("2017-2021", "2022-2026"),
        themes=("gender",),
        countries=("NE",),
        organisations=("CDT-MA",),
        year_from=2018,
        year_to=2021,
        section="compare",
        lang="fr",
    )
    assert parse(encode(state)) == state


def test_dash_layout_query_dict_with_single_and_repeated_values() -> None:
    state = parse({"programme": ["2012-2016", "2017-2021"], "country": "CO", "lang": "nl"})
    assert state.programmes == ("2012-2016", "2017-2021")
    assert state.countries == ("CO",)
    assert state.lang == "nl"


def test_values_outside_a_parameter_pattern_are_dropped() -> None:
    state = parse("?country=colombia&country=CO&year_from=1899&lang=xx&theme=%27;drop")
    assert state.countries == ("CO",)
    assert state.year_from is None
    assert state.lang == "en"
    assert state.themes == ()


def test_default_state_encodes_to_nothing() -> None:
    assert encode(ViewState()) == ""


def test_a_page_without_filters_asks_what_the_warehouse_keeps() -> None:
    # answers for no filter are kept at load, and read only for exactly these parameters
    nothing = parse({})
    assert nothing.filters() == NO_FILTER
    assert nothing.outcome_filters() == NO_OUTCOME_FILTER
    assert {"themes": list(nothing.themes)} == KEPT["programme_comparison"]
