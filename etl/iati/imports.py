"""IATI activity files into the warehouse, through the loader, as one source per file.

A file becomes rows of the contract's sheets (organisations, programmes, specific objectives and
their countries, results, indicators and their values, budgets), which the loader casts,
validates and publishes like any intake file: one transaction, all or nothing, and the source
`iati:<file stem>` replaces its own records on the next import (an identical file changes
nothing). Real files are imperfect, so everything that can be read is imported and every element
left out is reported with its line and the reason; the import is refused only when nothing is
usable.

The mapping, per activity (its identifier is the record key; one without an identifier is keyed
by its position in the file and carries no IATI identifier):
- an activity whose parent (its `related-activity type="1"`, or the parent's `type="2"` naming
  it) is another activity of the file becomes a specific objective of that parent's programme;
- a parent of activities in the file becomes a programme, its own results at programme level;
- any other activity becomes a programme plus one specific objective carrying its results (the
  shape `atlas export-iati` writes: an external parent becomes the programme's IATI identifier).
Recipient countries (from the transactions when the activity names none) go to
`objective_countries`, and to the objective's `country_code` when there is exactly one. Results
go to `results`, indicators to `indicators`, and each period's target and actual to
`indicator_values`, keyed by the year the period starts (the warehouse keeps one period per
indicator and year). Participating and reporting organisations with an identifier go to
`organisations`, without a country (IATI seldom gives one) and never over an organisation another
source carries. Only euro budgets are imported: no exchange rate is invented. Records are public
(they were published to IATI); an `[ILLUSTRATIVE] ` title marks an illustrative record.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from etl import countries
from etl.contract import SHEETS_BY_NAME, code_values
from etl.errors import Problem
from etl.iati.safe_xml import XML_LANG, Node, UnsafeXMLError, parse
from etl.load import LoadReport, Progress, load_sources
from etl.read import RawSheet
from etl.sources import Source
from etl.staging import COUNTRIES_CSV

SHEETS = (
    "organisations",
    "programmes",
    "specific_objectives",
    "objective_countries",
    "results",
    "indicators",
    "indicator_values",
    "budgets",
)
VERSIONS = ("2.01", "2.02", "2.03")
ILLUSTRATIVE = "[ILLUSTRATIVE] "  # what `atlas export-iati` puts before such titles
# IATI OrganisationType to ours; anything else is "other".
ORG_TYPES = {
    "10": "government",
    "11": "government",
    "15": "government",
    "21": "ngo",
    "22": "ngo",
    "23": "ngo",
    "24": "ngo",
    "80": "institute",
}
# IATI IndicatorMeasure (2.0x codes and 1.0x words). Nominal is a quantitative scale: units.
MEASURES = {
    "1": "unit",
    "2": "percentage",
    "3": "unit",
    "4": "ordinal",
    "5": "qualitative",
    "unit": "unit",
    "percentage": "percentage",
    "nominal": "unit",
    "ordinal": "ordinal",
    "qualitative": "qualitative",
}
RESULT_TYPES = {
    "1": "output",
    "2": "outcome",
    "3": "impact",
    "9": "other",
    "output": "output",
    "outcome": "outcome",
    "impact": "impact",
    "other": "other",
}
# Money coming in: its recipient country is the funder's side, not where the work happens.
INCOMING_TRANSACTIONS = {"1", "11", "13"}
# Elements read into the warehouse; the others are counted as not imported.
READ = {
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-date",
    "recipient-country",
    "budget",
    "related-activity",
    "result",
}
PLACEHOLDER_REFS = {"n/a", "na", "none", "null", "-", "0"}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")  # as `etl.cast` reads decimals
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ACRONYM = re.compile(r"(.+?)\s*\(([^()\s]{1,15})\)\s*")  # "Name (ACR)", as the export writes
MAX_AMOUNT = 1e15  # decimal(18, 2) holds less than 1e16
FIRST_YEAR = 1990  # the contract's minimum year

Row = dict[str, str | int | None]  # text cells, and `_row`: the line they come from


class ImportRefusedError(Exception):
    """Nothing of the file is usable; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Skipped:
    """An element (or part of one) left out or changed, where it is, and why."""

    file: str
    line: int
    activity: str  # its iati-identifier, empty for the file as a whole
    path: str  # the element's path inside the activity, e.g. result[2]/indicator[1]/baseline
    message: str

    def __str__(self) -> str:
        where = " ".join(part for part in (self.activity, self.path) if part)
        return f"{self.file}:{self.line}: {where + ': ' if where else ''}{self.message}"


