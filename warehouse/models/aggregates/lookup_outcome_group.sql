-- grain: one row per outcome
-- unique: outcome_key
-- not_null: outcome_key, outcome_group_key
-- relationship: outcome_key -> fct_outcome.outcome_key
-- Outcomes alike in every attribute the shared filter reads (but the words of the search)
-- share a group, so the pages' counts read one row per group instead of every outcome.
-- Numbered from the narrow columns alone: ranking whole rows would sort every text with them.
select
    outcome_key,
    dense_rank() over (
        order by visibility, owner_orgs, programme_code, year, theme_code, canonical_theme,
            level, outcome_type, substantiation_status, is_positive, is_intended,
            is_illustrative, change_agent_country_codes
    )::integer as outcome_group_key
from fct_outcome
order by outcome_key
