-- grain: one row per group of outcomes alike in every attribute the shared filter reads
-- unique: outcome_group_key
-- not_null: outcome_group_key, visibility, owner_orgs, programme_code, year, theme_code, level, outcome_type, is_positive, is_intended, change_agent_country_codes, outcomes
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- expect: outcomes >= 1
-- The pages' outcome counts per group: a filter without words selects groups, never single
-- outcomes (a search by words reads the outcomes themselves).
select
    groups.outcome_group_key,
    outcomes.visibility,
    outcomes.owner_orgs,
    outcomes.programme_code,
    outcomes.year,
    outcomes.theme_code,
    outcomes.canonical_theme,
    outcomes.level,
    outcomes.outcome_type,
    outcomes.substantiation_status,
    outcomes.is_positive,
    outcomes.is_intended,
    outcomes.is_illustrative,
    outcomes.change_agent_country_codes,
    count(*) as outcomes
from fct_outcome as outcomes
inner join lookup_outcome_group as groups on groups.outcome_key = outcomes.outcome_key
group by all
order by outcome_group_key
