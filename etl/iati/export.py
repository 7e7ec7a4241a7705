"""IATI 2.03 activities, one per specific objective, from the public records of the warehouse.

Only records whose visibility is public are read (the public viewer), in the order the schema
sets. The reporting organisation comes from the caller, never invented. Illustrative objectives
are refused unless asked for, and then every such activity's title starts with [ILLUSTRATIVE].
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import polars as pl

from warehouse import query
from warehouse.viewer import PUBLIC

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# OECD DAC regions (IATI Region codelist, vocabulary 1) for the M49 regions: "regional" codes,
# so a high-risk country is never named.
DAC_REGIONS = {"africa": "298", "latin_america_caribbean": "498", "asia": "798", "oceania": "889"}
SECTORS = (("16070", "60"), ("16080", "40"))  # DAC: labour rights, social dialogue
POLICY_MARKERS = {"gender": ("1",), "environment_climate": ("2", "6", "7")}
SDG_TARGETS = {  # UN SDG targets, vocabulary 3
    "trade_union_rights": ("8.8",),
    "gender": ("5.5", "8.5"),
    "informal_economy": ("8.3",),
    "domestic_work": ("8.7", "8.8"),
    "environment_climate": ("13.2", "8.4"),
}
MEASURES = {"unit": "1", "percentage": "2", "ordinal": "4", "qualitative": "5"}


class ExportRefusedError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class ReportingOrg:
    ref: str  # e.g. BE-BCE_KBO-0123456789, from a setting
    type: str  # IATI OrganisationType code, e.g. 22 (national NGO)
    name: str

    @classmethod
    def from_settings(
        cls, ref: str | None = None, type_: str | None = None, name: str | None = None
    ) -> ReportingOrg:
        """Given values, else ATLAS_IATI_REPORTING_ORG_REF / _TYPE / _NAME: never invented."""
        return cls(
            ref or os.environ.get("ATLAS_IATI_REPORTING_ORG_REF", ""),
            type_ or os.environ.get("ATLAS_IATI_REPORTING_ORG_TYPE", "22"),
            name or os.environ.get("ATLAS_IATI_REPORTING_ORG_NAME", ""),
        )


def _narrative(parent: ET.Element, text: str, lang: str = "en") -> None:
    element = ET.SubElement(parent, "narrative")
    element.set(XML_LANG, lang)
    element.text = text


def _text_element(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    _narrative(element, text)
    return element


def lead_duplicates(
    cursor: duckdb.DuckDBPyConnection,
    programmes: list[str] | None = None,
    objectives: list[str] | None = None,
) -> list[str]:
    """Warnings for the objectives the lead organisation already publishes (imported from its
    IATI file with `atlas import-iati`): say so before the same results go out twice."""
    found = query.run(
        cursor,
        "iati_lead_duplicates",
        PUBLIC,
        programmes=programmes or [],
        objectives=objectives or [],
    )
    return [
        f"{r['objective_id']} ({r['iati_identifier']}) may duplicate {r['lead_activity']}, which "
        f"the lead organisation publishes for {r['country_code']} under {r['lead_programme']}"
        for r in found.iter_rows(named=True)
    ]


def export_activities(
    cursor: duckdb.DuckDBPyConnection,
    reporting: ReportingOrg,
    programmes: list[str] | None = None,
    objectives: list[str] | None = None,
    include_illustrative: bool = False,
    snapshot: str | None = None,
) -> bytes:
    """The iati-activities document, or ExportRefusedError naming what stands in the way.

    A comment in it names the warehouse version it was built from (read from `cursor`), and
    `snapshot`'s label when `cursor` reads a snapshot, so a published figure can be found again.
    """
    rows = query.run(
        cursor, "iati_objectives", PUBLIC, programmes=programmes or [], objectives=objectives or []
    )
    problems = []
    if not reporting.ref or not reporting.name:
        problems.append("no reporting organisation: give its IATI identifier and name")
    if not include_illustrative:
        illustrative = rows.filter(pl.col("is_illustrative"))["objective_id"].to_list()
        if illustrative:
            problems.append(
                "illustrative objectives refused (--include-illustrative to show "
                "them as such): " + ", ".join(illustrative)
            )
    missing = rows.filter(pl.col("iati_identifier").is_null())["objective_id"].to_list()
    if missing:
        problems.append("objectives without an IATI identifier: " + ", ".join(missing))
    if rows.is_empty():
        problems.append("no public specific objective matches")
    if problems:
        raise ExportRefusedError(problems)
    root = ET.Element(
        "iati-activities",
        {
            "version": "2.03",
            "generated-datetime": datetime.now().replace(microsecond=0).isoformat(),
        },
    )
    root.append(ET.Comment(_provenance(cursor, snapshot)))
    for row in rows.iter_rows(named=True):
        root.append(_activity(cursor, row, reporting))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _provenance(cursor: duckdb.DuckDBPyConnection, snapshot: str | None) -> str:
    version = query.run(cursor, "data_as_of", PUBLIC)["version"][0]
    text = f"Solidarity Atlas, warehouse version {version}"
    if snapshot:
        text += f", snapshot {snapshot!r}"
    # "--" may not appear inside an XML comment, nor "-" at its end.
    return " " + re.sub(r"-(?=-)", "- ", text) + " "


def _activity(
    cursor: duckdb.DuckDBPyConnection, row: dict[str, object], reporting: ReportingOrg
) -> ET.Element:
    activity = ET.Element("iati-activity", {"default-currency": "EUR"})
    activity.set(XML_LANG, "en")
    ET.SubElement(activity, "iati-identifier").text = str(row["iati_identifier"])
    org = ET.SubElement(activity, "reporting-org", {"ref": reporting.ref, "type": reporting.type})
    _narrative(org, reporting.name)
    title = str(row["title"])
    if row["is_illustrative"]:
        title = "[ILLUSTRATIVE] " + title
    _text_element(activity, "title", title)
    description = ET.SubElement(activity, "description", {"type": "1"})
    _narrative(description, str(row["programme_description"] or row["programme_name"]))
    if row["funder"]:
        _text_element(activity, "participating-org", str(row["funder"]), role="1")
    _text_element(
        activity,
        "participating-org",
        reporting.name,
        role="2",
        ref=reporting.ref,
        type=reporting.type,
    )
    country = row["country_code"]
    # A high-risk country is published as its region only: no country code, and no partner
    # organisation named (a name points at the country and at people).
    region = DAC_REGIONS.get(str(row["region"]), "998") if country and row["high_risk"] else None
    if country and not region:
        partners = query.run(cursor, "iati_partners", PUBLIC, country=country)
        for partner in partners.iter_rows(named=True):
            _text_element(
                activity, "participating-org", f"{partner['name']} ({partner['acronym']})", role="4"
            )
    start, end = row["start_date"], row["end_date"]
    assert isinstance(start, date) and isinstance(end, date)
    status = "2" if end >= date.today() else "3"
    ET.SubElement(activity, "activity-status", {"code": status})
    ET.SubElement(activity, "activity-date", {"iso-date": start.isoformat(), "type": "2"})
    end_type = "3" if end >= date.today() else "4"
    ET.SubElement(activity, "activity-date", {"iso-date": end.isoformat(), "type": end_type})
    if region:
        ET.SubElement(
            activity, "recipient-region", {"code": region, "vocabulary": "1", "percentage": "100"}
        )
    elif country:
        ET.SubElement(activity, "recipient-country", {"code": str(country), "percentage": "100"})
    for code, share in SECTORS:
        ET.SubElement(activity, "sector", {"vocabulary": "1", "code": code, "percentage": share})
    theme = str(row["canonical_theme"] or "")
    for target in SDG_TARGETS.get(theme, ("8.8",)):
        ET.SubElement(activity, "tag", {"vocabulary": "3", "code": target})
    for marker in POLICY_MARKERS.get(theme, ()):
        ET.SubElement(
            activity, "policy-marker", {"vocabulary": "1", "code": marker, "significance": "1"}
        )
    if country:
        _budgets(cursor, activity, str(row["programme_code"]), str(country))
    for parent, kind in (
        (row["programme_iati_identifier"], "1"),
        (row["lead_iati_identifier"], "1"),
    ):
        if parent:
            ET.SubElement(activity, "related-activity", {"ref": str(parent), "type": kind})
    _results(cursor, activity, str(row["objective_id"]))
    return activity


def _budgets(
    cursor: duckdb.DuckDBPyConnection, activity: ET.Element, programme: str, country: str
) -> None:
    lines = query.run(cursor, "iati_budgets", PUBLIC, programme=programme, country=country)
    for line in lines.filter(pl.col("kind") == "budget").iter_rows(named=True):
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "2"})
        year = int(line["year"])
        ET.SubElement(budget, "period-start", {"iso-date": f"{year}-01-01"})
        ET.SubElement(budget, "period-end", {"iso-date": f"{year}-12-31"})
        value = ET.SubElement(budget, "value", {"currency": "EUR", "value-date": f"{year}-01-01"})
        value.text = f"{float(line['amount_eur']):.2f}"
    # Expenditure goes out as one transaction per year (type 4), dated at the year's end.
    for line in lines.filter(pl.col("kind") == "expenditure").iter_rows(named=True):
        year = int(line["year"])
        transaction = ET.SubElement(activity, "transaction")
        ET.SubElement(transaction, "transaction-type", {"code": "4"})
        ET.SubElement(transaction, "transaction-date", {"iso-date": f"{year}-12-31"})
        value = ET.SubElement(
            transaction, "value", {"currency": "EUR", "value-date": f"{year}-12-31"}
        )
        value.text = f"{float(line['amount_eur']):.2f}"


def _results(cursor: duckdb.DuckDBPyConnection, activity: ET.Element, objective: str) -> None:
    values = query.run(cursor, "programme_indicators", PUBLIC, programme=None, objective=objective)
    if values.is_empty():
        return
    result = ET.SubElement(activity, "result", {"type": "2", "aggregation-status": "0"})
    _text_element(result, "title", "Specific objective " + objective)
    for (indicator_id,), part in values.group_by("indicator_id", maintain_order=True):
        first = part.row(0, named=True)
        qualitative = first["measure_type"] == "qualitative"
        indicator = ET.SubElement(
            result,
            "indicator",
            {
                "measure": MEASURES[first["measure_type"]],
                "ascending": "0" if first["direction"] == "descending" else "1",
            },
        )
        _text_element(indicator, "title", str(first["name"]))
        if first["baseline_year"] is not None:
            attributes = {"year": str(first["baseline_year"])}
            if not qualitative and first["baseline_value"] is not None:
                attributes["value"] = f"{float(first['baseline_value']):g}"
            baseline = ET.SubElement(indicator, "baseline", attributes)
            if first["baseline_comment"]:
                _text_element(baseline, "comment", str(first["baseline_comment"]))
        for (year,), yearly in part.filter(pl.col("year").is_not_null()).group_by(
            "year", maintain_order=True
        ):
            period = ET.SubElement(indicator, "period")
            ET.SubElement(period, "period-start", {"iso-date": f"{year}-01-01"})
            ET.SubElement(period, "period-end", {"iso-date": f"{year}-12-31"})
            for kind in ("target", "actual"):
                for value in yearly.filter(pl.col("kind") == kind).iter_rows(named=True):
                    attributes = (
                        {}
                        if qualitative or value["value"] is None
                        else {"value": f"{float(value['value']):g}"}
                    )
                    element = ET.SubElement(period, kind, attributes)
                    if value["comment"]:
                        _text_element(element, "comment", str(value["comment"]))
        del indicator_id
