"""The DGD accountability workbook, built without a browser from hand-made query results."""

from __future__ import annotations

import io

import polars as pl

from dashboard.accountability import accountability_workbook, workbook_name

INDICATORS = pl.DataFrame(
    {
        "indicator_id": ["I1", "I1", "I1", "I2"],
        "name": ["Collective agreements signed"] * 3 + ["Partners' own assessment"],
        "measure_type": ["unit", "unit", "unit", "qualitative"],
        "unit": ["agreements"] * 3 + [None],
        "baseline_year": [2021] * 3 + [None],
        "baseline_value": [2.0] * 3 + [None],
        "baseline_comment": [None] * 3 + ["Learning is slow."],
        "year": [2024, 2025, 2025, 2025],
        "kind": ["actual", "target", "actual", "actual"],
        "value": [3.0, 6.0, 5.0, None],
        "comment": [None, None, "Two sectors still negotiating", "Steady learning."],
    }
)
RECORD = pl.DataFrame(
    {
        "section": ["score", "score", "lesson", "lesson"],
        "key": ["relevance", "efficiency", "lesson_learned", "management_response"],
        "value": ["a", "c", None, None],
        "text": [
            "Answers partners' demands.",
            "Visas delayed two missions.",
            "Plan early.",
            "We agree.",
        ],
        "evaluation": [None, None, None, "Mid-term evaluation 2024"],
    }
)


def sheets(content: bytes) -> dict[str, pl.DataFrame]:
    return pl.read_excel(io.BytesIO(content), sheet_id=0)


def test_the_workbook_holds_indicators_scores_lessons_and_response() -> None:
    objective = {
        "objective_id": "SO-1",
        "iati_identifier": "XM-1-SO-1",
        "title": "T",
        "country_code": "NE",
    }
    book = sheets(accountability_workbook(objective, 2025, INDICATORS, RECORD, 7))
    assert list(book) == [
        "Objective",
        "Indicators",
        "Scores",
        "Lessons learned",
        "Management response",
    ]
    indicators = book["Indicators"].to_dicts()
    assert indicators[0]["Indicator"] == "Collective agreements signed"
    assert (indicators[0]["Target"], indicators[0]["Actual"]) == (6.0, 5.0)  # 2025, not 2024
    assert indicators[0]["Baseline"] == "2.0 (2021)"
    assert indicators[0]["Comment"] == "Two sectors still negotiating"
    assert indicators[1]["Actual"] is None and indicators[1]["Baseline"] == "Learning is slow."
    scores = {r["Criterion"]: r for r in book["Scores"].to_dicts()}
    assert scores["Relevance"]["Score"] == "A: very good"
    assert scores["Efficiency"]["Justification"] == "Visas delayed two missions."
    assert scores["Sustainability"]["Score"] is None  # not scored: an empty line, not invented
    assert book["Management response"].row(0) == ("Mid-term evaluation 2024", "We agree.")
    assert book["Objective"].filter(pl.col("Field") == "Warehouse version")["Value"][0] == "7"


def test_the_file_is_named_by_the_iati_identifier_and_year() -> None:
    assert workbook_name("XM-DAC-2-10-SO 1", "SO-1", 2025) == "XM-DAC-2-10-SO-1_2025.xlsx"
    assert workbook_name(None, "SO-2022-NE", 2024) == "SO-2022-NE_2024.xlsx"
