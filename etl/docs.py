"""The data contract as Markdown, for `docs/data-contract.md` (`make docs` regenerates it)."""

from __future__ import annotations

from etl.contract import SHEETS, Column
from warehouse import models, query
from warehouse.codes import CODE_LISTS


def _type(column: Column) -> str:
    if column.codes:
        return f"code ([{column.codes}](#{column.codes.replace('_', '-')}))"
    if column.references:
        return f"reference to {column.references}"
    if column.type == "country":
        return "country (ISO 3166 alpha-2, alpha-3 or name)"
    return column.type


def render() -> str:
    lines = [
        "# The data contract",
        "",
        "Generated from `etl/contract.py` by `make docs`; do not edit by hand.",
        "",
        "One sheet of a workbook, or one CSV or Parquet file named after the sheet, per entity.",
        "Row 1 holds the column names. Dates are written YYYY-MM-DD (Excel date cells are fine),",
        "booleans TRUE or FALSE. Counts are participations, not persons. A later load replaces",
        "the records with the same identifier. Every record may name, in `estimated`, the",
        "columns whose values are estimates, and must be flagged `is_illustrative` when made up.",
        "",
    ]
    for sheet in SHEETS:
        lines += [f"## {sheet.name}", "", sheet.description, ""]
        key = ", ".join(sheet.key)
        lines.append(
            f"Key: `{key}`"
            + (f" (for example `{sheet.id_pattern}`)" if sheet.id_pattern else "")
            + "."
        )
        lines += ["", "| column | type | required | meaning |", "| --- | --- | --- | --- |"]
        for column in sheet.columns:
            required = (
                "yes"
                if column.required
                else (f"no (default {column.default})" if column.default else "no")
            )
            minimum = f" At least {column.minimum:g}." if column.minimum is not None else ""
            lines.append(
                f"| `{column.name}` | {_type(column)} | {required} | {column.description}"
                f"{minimum} |"
            )
        rules = [r.message for r in sheet.rules] + [
            f"({', '.join(r.columns)}) must exist in {r.sheet}" for r in sheet.composite_references
        ]
        if rules:
            lines += ["", "Rules: " + "; ".join(rules) + "."]
        lines.append("")
    lines += [
        "## Warehouse models",
        "",
        "Staging tables `stg_<sheet>` hold the accepted records as loaded, with the file, sheet",
        "and row each came from. The star schema is built from them, one SQL model per file in",
        "`warehouse/models/`, each checked on every load (checks its SQL guarantees whatever",
        "the data, counted in brackets, are run by the tests instead):",
        "",
        "| model | grain | checks |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| `{m.name}` | {m.grain} | {len(m.checks)}"
        + (f" (+{len(m.proven)})" if m.proven else "")
        + " |"
        for m in models.all_models()
    ]
    lines += [
        "",
        "Beside them, the answers kept for the views opened most, read instead of computed: "
        + ", ".join(f"`{query.kept_table(name)}`" for name in query.KEPT)
        + " (`warehouse/query.py`, `KEPT`).",
    ]
    lines += ["", "## Code lists", ""]
    for name, codes in CODE_LISTS.items():
        lines += [f"### {name}", "", "| code | label |", "| --- | --- |"]
        lines += [f"| `{c.code}` | {c.label} |" for c in codes]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
