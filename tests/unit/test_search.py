"""Search input becomes words, whatever is typed."""

from __future__ import annotations

import duckdb

from warehouse import models
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


TEXTS = [
    "plain words and single spaces only 2026",  # split on spaces
    "  leading, trailing and  double  spaces  ",
    "Marchés: l'Économie INFORMELLE! Convention n° 189 (OIT) — ratifiée",
    "a b c 1 x2 tripartite tripartite",  # short words dropped, repeats once
    "名前 ñandú São-Paulo’s “quoted” text\ttab\nnewline",
    "",
]


def test_the_warehouse_splits_texts_as_a_search_does() -> None:
    """The index (warehouse/macros.sql) holds exactly the words a search for the text asks."""
    connection = duckdb.connect()
    connection.execute(models.MACROS.read_text(encoding="utf-8"))
    for text in TEXTS:
        [(words,)] = connection.execute("select search_words($text)", {"text": text}).fetchall()
        assert sorted(words) == sorted(search_terms(text, limit=None)), text
