-- The outcomes a shared URL filter selects, counted per group (`agg_outcome_group`) as the CTE
-- `filtered_outcome_groups`: the same rule as `filtered_outcomes`, which the query must include
-- before it. Without words to search, a row is a group of outcomes alike in every filtered
-- attribute; with words, a row is one matching outcome (`outcome_key` set), since groups do not
-- know their words. Either way `outcomes` says how many outcomes a row stands for.
filtered_outcome_groups as (
    select
        outcome_groups.outcome_group_key,
        null::integer as outcome_key,
        outcome_groups.programme_code,
        outcome_groups.theme_code,
        outcome_groups.canonical_theme,
        outcome_groups.level,
        outcome_groups.outcomes
    from agg_outcome_group as outcome_groups
    where len($terms) = 0
        and (
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

    union all

    select
        null::integer,
        outcome_key,
        programme_code,
        theme_code,
        canonical_theme,
        level,
        1
    from filtered_outcomes
    where len($terms) > 0
)