@dataclass
class Conversion:
    """A file's rows per contract sheet (text cells, `_row` = the line they come from)."""

    path: Path
    source_id: str
    digest: str
    rows: dict[str, list[Row]] = field(default_factory=lambda: {s: [] for s in SHEETS})
    warnings: list[Skipped] = field(default_factory=list)
    not_imported: Counter[str] = field(default_factory=Counter)

    @property
    def counts(self) -> dict[str, int]:
        values = self.rows["indicator_values"]
        return {
            "activities": len(self.rows["programmes"])
            + len(self.rows["specific_objectives"])
            - _both(self.rows),
            "results": len(self.rows["results"]),
            "indicators": len(self.rows["indicators"]),
            "periods": len({(r["indicator_id"], r["year"]) for r in values}),
            "budgets": len(self.rows["budgets"]),
            "organisations": len(self.rows["organisations"]),
        }

    def raw_sheets(self) -> list[RawSheet]:
        sheets = []
        for name in SHEETS:
            contract = SHEETS_BY_NAME[name]
            schema = {c.name: pl.Utf8 for c in contract.columns} | {"_row": pl.Int32}
            frame = pl.DataFrame(self.rows[name], schema=schema)
            sheets.append(RawSheet(str(self.path), name, contract, frame))
        return sheets


def _both(rows: dict[str, list[Row]]) -> int:
    """Activities that made both a programme and its objective: counted once."""
    objectives = {r["objective_id"] for r in rows["specific_objectives"]}
    return sum(1 for r in rows["programmes"] if r["programme_code"] in objectives)


@cache
def _country_codes() -> frozenset[str]:
    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["country_code"] for row in csv.DictReader(handle))


def _date(value: str | None) -> date | None:
    text = (value or "").strip()[:10]
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _number(value: str | None) -> float | None:
    text = (value or "").strip()
    return float(text) if _NUMBER.fullmatch(text) else None


def _attr(node: Node, child: str, name: str) -> str | None:
    """An attribute of the first `child` element, if there is one."""
    found = node.find(child)
    return found.get(name) if found is not None else None


def _decimal_text(value: float) -> str:
    return f"{value:.10g}" if abs(value) < 1e10 else f"{value:.2f}"


@dataclass(frozen=True)
class _Budget:
    revised: bool  # IATI BudgetType 2, which replaces the original (1) of its year
    amount: float
    node: Node
    path: str


class _Activity:
    """One iati-activity being read: its texts in the record's language, and its warnings."""

    def __init__(self, reader: _Reader, node: Node, key: str, identifier: str | None) -> None:
        self.reader = reader
        self.node = node
        self.key = key
        self.identifier = identifier
        self.language = (node.get(XML_LANG) or reader.language).lower()
        self.source = f"IATI {reader.path.name}, {identifier or key}"
        title = self.text(node.find("title"))
        self.illustrative = bool(title and title.startswith(ILLUSTRATIVE))
        self.title = title.removeprefix(ILLUSTRATIVE) if title else None

    def warn(self, node: Node, path: str, message: str) -> None:
        self.reader.warnings.append(
            Skipped(self.reader.path.name, node.line, self.identifier or self.key, path, message)
        )

    def text(self, element: Node | None) -> str | None:
        """The element's narrative in the activity's language when it is one of the atlas's
        (the `language` code list), else in the first of those given, else the first there is.

        Upper-case language codes (`EN`) count as lower-case; IATI 1.0x files put the text in
        the element itself.
        """
        if element is None:
            return None
        narratives = element.findall("narrative")
        if not narratives:
            return element.text.strip() or None
        default = (element.get(XML_LANG) or self.language).lower()
        options = [
            ((n.get(XML_LANG) or default).lower(), n.text.strip())
            for n in narratives
            if n.text.strip()
        ]
        ours = code_values("language")
        for wanted in ([self.language] if self.language in ours else []) + list(ours):
            for language, text in options:
                if language == wanted:
                    return text
        return options[0][1] if options else None

    def common(self) -> Row:
        return {
            "source": self.source,
            "is_illustrative": "true" if self.illustrative else "false",
        }


