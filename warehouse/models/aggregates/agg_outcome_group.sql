-- grain: one row per group of outcomes alike in every attribute the shared filter reads
-- unique: outcome_group_key
-- not_null: outcome_group_key, visibility, owner_orgs, programme_code, year, theme_code, level, outcome_type, is_positive, is_intended, change_agent_country_codes, outcomes
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- expect: outcomes >= 1
-- The pages' outcome counts per group: a filter without words selects groups, never single
-- outcomes (a search by words reads the outcomes themselves).
select
    outcome_group_key,
    visibility,
    owner_orgs,
    programme_code,
    year,
    theme_code,
    canonical_theme,
    level,
    outcome_type,
    substantiation_status,
    is_positive,
    is_intended,
    is_illustrative,
    change_agent_country_codes,
    count(*) as outcomes
from fct_outcome
group by all
order by outcome_group_key
