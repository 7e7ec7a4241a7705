"""Search input becomes words, whatever is typed."""

from __future__ import annotations

from warehouse.search import MAX_TERMS, search_terms


def test_words_are_lower_case_without_accents_or_punctuation() -> None:
    assert search_terms("Marchés: l'Économie INFORMELLE!") == ["marches", "economie", "informelle"]


def test_quotes_percent_signs_and_sql_are_only_words() -> None:
    typed = '\'; drop table fct_outcome; -- 100% "union"'
    assert search_terms(typed) == ["drop", "table", "fct", "outcome", "100", "union"]


def test_long_input_is_cut_to_a_few_terms() -> None:
    terms = search_terms("word " * 2000 + " ".join(f"t{i}" for i in range(50)))
    assert terms == ["word"]
    assert len(search_terms(" ".join(f"term{i}" for i in range(100)))) == MAX_TERMS
