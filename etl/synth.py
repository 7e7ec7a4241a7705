"""`atlas synth`: a large, realistic synthetic programme history for benchmarks, deterministic.

Written as Parquet files in one folder (one source), with the sample's organisations,
programmes and themes, and per exchange: a host and a visiting organisation, about half an
innovation plan, and two outcomes with ~200-character texts. Countries and organisations are
skewed as real ones are. Every value is computed by polars expressions from a seeded hash of the
row number, so millions of rows take seconds and the same seed gives the same files. Exchanges
are made and written `CHUNK` at a time, so ten million take no more memory than one million.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from etl.sample import sample_records

WORDS = [
    "union",
    "workers",
    "women",
    "domestic",
    "informal",
    "market",
    "vendors",
    "agreement",
    "training",
    "campaign",
    "inspection",
    "tripartite",
    "committee",
    "wages",
    "safety",
    "protection",
    "rights",
    "organising",
    "street",
    "welfare",
    "board",
    "recycling",
    "climate",
    "transition",
    "youth",
    "leaders",
    "congress",
    "negotiation",
    "law",
    "regulation",
    "service",
    "legal",
    "support",
    "members",
    "federation",
    "employers",
    "government",
    "region",
]
MODALITIES = [
    "partner_visit",
    "continental_seminar",
    "international_seminar",
    "expert_mission",
    "study_visit",
    "joint_action",
]
LEVEL_TYPES = [
    ("service_delivery", "training_module"),
    ("service_delivery", "service"),
    ("policy", "collective_agreement"),
    ("policy", "law_or_regulation"),
    ("institutional", "tripartite_body"),
    ("institutional", "labour_inspection"),
]


CHUNK = 1_000_000  # exchanges made and written at a time


def _uniform(salt: int, seed: int, offset: int = 0) -> pl.Expr:
    """A deterministic number in [0, 1) per row; `offset` numbers the rows of later chunks."""
    return ((pl.int_range(pl.len()) + offset) * 7919 + salt).hash(seed) % 1_000_003 / 1_000_003


def _pick(
    values: list[str], weights: list[float], salt: int, seed: int, offset: int = 0
) -> pl.Expr:
    """A value per row, chosen with the given weights (skewed choices)."""
    total, bound, expr = sum(weights), 0.0, pl.lit(values[-1])
    conditions = []
    for value, weight in zip(values, weights, strict=True):
        bound += weight / total
        conditions.append((bound, value))
    u = _uniform(salt, seed, offset)
    for bound, value in reversed(conditions[:-1]):
        expr = pl.when(u < bound).then(pl.lit(value)).otherwise(expr)
    return expr


def _sentence(salt: int, seed: int, offset: int = 0, words: int = 28) -> pl.Expr:
    return pl.concat_str(
        [_pick(WORDS, [1.0] * len(WORDS), salt * 100 + i, seed, offset) for i in range(words)],
        separator=" ",
    )


def synthesize(out: Path, exchanges: int, seed: int = 7) -> dict[str, int]:
    """Write the intake files; returns the rows per sheet."""
    out.mkdir(parents=True, exist_ok=True)
    sample = sample_records()
    rows: Counter[str] = Counter()
    for name in ("organisations", "programmes", "programme_themes"):
        frame = pl.DataFrame(sample[name])
        frame.write_parquet(out / f"{name}.parquet")
        rows[name] = frame.height
    writers: dict[str, pq.ParquetWriter] = {}
    try:
        for first in range(0, max(exchanges, 1), CHUNK):
            for name, frame in _chunk(sample, first, min(CHUNK, exchanges - first), seed).items():
                table = frame.to_arrow()
                if name not in writers:
                    writers[name] = pq.ParquetWriter(out / f"{name}.parquet", table.schema)
                writers[name].write_table(table)
                rows[name] += frame.height
    finally:
        for writer in writers.values():
            writer.close()
    return dict(rows)


def _chunk(
    sample: dict[str, list[dict[str, object]]], first: int, exchanges: int, seed: int
) -> dict[str, pl.DataFrame]:
    """The rows of exchanges `first` to `first + exchanges - 1`, sheet by sheet."""
    organisations = [o for o in sample["organisations"] if o["role"] in ("partner", "expert")]
    codes = [str(o["org_code"]) for o in organisations]
    skew = [float(len(codes) - i) ** 1.5 for i in range(len(codes))]
    programmes = {"2017-2021": (2017, 2021), "2022-2026": (2022, 2026)}
    themes = [t for t in sample["programme_themes"] if t["programme_code"] in programmes]
    theme_codes = sorted(
        {
            str(t["theme_code"])
            for t in themes
            if t["canonical_theme"] and t["programme_code"] == "2017-2021"
        }
    )
    base = pl.DataFrame({"n": range(first, first + exchanges)}, schema={"n": pl.Int64})
    year_offset = (_uniform(1, seed, first) * 10).floor().cast(pl.Int64)
    exchange_frame = (
        base.with_columns(
            pl.format("SX-{}", "n").alias("exchange_id"),
            pl.when(year_offset < 5)
            .then(pl.lit("2017-2021"))
            .otherwise(pl.lit("2022-2026"))
            .alias("programme_code"),
            _pick(MODALITIES, [5, 2, 1, 3, 2, 3], 2, seed, first).alias("modality"),
            pl.format("Synthetic exchange {}", "n").alias("title"),
            _pick(theme_codes, [1.0] * len(theme_codes), 3, seed, first).alias("theme_code"),
            (
                pl.lit(date(2017, 1, 10))
                + pl.duration(
                    days=year_offset * 365 + (_uniform(4, seed, first) * 300).cast(pl.Int64)
                )
            ).alias("start_date"),
            _pick(codes, skew, 5, seed, first).alias("host_org_code"),
            (_uniform(6, seed, first) * 30000 + 2000).round(2).alias("cost_eur"),
            _pick(["internal", "network", "public"], [2, 1, 1], 7, seed, first).alias("visibility"),
            pl.lit(True).alias("is_illustrative"),
        )
        .with_columns(
            (pl.col("start_date") + pl.duration(days=4)).alias("end_date"),
            pl.col("theme_code")
            .replace(
                {
                    "gender": "gender_equality",
                    "trade_union_rights": "union_rights",
                    "environment_climate": "just_transition",
                }
            )
            .alias("theme_2022"),
        )
        .with_columns(
            pl.when(pl.col("programme_code") == "2022-2026")
            .then(pl.col("theme_2022"))
            .otherwise(pl.col("theme_code"))
            .alias("theme_code"),
        )
    )
    visiting = _pick(codes, list(reversed(skew)), 8, seed, first)
    participants = (
        pl.concat(
            [
                exchange_frame.select(
                    "exchange_id",
                    pl.col("host_org_code").alias("org_code"),
                    pl.lit("host").alias("role"),
                    (_uniform(9, seed, first) * 4 + 2).cast(pl.Int64).alias("participations"),
                ),
                exchange_frame.select(
                    "exchange_id",
                    visiting.alias("org_code"),
                    pl.lit("visiting").alias("role"),
                    (_uniform(10, seed, first) * 4 + 5).cast(pl.Int64).alias("participations"),
                ),
            ]
        )
        .unique(["exchange_id", "org_code"], keep="first", maintain_order=True)
        .with_columns(
            (pl.col("participations") * _uniform(11, seed, 2 * first))
            .cast(pl.Int64)
            .alias("women"),
        )
    )
    plans = exchange_frame.filter(_uniform(12, seed, first) < 0.5).select(
        pl.format("SP-{}", "n").alias("plan_id"),
        "programme_code",
        pl.col("host_org_code").alias("org_code"),
        "theme_code",
        pl.format("Synthetic plan {}", "n").alias("title"),
        "visibility",
        pl.lit(True).alias("is_illustrative"),
        "exchange_id",
        "start_date",
    )
    statuses = pl.concat(
        [
            plans.select(
                "plan_id",
                pl.lit("draft").alias("status"),
                (pl.col("start_date") + pl.duration(days=30)).alias("changed_on"),
            ),
            plans.select(
                "plan_id",
                pl.lit("adopted").alias("status"),
                (pl.col("start_date") + pl.duration(days=120)).alias("changed_on"),
            ),
        ]
    )
    outcomes = pl.concat(
        [
            exchange_frame.select(
                pl.format("SO-{}-{}", "n", pl.lit(k)).alias("outcome_id"),
                "programme_code",
                pl.lit("Synthetic social actor").alias("social_actor"),
                "theme_code",
                _pick([lv for lv, _ in LEVEL_TYPES], [1.0] * 6, 20 + k, seed, first).alias("level"),
                (pl.col("start_date") + pl.duration(days=200 + 30 * k)).alias("observed_on"),
                _sentence(30 + k, seed, first).alias("description"),
                _sentence(40 + k, seed, first, 8).alias("significance"),
                _sentence(50 + k, seed, first, 8).alias("contribution"),
                "visibility",
                pl.lit(True).alias("is_illustrative"),
                "exchange_id",
                "host_org_code",
            )
            for k in (1, 2)
        ]
    ).with_columns(
        pl.col("level")
        .replace_strict({lv: t for lv, t in LEVEL_TYPES[::2]}, default="other")
        .alias("outcome_type"),
    )
    return {
        "exchanges": exchange_frame.drop("n", "theme_2022"),
        "exchange_participants": participants,
        "innovation_plans": plans.drop("exchange_id", "start_date"),
        "plan_status_changes": statuses,
        "plan_exchanges": plans.select("plan_id", "exchange_id"),
        "outcomes": outcomes.drop("exchange_id", "host_org_code"),
        "outcome_change_agents": outcomes.select(
            "outcome_id", pl.col("host_org_code").alias("org_code")
        ),
        "outcome_exchanges": outcomes.select("outcome_id", "exchange_id"),
    }
