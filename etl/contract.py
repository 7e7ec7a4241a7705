"""The data contract: every intake sheet, column, type, code list, key, reference and rule, once.

Validation, the warehouse staging tables, the docs and (later) the intake template are all derived
from this module. One sheet (or CSV/Parquet file named after it) per entity; many-to-many links in
sheets of their own. Identifiers and column names here are trusted constants: SQL built from them
never contains user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from atlas.i18n import N_
from warehouse.codes import CODE_LISTS

ColumnType = Literal[
    "text", "integer", "decimal", "date", "boolean", "code", "country", "reference"
]

DUCKDB_TYPES: dict[ColumnType, str] = {
    "text": "varchar",
    "integer": "bigint",
    "decimal": "decimal(18, 2)",
    "date": "date",
    "boolean": "boolean",
    "code": "varchar",
    "country": "varchar",
    "reference": "varchar",
}

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    required: bool = False
    codes: str | None = None  # code list, for type "code"
    references: str | None = None  # target sheet (single-column key), for type "reference"
    minimum: float | None = None
    default: str | None = None  # used when the cell is empty
    example: str = ""

    @property
    def sql_type(self) -> str:
        return DUCKDB_TYPES[self.type]


@dataclass(frozen=True)
class Reference:
    """Columns of one sheet that must match the key of another (checked after all sheets load)."""

    columns: tuple[str, ...]
    sheet: str
    target_columns: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """A row-level rule, as a SQL boolean over the sheet's own columns (NULL counts as passing)."""

    expression: str
    column: str  # the column an error message points at
    message: str


@dataclass(frozen=True)
class Sheet:
    name: str
    description: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    rules: tuple[Rule, ...] = ()
    composite_references: tuple[Reference, ...] = ()
    id_pattern: str = ""  # documentation only: a suggested identifier shape

    @property
    def staging_table(self) -> str:
        return f"stg_{self.name}"

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name}")

    @property
    def references(self) -> tuple[Reference, ...]:
        single = tuple(
            Reference((c.name,), c.references, SHEETS_BY_NAME_KEYS[c.references])
            for c in self.columns
            if c.references
        )
        return single + self.composite_references


# Columns every record sheet carries: honesty about where a value comes from.
def _provenance(visibility: bool = True) -> tuple[Column, ...]:
    columns = [
        Column("source", "text", N_("Where this record comes from (document, page, or person).")),
        Column(
            "estimated",
            "text",
            N_("Comma-separated names of this row's columns whose values are estimates."),
        ),
        Column(
            "is_illustrative",
            "boolean",
            N_("TRUE for made-up records that only illustrate the tool; never reported."),
            default="false",
        ),
    ]
    if visibility:
        columns.insert(
            0,
            Column(
                "visibility",
                "code",
                N_("Who may see the record: internal, network or public."),
                codes="visibility",
                default="internal",
            ),
        )
    return tuple(columns)


PROGRAMME_CODE = Column(
    "programme_code", "reference", N_("Programme."), required=True, references="programmes"
)


def _count(name: str, description: str, required: bool = False) -> Column:
    return Column(name, "integer", description, required=required, minimum=0)


PROGRAMMES = Sheet(
    "programmes",
    N_("Programmes: the five-year cycles co-funded by the Belgian development cooperation."),
    key=("programme_code",),
    id_pattern="2017-2021",
    columns=(
        Column("programme_code", "text", N_("Programme code."), required=True, example="2017-2021"),
        Column("name", "text", N_("Programme name."), required=True),
        Column("start_date", "date", N_("First day of the programme."), required=True),
        Column("end_date", "date", N_("Last day of the programme."), required=True),
        Column("funder", "text", N_("Main funder."), example="DGD"),
        Column(
            "lead_org_code",
            "reference",
            N_("Organisation leading the wider programme this one is part of."),
            references="organisations",
        ),
        Column("iati_identifier", "text", N_("The programme's IATI activity identifier.")),
        Column("lead_iati_identifier", "text", N_("IATI identifier of the lead's programme.")),
        Column("description", "text", N_("What the programme set out to do.")),
        *_provenance(visibility=False),
    ),
    rules=(Rule("end_date >= start_date", "end_date", N_("the programme ends before it starts")),),
)