class _Reader:
    """Reads one file's activities into rows."""

    def __init__(self, path: Path, root: Node, taken_orgs: frozenset[str]) -> None:
        self.path = path
        self.root = root
        self.taken_orgs = taken_orgs
        self.language = (root.get(XML_LANG) or "en").lower()
        self.warnings: list[Skipped] = []
        self.rows: dict[str, list[Row]] = {s: [] for s in SHEETS}
        self.not_imported: Counter[str] = Counter()
        self.organisations: dict[str, Row] = {}
        self.budget_lines: dict[tuple[str, str, str | None], str] = {}

    def file_warning(self, node: Node, message: str) -> None:
        self.warnings.append(Skipped(self.path.name, node.line, "", "", message))

    def read(self, source_id: str) -> None:
        version = self.root.get("version")
        if version is None:
            self.file_warning(self.root, "no version attribute: read as IATI 2.03")
        elif version.strip() not in VERSIONS:
            self.file_warning(self.root, f"version '{version}' is not 2.0x: read as IATI 2.03")
        activities = self._identify(self.root.findall("iati-activity"), source_id)
        keys = {a.key for a in activities}
        # A parent names its children (type 2) as often as a child its parent (type 1).
        named_children = {
            ref: a.key
            for a in activities
            for r in a.node.findall("related-activity")
            if r.get("type") == "2" and (ref := (r.get("ref") or "").strip()) in keys
        }
        parents = {a.key: self._parent(a, keys) or named_children.get(a.key) for a in activities}
        programme_of = {a.key: self._top(a.key, parents) for a in activities}
        with_children = {top for key, top in programme_of.items() if top != key}
        imported_programmes: set[str] = set()
        for activity in activities:  # programmes first: objectives need them
            if programme_of[activity.key] == activity.key and self._programme(
                activity, activity.key in with_children
            ):
                imported_programmes.add(activity.key)
        for activity in activities:
            programme = programme_of[activity.key]
            if programme not in imported_programmes:
                if programme != activity.key:
                    activity.warn(
                        activity.node, "", f"skipped: its parent {programme} was not imported"
                    )
                continue
            if activity.key in with_children:
                self._results(activity, programme, None)
                self._budgets(activity, programme, None)
            else:
                country = self._objective(activity, programme)
                self._results(activity, programme, activity.key)
                self._budgets(activity, programme, country)
            self.not_imported.update(c.tag for c in activity.node.children if c.tag not in READ)
        self.rows["organisations"] = list(self.organisations.values())

    def _identify(self, nodes: list[Node], source_id: str) -> list[_Activity]:
        """Activities with a key each; the second of two with one identifier is skipped."""
        seen: dict[str, int] = {}
        activities = []
        for position, node in enumerate(nodes, start=1):
            found = node.find("iati-identifier")
            identifier = found.text.strip() if found is not None else ""
            key = identifier or f"{source_id}#{position}"
            activity = _Activity(self, node, key, identifier or None)
            if key in seen:
                activity.warn(
                    node,
                    "",
                    f"skipped: the iati-identifier is given twice (first at line {seen[key]})",
                )
                continue
            if not identifier:
                activity.warn(
                    node,
                    "iati-identifier",
                    f"no iati-identifier: recorded as {key} (its position in the file), "
                    "without an IATI identifier",
                )
            seen[key] = node.line
            activities.append(activity)
        return activities

    @staticmethod
    def _parent(activity: _Activity, keys: set[str]) -> str | None:
        for related in activity.node.findall("related-activity"):
            ref = (related.get("ref") or "").strip()
            if related.get("type") == "1" and ref in keys and ref != activity.key:
                return ref
        return None

    @staticmethod
    def _top(key: str, parents: dict[str, str | None]) -> str:
        seen = {key}
        while (parent := parents[key]) is not None and parent not in seen:
            seen.add(parent)
            key = parent
        return key

    def _programme(self, activity: _Activity, has_children: bool) -> bool:
        node = activity.node
        start, end, estimated = self._dates(activity)
        if start is None or end is None:
            activity.warn(node, "activity-date", "skipped: the activity gives no date at all")
            return False
        if end < start:
            activity.warn(
                node, "activity-date", f"skipped: it ends ({end}) before it starts ({start})"
            )
            return False
        if activity.title is None:
            activity.warn(node, "title", f"no title: named {activity.key}")
        external_parent = next(
            (
                (r.get("ref") or "").strip()
                for r in node.findall("related-activity")
                if r.get("type") == "1" and (r.get("ref") or "").strip()
            ),
            None,
        )
        funders = [o for o in node.findall("participating-org") if o.get("role") == "1"]
        descriptions = node.findall("description")
        general = next((d for d in descriptions if d.get("type", "1") == "1"), None)
        self._organisations(activity)
        self.rows["programmes"].append(
            {
                "programme_code": activity.key,
                "name": activity.title or activity.key,
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "funder": activity.text(funders[0]) if funders else None,
                "lead_org_code": None,
                # A parent of activities here is the programme; else the parent named outside.
                "iati_identifier": activity.identifier if has_children else external_parent,
                "lead_iati_identifier": None,
                "description": activity.text(general),
                "estimated": ",".join(estimated) or None,
                "_row": node.line,
                **activity.common(),
            }
        )
        return True

    def _dates(self, activity: _Activity) -> tuple[date | None, date | None, list[str]]:
        """Start and end; a missing one is the activity's first or last date, marked estimated."""
        by_type: dict[str, date] = {}
        known: list[date] = []
        for element in activity.node.findall("activity-date"):
            value = _date(element.get("iso-date"))
            if value is None:
                activity.warn(
                    element, "activity-date", f"'{element.get('iso-date')}' is not a date: skipped"
                )
                continue
            by_type.setdefault(element.get("type") or "", value)
            known.append(value)
        start = by_type.get("2") or by_type.get("1")
        end = by_type.get("4") or by_type.get("3")
        estimated = []
        if start is None or end is None:
            for element in activity.node.iter():
                if element.tag in ("period-start", "period-end", "transaction-date"):
                    value = _date(element.get("iso-date"))
                    if value is not None:
                        known.append(value)
            if not known:
                return None, None, []
            if start is None:
                start = min(known)
                estimated.append("start_date")
                activity.warn(
                    activity.node,
                    "activity-date",
                    f"no start date: its earliest date ({start}) is used, marked estimated",
                )
            if end is None:
                end = max(known)
                estimated.append("end_date")
                activity.warn(
                    activity.node,
                    "activity-date",
                    f"no end date: its latest date ({end}) is used, marked estimated",
                )
        return start, end, estimated

    def _organisations(self, activity: _Activity) -> None:
        elements = [
            ("reporting-org", activity.node.findall("reporting-org")),
            ("participating-org", activity.node.findall("participating-org")),
        ]
        for tag, nodes in elements:
            for index, org in enumerate(nodes, start=1):
                path = f"{tag}[{index}]"
                ref = (org.get("ref") or "").strip()
                name = activity.text(org)
                if not ref or ref.lower() in PLACEHOLDER_REFS:
                    who = f"organisation '{name}'" if name else "an organisation"
                    why = f"its @ref '{ref}' is a placeholder" if ref else "no identifier (@ref)"
                    activity.warn(org, path, f"{who} skipped: {why}")
                    continue
                if ref in self.taken_orgs:
                    activity.warn(
                        org,
                        path,
                        f"organisation {ref} is already in the warehouse from another source: "
                        "kept as it is",
                    )
                    continue
                partner = tag == "participating-org" and org.get("role") == "4"
                known = self.organisations.get(ref)
                if known is not None:
                    if partner:  # an implementing role anywhere makes it a partner
                        known["role"] = "partner"
                    continue
                acronym, full_name = ref, name or ref
                if match := _ACRONYM.fullmatch(full_name):
                    full_name, acronym = match.group(1), match.group(2)
                elif len(full_name) <= 20:
                    acronym = full_name
                self.organisations[ref] = {
                    "org_code": ref,
                    "acronym": acronym,
                    "name": full_name,
                    "country_code": None,
                    "org_type": ORG_TYPES.get((org.get("type") or "").strip(), "other"),
                    "role": "partner" if partner else "other",
                    "source": activity.source,
                    "is_illustrative": "false",
                    "_row": org.line,
                }

    def _countries(self, activity: _Activity) -> tuple[list[tuple[str, str | None, Node]], bool]:
        """Recipient countries with their percentages; from the transactions when none is given
        for the activity (True then)."""
        found: list[tuple[str, str | None, Node]] = []
        given = activity.node.findall("recipient-country")
        derived = not given
        if derived:
            given = [
                country
                for transaction in activity.node.findall("transaction")
                if _attr(transaction, "transaction-type", "code") not in INCOMING_TRANSACTIONS
                for country in transaction.findall("recipient-country")
            ]
        seen: set[str] = set()
        for index, element in enumerate(given, start=1):
            path = "transaction/recipient-country" if derived else f"recipient-country[{index}]"
            code = (element.get("code") or "").strip().upper()
            if code not in _country_codes() or countries.resolve(code)[0] != code:
                activity.warn(element, path, f"unknown country code '{code}': skipped")
                continue
            if code in seen:
                if not derived:
                    activity.warn(element, path, f"country {code} given twice: the first is kept")
                continue
            seen.add(code)
            percentage = None
            if not derived and element.get("percentage") is not None:
                share = _number(element.get("percentage"))
                if share is None or share < 0:
                    activity.warn(
                        element,
                        path,
                        f"percentage '{element.get('percentage')}' is not a share: left empty",
                    )
                else:
                    percentage = _decimal_text(share)
            found.append((code, percentage, element))
        return found, derived

    def _objective(self, activity: _Activity, programme: str) -> str | None:
        """The activity's specific objective; returns its single country, if it has one."""
        node = activity.node
        found, derived = self._countries(activity)
        single = found[0][0] if len(found) == 1 else None
        if programme != activity.key:
            self._organisations(activity)
        self.rows["specific_objectives"].append(
            {
                "objective_id": activity.key,
                "programme_code": programme,
                "title": activity.title or activity.key,
                "country_code": single,
                "theme_code": None,
                "iati_identifier": activity.identifier,
                "visibility": "public",
                "estimated": None,
                "_row": node.line,
                **activity.common(),
            }
        )
        for code, percentage, element in found:
            self.rows["objective_countries"].append(
                {
                    "objective_id": activity.key,
                    "country_code": code,
                    "percentage": percentage,
                    "source": activity.source + (" (from its transactions)" if derived else ""),
                    "estimated": None,
                    "_row": element.line,
                }
            )
        return single

    def _results(self, activity: _Activity, programme: str, objective: str | None) -> None:
        for r_index, result in enumerate(activity.node.findall("result"), start=1):
            path = f"result[{r_index}]"
            result_id = f"{activity.key}/R{r_index}"
            title = activity.text(result.find("title"))
            if title is None:
                title = f"Result {r_index}"
                activity.warn(result, path, f"no title: recorded as '{title}'")
            kind = RESULT_TYPES.get((result.get("type") or "").strip().lower())
            if kind is None:
                activity.warn(
                    result, path, f"unknown result type '{result.get('type')}': left empty"
                )
            self.rows["results"].append(
                {
                    "result_id": result_id,
                    "programme_code": programme,
                    "objective_id": objective,
                    "title": title,
                    "result_type": kind,
                    "description": activity.text(result.find("description")),
                    "visibility": "public",
                    "estimated": None,
                    "_row": result.line,
                    **activity.common(),
                }
            )
            for i_index, indicator in enumerate(result.findall("indicator"), start=1):
                self._indicator(
                    activity,
                    indicator,
                    f"{path}/indicator[{i_index}]",
                    f"{result_id}/I{i_index}",
                    {"programme_code": programme, "objective_id": objective},
                    result_id,
                )

    def _indicator(
        self,
        activity: _Activity,
        indicator: Node,
        path: str,
        indicator_id: str,
        owner: Row,
        result_id: str,
    ) -> None:
        name = activity.text(indicator.find("title"))
        if name is None:
            activity.warn(indicator, path, "skipped: the indicator has no title")
            return
        measure_code = (indicator.get("measure") or "").strip().lower()
        measure = MEASURES.get(measure_code)
        if measure is None:
            measure = "qualitative"
            activity.warn(
                indicator,
                path,
                f"unknown measure '{indicator.get('measure') or ''}': read as qualitative, "
                "its values kept as text",
            )
        ascending = (indicator.get("ascending") or "1").strip().lower() not in ("0", "false")
        row: Row = {
            "indicator_id": indicator_id,
            **owner,
            "result_id": result_id,
            "name": name,
            "measure_type": measure,
            "direction": "ascending" if ascending else "descending",
            "aggregation": None,
            "unit": None,
            "baseline_year": None,
            "baseline_value": None,
            "baseline_comment": None,
            "visibility": "public",
            "estimated": None,
            "_row": indicator.line,
            **activity.common(),
        }
        baselines = indicator.findall("baseline")
        for extra in baselines[1:]:
            activity.warn(
                extra, f"{path}/baseline", "skipped: a second baseline (the first is kept)"
            )
        if baselines:
            baseline = baselines[0]
            year_text = (baseline.get("year") or "").strip()
            iso = _date(baseline.get("iso-date"))
            digits = year_text.isascii() and year_text.isdigit()
            year = int(year_text) if digits else (iso.year if iso else None)
            if year is not None and year < FIRST_YEAR:
                activity.warn(
                    baseline, f"{path}/baseline", f"baseline year {year} is before 1990: left out"
                )
                year = None
            value, comment = self._value(
                activity, baseline, f"{path}/baseline", measure, allow_range=False
            )
            row["baseline_year"] = str(year) if year is not None else None
            row["baseline_value"] = value
            row["baseline_comment"] = comment
        self.rows["indicators"].append(row)
        years: dict[int, int] = {}
        for p_index, period in enumerate(indicator.findall("period"), start=1):
            period_path = f"{path}/period[{p_index}]"
            start = _date(_attr(period, "period-start", "iso-date"))
            end = _date(_attr(period, "period-end", "iso-date"))
            if start is None:
                activity.warn(period, period_path, "skipped: the period has no start date")
                continue
            if start.year < FIRST_YEAR:
                activity.warn(period, period_path, "skipped: the period starts before 1990")
                continue
            if start.year in years:
                activity.warn(
                    period,
                    period_path,
                    f"skipped: another period of this indicator starts in {start.year} (line "
                    f"{years[start.year]}); the warehouse keeps one period per indicator and year",
                )
                continue
            kept = False
            for kind in ("target", "actual"):
                elements = period.findall(kind)
                for extra in elements[1:]:
                    activity.warn(
                        extra,
                        f"{period_path}/{kind}",
                        f"skipped: a second {kind} in one period (the first is kept)",
                    )
                if not elements:
                    continue
                value, comment = self._value(
                    activity, elements[0], f"{period_path}/{kind}", measure, allow_range=True
                )
                if value is None and comment is None:
                    activity.warn(
                        elements[0], f"{period_path}/{kind}", f"skipped: the {kind} is empty"
                    )
                    continue
                kept = True
                self.rows["indicator_values"].append(
                    {
                        "indicator_id": indicator_id,
                        "year": str(start.year),
                        "kind": kind,
                        "period_start": start.isoformat(),
                        "period_end": end.isoformat() if end else None,
                        "value": value,
                        "comment": comment,
                        "source": activity.source,
                        "estimated": None,
                        "_row": elements[0].line,
                    }
                )
            if kept:
                years[start.year] = period.line

    @staticmethod
    def _value(
        activity: _Activity, element: Node, path: str, measure: str, allow_range: bool
    ) -> tuple[str | None, str | None]:
        """A value and comment for the warehouse: what is not a number it can hold is text."""
        raw = (element.get("value") or "").strip()
        comment = activity.text(element.find("comment"))
        if not raw:
            return None, comment
        number = _number(raw)
        reason = None
        if number is None:
            reason = f"free-text value '{raw}'"
        elif measure == "qualitative":
            return None, "; ".join(t for t in (raw, comment) if t)
        elif abs(number) >= MAX_AMOUNT:
            reason = f"value {raw} is too large"
        elif allow_range and measure == "percentage" and not 0 <= number <= 100:
            reason = f"percentage {raw} is not between 0 and 100"
        if reason is None and number is not None:
            return _decimal_text(number), comment
        activity.warn(element, path, f"{reason}: kept as the comment, the value left empty")
        return None, "; ".join(t for t in (raw, comment) if t)

    def _budgets(self, activity: _Activity, programme: str, country: str | None) -> None:
        """Euro budgets per year the period starts in; a revised budget replaces the original."""
        default_currency = (activity.node.get("default-currency") or "").strip().upper()
        by_year: dict[int, list[_Budget]] = {}
        for index, budget in enumerate(activity.node.findall("budget"), start=1):
            path = f"budget[{index}]"
            start = _date(_attr(budget, "period-start", "iso-date"))
            value = budget.find("value")
            currency = (
                (value.get("currency") if value is not None else None) or default_currency
            ).upper()
            amount = _number(value.text if value is not None else None)
            if start is None or start.year < FIRST_YEAR:
                reason = "its period has no start date from 1990 on"
            elif not currency:
                reason = "no currency given"
            elif currency != "EUR":
                reason = f"in {currency}, not euro (no exchange rate is invented)"
            elif amount is None or not 0 <= amount < MAX_AMOUNT:
                reason = f"amount '{(value.text if value is not None else '').strip()}' unusable"
            else:
                reason = None
            if reason is not None:
                activity.warn(budget, path, f"skipped: {reason}")
                continue
            assert start is not None and amount is not None
            revised = (budget.get("type") or "1").strip() == "2"
            by_year.setdefault(start.year, []).append(_Budget(revised, amount, budget, path))
        for year, candidates in sorted(by_year.items()):
            lines = candidates
            if any(line.revised for line in candidates):
                for line in candidates:
                    if not line.revised:
                        activity.warn(
                            line.node,
                            line.path,
                            f"skipped: the revised budget for {year} replaces it",
                        )
                lines = [line for line in candidates if line.revised]
            first = lines[0]
            line_key = (programme, str(year), country)
            if line_key in self.budget_lines:
                activity.warn(
                    first.node,
                    first.path,
                    f"skipped: programme {programme} already has a {year} budget line "
                    f"{'for ' + country if country else 'without a country'} "
                    f"(from {self.budget_lines[line_key]})",
                )
                continue
            self.budget_lines[line_key] = activity.identifier or activity.key
            self.rows["budgets"].append(
                {
                    "budget_line_id": f"{activity.key}/B{year}",
                    "programme_code": programme,
                    "year": str(year),
                    "country_code": country,
                    "kind": "budget",
                    # budgets starting in the same year (quarters, months) add up to the year's
                    "amount_eur": _decimal_text(round(sum(line.amount for line in lines), 2)),
                    "visibility": "public",
                    "estimated": None,
                    "_row": first.node.line,
                    **activity.common(),
                }
            )


