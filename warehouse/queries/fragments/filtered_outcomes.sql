-- The outcomes a shared URL filter selects, as the CTE `filtered_outcomes`.
-- Empty lists and nulls select everything; $terms must all be among an outcome's search terms.
filtered_outcomes as (
    select outcomes.*
    from fct_outcome as outcomes
    where (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
        and (len($programmes) = 0 or outcomes.programme_code in $programmes)
        and ($year_from is null or outcomes.year >= $year_from)
        and ($year_to is null or outcomes.year <= $year_to)
        and (
            len($themes) = 0
            or outcomes.canonical_theme in $themes
            or outcomes.theme_code in $themes
        )
        and (len($levels) = 0 or outcomes.level in $levels)
        and (len($outcome_types) = 0 or outcomes.outcome_type in $outcome_types)
        and (len($substantiation) = 0 or outcomes.substantiation_status in $substantiation)
        and ($positive is null or outcomes.is_positive = $positive)
        and ($intended is null or outcomes.is_intended = $intended)
        and ($illustrative is null or outcomes.is_illustrative = $illustrative)
        and (
            len($countries) = 0 or exists (
                select 1 from bridge_outcome_change_agent as a
                where a.outcome_key = outcomes.outcome_key and a.country_code in $countries
            )
        )
        and (
            len($organisations) = 0 or exists (
                select 1 from bridge_outcome_change_agent as a
                where a.outcome_key = outcomes.outcome_key and a.org_code in $organisations
            )
        )
        and (
            len($regions) = 0 or exists (
                select 1 from bridge_outcome_change_agent as a
                inner join dim_country as c on c.country_code = a.country_code
                where a.outcome_key = outcomes.outcome_key and c.region in $regions
            )
        )
        and (
            len($terms) = 0 or outcomes.outcome_key in (
                select outcome_key from outcome_terms
                where term in $terms
                group by outcome_key
                having count(*) = len($terms)
            )
        )
)
