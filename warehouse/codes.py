"""The code lists of the stored data (themes, modalities, levels, …) and their labels.

The warehouse owns this vocabulary: the data contract validates against it, the loader writes it
to the `ref_code` table, and the dashboard shows its labels through `_()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from atlas.i18n import N_


@dataclass(frozen=True)
class Code:
    code: str
    label: str  # English; translated with _() where shown


def _codes(*pairs: tuple[str, str]) -> tuple[Code, ...]:
    return tuple(Code(code, label) for code, label in pairs)


CODE_LISTS: dict[str, tuple[Code, ...]] = {
    "canonical_theme": _codes(
        ("gender", N_("Gender")),
        ("informal_economy", N_("Informal economy")),
        ("domestic_work", N_("Domestic work")),
        ("trade_union_rights", N_("Trade union rights")),
        ("environment_climate", N_("Environment & climate change")),
    ),
    "modality": _codes(
        ("partner_visit", N_("Partner-to-partner visit")),
        ("continental_seminar", N_("Continental seminar")),
        ("international_seminar", N_("International seminar")),
        ("expert_mission", N_("Expert mission")),
        ("study_visit", N_("Study visit")),
        ("joint_action", N_("Joint action")),
    ),
    "participant_role": _codes(
        ("host", N_("Host")),
        ("visiting", N_("Visiting")),
        ("expert", N_("Expert")),
        ("facilitator", N_("Facilitator")),
    ),
    "initiator": _codes(
        ("partner", N_("A partner")),
        ("several_partners", N_("Several partners")),
        ("belgian_institute", N_("The Belgian institute")),
    ),
    "plan_status": _codes(
        ("draft", N_("Draft")),
        ("adopted", N_("Adopted")),
        ("in_progress", N_("In progress")),
        ("implemented", N_("Implemented")),
        ("abandoned", N_("Abandoned")),
    ),
    "outcome_level": _codes(
        ("service_delivery", N_("Service delivery")),
        ("policy", N_("Policy")),
        ("institutional", N_("Institutional")),
    ),
    "outcome_type": _codes(
        ("collective_agreement", N_("Collective agreement")),
        ("law_or_regulation", N_("Law or regulation")),
        ("government_agreement", N_("Agreement with public authorities")),
        ("public_body", N_("Public body or board")),
        ("tripartite_body", N_("Tripartite body")),
        ("labour_inspection", N_("Labour inspection")),
        ("campaign", N_("Campaign")),
        ("training_module", N_("Training module")),
        ("service", N_("Service")),
        ("organising", N_("Organising")),
        ("internal_policy", N_("Internal union policy")),
        ("other", N_("Other")),
    ),
    "substantiation_status": _codes(
        ("not_substantiated", N_("Not substantiated")),
        ("in_progress", N_("Substantiation in progress")),
        ("substantiated", N_("Substantiated")),
        ("partly_substantiated", N_("Partly substantiated")),
        ("disputed", N_("Disputed")),
    ),
    "visibility": _codes(
        ("internal", N_("Internal")),
        ("network", N_("Network")),
        ("public", N_("Public")),
    ),
    "measure_type": _codes(
        ("unit", N_("Unit")),
        ("percentage", N_("Percentage")),
        ("qualitative", N_("Qualitative")),
        ("ordinal", N_("Ordinal")),
    ),
    "direction": _codes(
        ("ascending", N_("Higher is better")),
        ("descending", N_("Lower is better")),
    ),
    "aggregation": _codes(
        ("sum", N_("Sum over years")),
        ("latest", N_("Latest value")),
        ("maximum", N_("Highest value")),
        ("mean", N_("Mean over years")),
    ),
    "value_kind": _codes(("target", N_("Target")), ("actual", N_("Actual"))),
    # DGD's yearly scoring of each specific objective, per OECD DAC criterion
    "dac_criterion": _codes(
        ("relevance", N_("Relevance")),
        ("coherence", N_("Coherence")),
        ("effectiveness", N_("Effectiveness")),
        ("efficiency", N_("Efficiency")),
        ("impact", N_("Impact (long-term effects)")),
        ("sustainability", N_("Sustainability")),
    ),
    "performance_score": _codes(
        ("a", N_("A: very good")),
        ("b", N_("B: good")),
        ("c", N_("C: problems to address")),
        ("d", N_("D: serious shortcomings")),
    ),
    "lesson_kind": _codes(
        ("lesson_learned", N_("Lesson learned")),
        ("management_response", N_("Management response to an evaluation")),
    ),
    # A change agent's review of what an outcome statement says about it (Outcome Harvesting)
    "review_verdict": _codes(
        ("confirmed", N_("Confirmed")),
        ("corrected", N_("Confirmed with a correction")),
        ("disputed", N_("Disputed")),
    ),
    # IATI ResultType 1, 2, 3 and 9
    "result_type": _codes(
        ("output", N_("Output")),
        ("outcome", N_("Outcome")),
        ("impact", N_("Impact")),
        ("other", N_("Other")),
    ),
    "budget_kind": _codes(("budget", N_("Budget")), ("expenditure", N_("Expenditure"))),
    "organisation_type": _codes(
        ("confederation", N_("Trade union confederation")),
        ("union", N_("Trade union")),
        ("movement", N_("Social movement")),
        ("institute", N_("Training institute")),
        ("ngo", N_("NGO")),
        ("government", N_("Government body")),
        ("other", N_("Other")),
    ),
    "organisation_role": _codes(
        ("partner", N_("Partner")),
        ("belgian_institute", N_("Belgian institute")),
        ("lead_organisation", N_("Lead organisation")),
        ("expert", N_("Expert")),
        ("other", N_("Other")),
    ),
    # UN M49 regions, the Americas split as M49 does (see warehouse/reference/build_countries.py)
    "region": _codes(
        ("africa", N_("Africa")),
        ("asia", N_("Asia")),
        ("latin_america_caribbean", N_("Latin America and the Caribbean")),
        ("europe", N_("Europe")),
        ("northern_america", N_("Northern America")),
        ("oceania", N_("Oceania")),
        ("antarctica", N_("Antarctica")),
    ),
    "language": _codes(
        ("en", N_("English")),
        ("fr", N_("French")),
        ("nl", N_("Dutch")),
        ("es", N_("Spanish")),
        ("pt", N_("Portuguese")),
        ("id", N_("Indonesian")),
    ),
}


@cache
def _labels(list_name: str) -> dict[str, str]:
    return {c.code: c.label for c in CODE_LISTS[list_name]}


def label_of(list_name: str, code: str) -> str:
    """The English label (to pass through `_()`), or the code itself when it is not in the list."""
    return _labels(list_name).get(code, code)
