-- The outcome groups (`agg_outcome_group`) a shared URL filter selects, words of the search
-- aside, as the CTE `selected_outcome_groups`: groups of outcomes alike in every filtered
-- attribute, so a filter selects whole groups. Empty lists and nulls select everything.
selected_outcome_groups as (
    select outcome_groups.*
    from agg_outcome_group as outcome_groups
    where (
            outcome_groups.visibility in $visible
            or list_contains(outcome_groups.owner_orgs, $viewer_org)
        )
        and (len($programmes) = 0 or outcome_groups.programme_code in $programmes)
        and ($year_from is null or outcome_groups.year >= $year_from)
        and ($year_to is null or outcome_groups.year <= $year_to)
        and (
            len($themes) = 0
            or outcome_groups.canonical_theme in $themes
            or outcome_groups.theme_code in $themes
        )
        and (len($levels) = 0 or outcome_groups.level in $levels)
        and (len($outcome_types) = 0 or outcome_groups.outcome_type in $outcome_types)
        and (
            len($substantiation) = 0
            or outcome_groups.substantiation_status in $substantiation
        )
        and ($positive is null or outcome_groups.is_positive = $positive)
        and ($intended is null or outcome_groups.is_intended = $intended)
        and ($illustrative is null or outcome_groups.is_illustrative = $illustrative)
        and (
            len($countries) = 0
            or list_has_any(outcome_groups.change_agent_country_codes, $countries)
        )
        and (
            len($organisations) = 0 or list_has_any(outcome_groups.owner_orgs, $organisations)
        )
        and (
            len($regions) = 0 or list_has_any(
                outcome_groups.change_agent_country_codes,
                (select list(country_code) from dim_country where region in $regions)
            )
        )
)