PROGRAMME_THEMES = Sheet(
    "programme_themes",
    N_("The themes each programme used, mapped to the five common themes where a mapping exists."),
    key=("programme_code", "theme_code"),
    columns=(
        PROGRAMME_CODE,
        Column("theme_code", "text", N_("Theme code as that programme used it."), required=True),
        Column("name", "text", N_("Theme name as that programme used it."), required=True),
        Column(
            "canonical_theme",
            "code",
            N_("The common theme it maps to; empty when no mapping exists."),
            codes="canonical_theme",
        ),
        *_provenance(visibility=False),
    ),
)

TARGET_GROUPS = Sheet(
    "target_groups",
    N_("The target groups each programme used."),
    key=("programme_code", "target_group_code"),
    columns=(
        PROGRAMME_CODE,
        Column("target_group_code", "text", N_("Target group code."), required=True),
        Column("name", "text", N_("Target group name."), required=True),
        *_provenance(visibility=False),
    ),
)

ORGANISATIONS = Sheet(
    "organisations",
    N_("Organisations: partner unions, the Belgian institute, the lead organisation, experts."),
    key=("org_code",),
    id_pattern="CDT-MA",
    columns=(
        Column(
            "org_code",
            "text",
            N_("Unique code; acronyms are not unique (CDT is Moroccan and Colombian)."),
            required=True,
            example="CDT-MA",
        ),
        Column("acronym", "text", N_("Acronym."), required=True, example="CDT"),
        Column("name", "text", N_("Full name."), required=True),
        Column(
            "country_code",
            "country",
            N_("Country; empty when unknown (IATI files seldom give an organisation's country)."),
        ),
        Column("org_type", "code", N_("Type."), required=True, codes="organisation_type"),
        Column(
            "role", "code", N_("Role in the programmes."), required=True, codes="organisation_role"
        ),
        *_provenance(visibility=False),
    ),
)

COUNTRY_RISK = Sheet(
    "country_risk",
    N_("Countries where organising is dangerous: records there need extra care."),
    key=("country_code",),
    columns=(
        Column("country_code", "country", N_("Country."), required=True),
        Column(
            "high_risk", "boolean", N_("TRUE where union activists are at risk."), required=True
        ),
        Column("basis", "text", N_("Why: the rating or report this flag rests on.")),
        *_provenance(visibility=False),
    ),
)

SPECIFIC_OBJECTIVES = Sheet(
    "specific_objectives",
    N_("Specific objectives (outcomes in DGD's sense), per country or theme."),
    key=("objective_id",),
    id_pattern="SO-2022-NE",
    columns=(
        Column("objective_id", "text", N_("Identifier."), required=True, example="SO-2022-NE"),
        PROGRAMME_CODE,
        Column("title", "text", N_("Title."), required=True),
        Column("country_code", "country", N_("Country, when the objective is per country.")),
        Column("theme_code", "text", N_("Theme code, when the objective is per theme.")),
        Column("iati_identifier", "text", N_("IATI identifier of the objective.")),
        *_provenance(),
    ),
    composite_references=(
        Reference(
            ("programme_code", "theme_code"), "programme_themes", ("programme_code", "theme_code")
        ),
    ),
)

EXCHANGES = Sheet(
    "exchanges",
    N_("Exchanges: visits, seminars, expert missions and joint actions."),
    key=("exchange_id",),
    id_pattern="EX-2014-003",
    columns=(
        Column("exchange_id", "text", N_("Identifier."), required=True, example="EX-2014-003"),
        PROGRAMME_CODE,
        Column("modality", "code", N_("Kind of exchange."), required=True, codes="modality"),
        Column("title", "text", N_("Title."), required=True),
        Column("theme_code", "text", N_("Main theme, as the programme coded it."), required=True),
        Column("start_date", "date", N_("First day."), required=True),
        Column("end_date", "date", N_("Last day."), required=True),
        Column(
            "host_org_code",
            "reference",
            N_("Host organisation."),
            required=True,
            references="organisations",
        ),
        Column("demand", "text", N_("The well-defined demand the exchange answers.")),
        Column("initiated_by", "code", N_("Who asked for the exchange."), codes="initiator"),
        Column("cost_eur", "decimal", N_("Cost in euro."), minimum=0),
        *_provenance(),
    ),
    rules=(Rule("end_date >= start_date", "end_date", N_("the exchange ends before it starts")),),
    composite_references=(
        Reference(
            ("programme_code", "theme_code"), "programme_themes", ("programme_code", "theme_code")
        ),
    ),
)

