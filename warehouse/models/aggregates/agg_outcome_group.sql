-- grain: one row per group of outcomes alike in every attribute the shared filter reads
-- unique: outcome_group_key
-- not_null: outcome_group_key, visibility, owner_orgs, programme_code, year, theme_code, level, outcome_type, is_positive, is_intended, change_agent_country_codes, outcomes
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- expect: outcomes >= 1
-- The pages' outcome counts per group: a filter without words selects groups, never single
-- outcomes (a search by words reads the outcomes themselves).
-- Every attribute is the same throughout a group, so only the key is grouped on.
select
    groups.outcome_group_key,
    any_value(outcomes.visibility) as visibility,
    any_value(outcomes.owner_orgs) as owner_orgs,
    any_value(outcomes.programme_code) as programme_code,
    any_value(outcomes.year) as year,
    any_value(outcomes.theme_code) as theme_code,
    any_value(outcomes.canonical_theme) as canonical_theme,
    any_value(outcomes.level) as level,
    any_value(outcomes.outcome_type) as outcome_type,
    any_value(outcomes.substantiation_status) as substantiation_status,
    any_value(outcomes.is_positive) as is_positive,
    any_value(outcomes.is_intended) as is_intended,
    any_value(outcomes.is_illustrative) as is_illustrative,
    any_value(outcomes.change_agent_country_codes) as change_agent_country_codes,
    count(*) as outcomes
from fct_outcome as outcomes
inner join lookup_outcome_group as groups on groups.outcome_key = outcomes.outcome_key
group by groups.outcome_group_key
order by outcome_group_key
