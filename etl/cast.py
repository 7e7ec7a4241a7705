"""Cast text cells to the contract's types, strictly, collecting every problem at once."""

from __future__ import annotations

import difflib
import re
from functools import cache

import polars as pl

from atlas.i18n import LANGUAGES, _, language
from etl import countries, labels
from etl.contract import Column, Sheet
from etl.errors import Problem
from etl.read import RawSheet
from warehouse.codes import CODE_LISTS

_INTEGER = r"^[+-]?\d+(\.0+)?$"
_DECIMAL = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}( 00:00:00(\.0+)?)?$"
_TRUE = ["true", "yes", "1", "1.0"]
_FALSE = ["false", "no", "0", "0.0"]

POLARS_TYPES: dict[str, pl.DataType] = {
    "integer": pl.Int64(),
    "decimal": pl.Float64(),
    "date": pl.Date(),
    "boolean": pl.Boolean(),
}


def _did_you_mean(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return _("; did you mean '{value}'?").format(value=close[0]) if close else ""


def country_problem(value: str) -> str:
    _code, candidates = countries.resolve(value)
    if candidates:
        return _("ambiguous country '{value}' (expected one of: {codes})").format(
            value=value, codes=", ".join(candidates)
        )
    hint = _did_you_mean(countries.normalise(value), countries.known_names())
    return _(
        "unknown country '{value}' (expected an ISO 3166 code such as NE or a name{hint})"
    ).format(value=value, hint=hint)


def _resolve_countries(values: pl.Series) -> pl.Series:
    """Resolve each distinct name once: files repeat a handful of countries many times."""
    mapping = {
        v: labels.code_in_country_label(v) or countries.resolve(v)[0]
        for v in values.drop_nulls().unique().to_list()
    }
    return values.replace_strict(mapping, default=None, return_dtype=pl.Utf8)


@cache
def _code_lookup(list_name: str) -> dict[str, str]:
    """Codes, and their labels in every language, to codes: a template filled in French loads."""
    lookup = {c.code.lower(): c.code for c in CODE_LISTS[list_name]}
    for code in LANGUAGES:
        with language(code):
            lookup.update({_(c.label).lower(): c.code for c in CODE_LISTS[list_name]})
    return lookup


def _cast_expression(column: Column, value: pl.Expr) -> pl.Expr:
    if column.type == "integer":
        return pl.when(value.str.contains(_INTEGER)).then(
            value.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
        )
    if column.type == "decimal":
        return pl.when(value.str.contains(_DECIMAL)).then(value.cast(pl.Float64, strict=False))
    if column.type == "date":
        return pl.when(value.str.contains(_ISO_DATE)).then(
            value.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
        )
    if column.type == "boolean":
        lower = value.str.to_lowercase()
        return pl.when(lower.is_in(_TRUE)).then(True).when(lower.is_in(_FALSE)).then(False)
    if column.type == "code":
        assert column.codes is not None
        return value.str.to_lowercase().replace_strict(
            _code_lookup(column.codes), default=None, return_dtype=pl.Utf8
        )
    if column.type == "country":
        return value.map_batches(_resolve_countries, return_dtype=pl.Utf8)
    if column.references == "organisations":
        return value.str.split(labels.SEPARATOR).list.first().str.strip_chars()
    return value


def _type_problem(column: Column, value: str) -> str:
    if column.type == "integer":
        return _("'{value}' is not a whole number (expected an integer such as 7)").format(
            value=value
        )
    if column.type == "decimal":
        return _("'{value}' is not a number (expected a number such as 1234.50)").format(
            value=value
        )
    if column.type == "date":
        if re.fullmatch(_ISO_DATE, value):
            return _("'{value}' is an impossible date").format(value=value)
        return _("'{value}' is not a date (expected YYYY-MM-DD)").format(value=value)
    if column.type == "boolean":
        return _("'{value}' is not TRUE or FALSE (expected TRUE, FALSE, yes or no)").format(
            value=value
        )
    if column.type == "code":
        assert column.codes is not None
        codes = ", ".join(c.code for c in CODE_LISTS[column.codes])
        hint = _did_you_mean(value, [c.code for c in CODE_LISTS[column.codes]])
        return _("unknown code '{value}' (expected one of: {codes}{hint})").format(
            value=value, codes=codes, hint=hint
        )
    return country_problem(value)


def cast_sheet(raw: RawSheet) -> tuple[pl.DataFrame, list[Problem]]:
    """The sheet's rows typed as the contract says, with `_file`, `_sheet` and `_row`."""
    sheet: Sheet = raw.contract
    frame = raw.frame
    problems: list[Problem] = []

    def problem(row: int, column: str, message: str) -> None:
        problems.append(Problem(raw.file, raw.sheet, row, column, message))

    present = set(frame.columns)
    for column in sheet.columns:
        if column.name not in present and column.required:
            problem(1, column.name, _("required column missing"))
    known = {c.name for c in sheet.columns} | {"_row"}
    for extra in sorted(present - known):
        problem(
            1,
            extra,
            _("unknown column (expected columns of {sheet}: {columns})").format(
                sheet=sheet.name, columns=", ".join(c.name for c in sheet.columns)
            ),
        )
    if problems:
        return pl.DataFrame(), problems

    if raw.decimal_comma:
        frame = frame.with_columns(
            pl.col(c.name).str.replace(r"^([+-]?\d+),(\d+)$", "$1.$2")
            for c in sheet.columns
            if c.type == "decimal" and c.name in present
        )
    texts = frame.select(
        "_row",
        *(
            (
                pl.col(c.name).str.strip_chars().replace("", None)
                if c.name in present
                else pl.lit(None, pl.Utf8)
            ).alias(c.name)
            for c in sheet.columns
        ),
    )
    typed = texts.select(
        "_row",
        *(_cast_expression(c, pl.col(c.name)).alias(c.name) for c in sheet.columns),
    )
    for column in sheet.columns:
        if column.type in ("text", "reference"):
            continue
        bad = texts.filter(pl.col(column.name).is_not_null() & typed[column.name].is_null())
        for row, value in bad.select("_row", column.name).iter_rows():
            problem(row, column.name, _type_problem(column, value))
    for column in sheet.columns:
        if column.default is not None:
            default = _cast_expression(column, pl.lit(column.default))
            typed = typed.with_columns(
                pl.when(texts[column.name].is_null())
                .then(default)
                .otherwise(pl.col(column.name))
                .alias(column.name)
            )
        if column.required:
            missing = typed.filter(texts[column.name].is_null())
            for row in missing["_row"]:
                problem(row, column.name, _("required value missing"))
        if column.minimum is not None:
            low = typed.filter(pl.col(column.name) < column.minimum)
            for row, value in low.select("_row", column.name).iter_rows():
                message = (
                    _("negative count (expected 0 or more)")
                    if column.minimum == 0
                    else _("{value} is too small (expected {minimum} or more)")
                )
                problem(
                    row, column.name, message.format(value=value, minimum=f"{column.minimum:g}")
                )
    if "estimated" in present:
        names = {c.name for c in sheet.columns}
        listed = typed.select("_row", pl.col("estimated").str.split(",")).explode("estimated")
        for row, name in listed.drop_nulls().iter_rows():
            if name.strip() and name.strip() not in names:
                problem(
                    row,
                    "estimated",
                    _(
                        "'{name}' is not a column of {sheet} (expected a comma-separated "
                        "list of this sheet's column names)"
                    ).format(name=name.strip(), sheet=sheet.name),
                )
    typed = typed.with_columns(
        *(pl.col(c.name).cast(POLARS_TYPES.get(c.type, pl.Utf8())) for c in sheet.columns),
        pl.lit(raw.file).alias("_file"),
        pl.lit(raw.sheet).alias("_sheet"),
    )
    return typed.select(*(c.name for c in sheet.columns), "_file", "_sheet", "_row"), problems