EXCHANGE_PARTICIPANTS = Sheet(
    "exchange_participants",
    N_("Organisations taking part in each exchange, with counts of participations (not persons)."),
    key=("exchange_id", "org_code"),
    columns=(
        Column("exchange_id", "reference", N_("Exchange."), required=True, references="exchanges"),
        Column(
            "org_code", "reference", N_("Organisation."), required=True, references="organisations"
        ),
        Column(
            "role", "code", N_("Role in the exchange."), required=True, codes="participant_role"
        ),
        _count("participations", N_("Participations: the same person twice counts twice."), True),
        _count("women", N_("Participations by women.")),
        _count("youth", N_("Participations by young workers.")),
        _count("political_leaders", N_("Participations by political leaders.")),
        _count("staff", N_("Participations by staff.")),
        _count("militants", N_("Participations by militants.")),
        _count("persons", N_("Distinct persons, where known.")),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
    rules=(
        Rule("women <= participations", "women", N_("more women than participations")),
        Rule("youth <= participations", "youth", N_("more youth than participations")),
        Rule(
            "coalesce(political_leaders, 0) + coalesce(staff, 0) + coalesce(militants, 0)"
            " <= participations",
            "political_leaders",
            N_("leaders, staff and militants add up to more than the participations"),
        ),
        Rule("persons <= participations", "persons", N_("more persons than participations")),
    ),
)

INNOVATION_PLANS = Sheet(
    "innovation_plans",
    N_("Innovation plans: what an organisation commits to do with what it learned."),
    key=("plan_id",),
    id_pattern="IP-2015-002",
    columns=(
        Column("plan_id", "text", N_("Identifier."), required=True, example="IP-2015-002"),
        PROGRAMME_CODE,
        Column(
            "org_code",
            "reference",
            N_("Organisation that owns the plan."),
            required=True,
            references="organisations",
        ),
        Column("theme_code", "text", N_("Theme, as the programme coded it."), required=True),
        Column("title", "text", N_("Title."), required=True),
        *_provenance(),
    ),
    composite_references=(
        Reference(
            ("programme_code", "theme_code"), "programme_themes", ("programme_code", "theme_code")
        ),
    ),
)

PLAN_STATUS_CHANGES = Sheet(
    "plan_status_changes",
    N_("Each status a plan reached, with the date it changed."),
    key=("plan_id", "status"),
    columns=(
        Column(
            "plan_id",
            "reference",
            N_("Innovation plan."),
            required=True,
            references="innovation_plans",
        ),
        Column("status", "code", N_("Status reached."), required=True, codes="plan_status"),
        Column("changed_on", "date", N_("Date of the change."), required=True),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

PLAN_EXCHANGES = Sheet(
    "plan_exchanges",
    N_("The exchanges each innovation plan came from."),
    key=("plan_id", "exchange_id"),
    columns=(
        Column(
            "plan_id",
            "reference",
            N_("Innovation plan."),
            required=True,
            references="innovation_plans",
        ),
        Column("exchange_id", "reference", N_("Exchange."), required=True, references="exchanges"),
    ),
)

OUTCOMES = Sheet(
    "outcomes",
    N_("Outcomes, harvested: a change in a social actor to which the programme contributed."),
    key=("outcome_id",),
    id_pattern="OC-2016-004",
    columns=(
        Column("outcome_id", "text", N_("Identifier."), required=True, example="OC-2016-004"),
        PROGRAMME_CODE,
        Column("social_actor", "text", N_("The social actor who changed."), required=True),
        Column("theme_code", "text", N_("Theme, as the programme coded it."), required=True),
        Column("level", "code", N_("Level of the change."), required=True, codes="outcome_level"),
        Column("outcome_type", "code", N_("Type of change."), required=True, codes="outcome_type"),
        Column("observed_on", "date", N_("When the change was observed."), required=True),
        Column("description", "text", N_("What changed, who, when and where."), required=True),
        Column("significance", "text", N_("Why the change matters.")),
        Column("contribution", "text", N_("How the programme contributed.")),
        Column("other_actors", "text", N_("The role of other actors.")),
        Column("is_positive", "boolean", N_("FALSE for a negative change."), default="true"),
        Column("is_intended", "boolean", N_("FALSE for an unintended change."), default="true"),
        Column(
            "substantiation_status",
            "code",
            N_("Substantiation status."),
            codes="substantiation_status",
            default="not_substantiated",
        ),
        Column("substantiator_role", "text", N_("Role of the person who substantiated it.")),
        Column("substantiation_sources", "text", N_("Sources consulted to substantiate it.")),
        Column("evidence_documents", "text", N_("Evidence documents.")),
        Column("harvested_by", "text", N_("Who harvested the outcome (a role, not a name).")),
        Column("harvested_on", "date", N_("When it was harvested.")),
        Column("language", "code", N_("Language of the texts."), codes="language", default="en"),
        Column("public_description", "text", N_("Wording safe to publish.")),
        *_provenance(),
    ),
    composite_references=(
        Reference(
            ("programme_code", "theme_code"), "programme_themes", ("programme_code", "theme_code")
        ),
    ),
)

OUTCOME_CHANGE_AGENTS = Sheet(
    "outcome_change_agents",
    N_("The organisations that claim each outcome; an outcome with several is counted once."),
    key=("outcome_id", "org_code"),
    columns=(
        Column("outcome_id", "reference", N_("Outcome."), required=True, references="outcomes"),
        Column(
            "org_code", "reference", N_("Organisation."), required=True, references="organisations"
        ),
    ),
)

OUTCOME_EXCHANGES = Sheet(
    "outcome_exchanges",
    N_("Exchanges that contributed to each outcome."),
    key=("outcome_id", "exchange_id"),
    columns=(
        Column("outcome_id", "reference", N_("Outcome."), required=True, references="outcomes"),
        Column("exchange_id", "reference", N_("Exchange."), required=True, references="exchanges"),
    ),
)

OUTCOME_PLANS = Sheet(
    "outcome_plans",
    N_("Innovation plans that contributed to each outcome."),
    key=("outcome_id", "plan_id"),
    columns=(
        Column("outcome_id", "reference", N_("Outcome."), required=True, references="outcomes"),
        Column(
            "plan_id",
            "reference",
            N_("Innovation plan."),
            required=True,
            references="innovation_plans",
        ),
    ),
)

OBJECTIVE_COUNTRIES = Sheet(
    "objective_countries",
    N_("The countries a specific objective works in, with their shares (IATI recipients)."),
    key=("objective_id", "country_code"),
    columns=(
        Column(
            "objective_id",
            "reference",
            N_("Specific objective."),
            required=True,
            references="specific_objectives",
        ),
        Column("country_code", "country", N_("Country."), required=True),
        Column("percentage", "decimal", N_("Share of the objective in this country."), minimum=0),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

RESULTS = Sheet(
    "results",
    N_("Results of a results framework (outputs, outcomes, impacts), which indicators measure."),
    key=("result_id",),
    id_pattern="RES-2022-01",
    columns=(
        Column("result_id", "text", N_("Identifier."), required=True, example="RES-2022-01"),
        PROGRAMME_CODE,
        Column(
            "objective_id",
            "reference",
            N_("Specific objective it belongs to."),
            references="specific_objectives",
        ),
        Column("title", "text", N_("Title."), required=True),
        Column("result_type", "code", N_("Type of result."), codes="result_type"),
        Column("description", "text", N_("What the result is.")),
        *_provenance(),
    ),
)

OUTCOME_TRANSLATIONS = Sheet(
    "outcome_translations",
    N_(
        "Translations of outcome statements, beside the original (kept in its own language), "
        "with who translated them."
    ),
    key=("outcome_id", "language"),
    columns=(
        Column("outcome_id", "reference", N_("Outcome."), required=True, references="outcomes"),
        Column(
            "language", "code", N_("Language of the translation."), required=True, codes="language"
        ),
        Column("description", "text", N_("What changed, translated."), required=True),
        Column("significance", "text", N_("Why the change matters, translated.")),
        Column("contribution", "text", N_("How the programme contributed, translated.")),
        Column(
            "translated_by", "text", N_("Who translated it (a role or a service)."), required=True
        ),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

OUTCOME_REVIEWS = Sheet(
    "outcome_reviews",
    N_(
        "What each change agent said about the outcome statements naming it: confirmed, "
        "corrected or disputed. Partners enter them in the app, which publishes them here."
    ),
    key=("outcome_id", "org_code"),
    columns=(
        Column("outcome_id", "reference", N_("Outcome."), required=True, references="outcomes"),
        Column(
            "org_code",
            "reference",
            N_("The change agent reviewing it."),
            required=True,
            references="organisations",
        ),
        Column("verdict", "code", N_("Verdict."), required=True, codes="review_verdict"),
        Column("comment", "text", N_("The change agent's comment or correction.")),
        Column("reviewed_on", "date", N_("When."), required=True),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

INDICATORS = Sheet(
    "indicators",
    N_("Indicators of each programme's results framework."),
    key=("indicator_id",),
    id_pattern="IND-2022-01",
    columns=(
        Column("indicator_id", "text", N_("Identifier."), required=True, example="IND-2022-01"),
        PROGRAMME_CODE,
        Column(
            "objective_id",
            "reference",
            N_("Specific objective it measures."),
            references="specific_objectives",
        ),
        Column("result_id", "reference", N_("Result it measures."), references="results"),
        Column("name", "text", N_("What is measured."), required=True),
        Column("measure_type", "code", N_("Measure type."), required=True, codes="measure_type"),
        Column("direction", "code", N_("Direction."), codes="direction", default="ascending"),
        Column(
            "aggregation", "code", N_("How years aggregate."), codes="aggregation", default="latest"
        ),
        Column("unit", "text", N_("Unit of the values.")),
        Column("baseline_year", "integer", N_("Year of the baseline."), minimum=1990),
        Column("baseline_value", "decimal", N_("Baseline value (empty for qualitative).")),
        Column("baseline_comment", "text", N_("Baseline text or comment.")),
        *_provenance(),
    ),
)

INDICATOR_VALUES = Sheet(
    "indicator_values",
    N_("Targets and actuals of each indicator per year, each with its comment."),
    key=("indicator_id", "year", "kind"),
    columns=(
        Column(
            "indicator_id", "reference", N_("Indicator."), required=True, references="indicators"
        ),
        Column("year", "integer", N_("Year."), required=True, minimum=1990),
        Column("kind", "code", N_("Target or actual."), required=True, codes="value_kind"),
        Column(
            "period_start",
            "date",
            N_("First day of the period, when it is not the calendar year (IATI periods)."),
        ),
        Column("period_end", "date", N_("Last day of the period, likewise.")),
        Column("value", "decimal", N_("Value (empty for qualitative indicators).")),
        Column(
            "comment", "text", N_("Narrative comment, or the value of a qualitative indicator.")
        ),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

BUDGETS = Sheet(
    "budgets",
    N_("Budget and expenditure per programme, year and country."),
    key=("budget_line_id",),
    id_pattern="BL-2022-NE-B",
    columns=(
        Column("budget_line_id", "text", N_("Identifier."), required=True, example="BL-2022-NE-B"),
        PROGRAMME_CODE,
        Column("year", "integer", N_("Year."), required=True, minimum=1990),
        Column("country_code", "country", N_("Country; empty for costs not tied to one.")),
        Column("kind", "code", N_("Budget or expenditure."), required=True, codes="budget_kind"),
        Column("amount_eur", "decimal", N_("Amount in euro."), required=True, minimum=0),
        *_provenance(),
    ),
)

OBJECTIVE_SCORES = Sheet(
    "objective_scores",
    N_(
        "DGD's yearly performance scores of each specific objective, per criterion, with their "
        "justification. Staff enter them in the app, which publishes them here."
    ),
    key=("objective_id", "year", "criterion"),
    columns=(
        Column(
            "objective_id",
            "reference",
            N_("Specific objective."),
            required=True,
            references="specific_objectives",
        ),
        Column("year", "integer", N_("Year reported on."), required=True, minimum=1990),
        Column("criterion", "code", N_("Criterion."), required=True, codes="dac_criterion"),
        Column("score", "code", N_("Score."), required=True, codes="performance_score"),
        Column("justification", "text", N_("Why this score."), required=True),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

OBJECTIVE_LESSONS = Sheet(
    "objective_lessons",
    N_(
        "Lessons learned per specific objective and year, and the management response to "
        "evaluations. Staff enter them in the app, which publishes them here."
    ),
    key=("objective_id", "year", "kind"),
    columns=(
        Column(
            "objective_id",
            "reference",
            N_("Specific objective."),
            required=True,
            references="specific_objectives",
        ),
        Column("year", "integer", N_("Year reported on."), required=True, minimum=1990),
        Column(
            "kind", "code", N_("Lesson or management response."), required=True, codes="lesson_kind"
        ),
        Column("evaluation", "text", N_("The evaluation a management response answers.")),
        Column("text", "text", N_("The lesson, or the response."), required=True),
        Column("source", "text", N_("Where this record comes from.")),
        Column("estimated", "text", N_("Comma-separated names of estimated columns.")),
    ),
)

# Load order: a sheet comes after the sheets it references.
SHEETS: tuple[Sheet, ...] = (
    ORGANISATIONS,
    PROGRAMMES,
    PROGRAMME_THEMES,
    TARGET_GROUPS,
    COUNTRY_RISK,
    SPECIFIC_OBJECTIVES,
    EXCHANGES,
    EXCHANGE_PARTICIPANTS,
    INNOVATION_PLANS,
    PLAN_STATUS_CHANGES,
    PLAN_EXCHANGES,
    OUTCOMES,
    OUTCOME_CHANGE_AGENTS,
    OUTCOME_EXCHANGES,
    OUTCOME_PLANS,
    OUTCOME_TRANSLATIONS,
    OUTCOME_REVIEWS,
    OBJECTIVE_COUNTRIES,
    RESULTS,
    INDICATORS,
    INDICATOR_VALUES,
    BUDGETS,
    OBJECTIVE_SCORES,
    OBJECTIVE_LESSONS,
)
SHEETS_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
SHEETS_BY_NAME_KEYS: dict[str, tuple[str, ...]] = {s.name: s.key for s in SHEETS}


def code_values(list_name: str) -> tuple[str, ...]:
    return tuple(c.code for c in CODE_LISTS[list_name])


def _check_contract() -> None:
    """Fail at import if the contract contradicts itself: cheaper than finding out at load time."""
    for sheet in SHEETS:
        names = [c.name for c in sheet.columns]
        assert len(names) == len(set(names)), f"{sheet.name}: duplicate columns"
        assert _IDENTIFIER.fullmatch(sheet.name), sheet.name
        for column in sheet.columns:
            assert _IDENTIFIER.fullmatch(column.name), column.name
            assert (column.type == "code") == (column.codes is not None), column.name
            assert column.codes is None or column.codes in CODE_LISTS, column.codes
            assert (column.type == "reference") == (column.references is not None), column.name
            assert column.references is None or len(SHEETS_BY_NAME_KEYS[column.references]) == 1
        for key in sheet.key:
            assert sheet.column(key).required, f"{sheet.name}.{key}: key columns are required"
        for ref in sheet.references:
            assert ref.sheet in SHEETS_BY_NAME, ref.sheet
            assert SHEETS.index(SHEETS_BY_NAME[ref.sheet]) < SHEETS.index(sheet), (
                f"{sheet.name} references {ref.sheet}, which loads later"
            )


_check_contract()