def convert(path: Path, data: bytes, taken_orgs: Iterable[str] = ()) -> Conversion:
    """The file's rows and warnings, or ImportRefusedError when nothing of it is usable.

    `taken_orgs`: organisation codes other sources carry, which the import leaves alone.
    """
    source_id = f"iati:{path.stem}"
    digest = hashlib.sha256(path.name.encode() + b"\0" + data).hexdigest()
    try:
        root = parse(data)
    except UnsafeXMLError as exc:
        raise ImportRefusedError([f"{path.name}:{exc.line}: {exc}"]) from None
    if root.tag != "iati-activities":
        raise ImportRefusedError(
            [
                f"{path.name}:{root.line}: not an IATI activity file (the root element is "
                f"<{root.tag}>, expected <iati-activities>)"
            ]
        )
    reader = _Reader(path, root, frozenset(taken_orgs))
    reader.read(source_id)
    warnings = sorted(reader.warnings, key=lambda w: w.line)  # in the file's order
    conversion = Conversion(path, source_id, digest, reader.rows, warnings, reader.not_imported)
    if not reader.rows["programmes"]:
        raise ImportRefusedError(
            [str(w) for w in reader.warnings]
            + [f"{path.name}:{root.line}: no usable iati-activity in the file"]
        )
    return conversion


def read_iati(path: Path, db_path: Path) -> Conversion:
    """Read `path` for an import into the warehouse at `db_path` (which may not exist yet)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefusedError([f"{path}: cannot be read: {exc.strerror}"]) from None
    return convert(path, data, _taken_orgs(db_path, f"iati:{path.stem}"))


def _taken_orgs(db_path: Path, source_id: str) -> list[str]:
    if not db_path.exists():
        return []
    with duckdb.connect(str(db_path), read_only=True) as connection:
        tables = {r[0] for r in connection.execute("show tables").fetchall()}
        if "stg_organisations" not in tables:
            return []
        rows = connection.execute(
            "select org_code from stg_organisations where _source <> $source",
            {"source": source_id},
        ).fetchall()
    return [r[0] for r in rows]


def _no_progress(step: str, fraction: float) -> None:
    return None


def load_conversion(
    conversion: Conversion,
    db_path: Path,
    loaded_by: str = "",
    progress: Progress = _no_progress,
) -> LoadReport:
    """Publish the conversion through the loader, as the source `iati:<file stem>`; raises
    LoadRefusedError (nothing written) when the loader refuses it."""
    source = Source(conversion.source_id, (conversion.path,), conversion.digest)
    sheets = conversion.raw_sheets()

    def reader(_path: Path) -> tuple[list[RawSheet], list[Problem]]:
        return sheets, []

    return load_sources([source], [], db_path, loaded_by, progress, reader=reader)
