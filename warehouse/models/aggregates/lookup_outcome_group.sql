-- grain: one row per outcome
-- unique: outcome_key
-- unique: recency
-- not_null: outcome_key, outcome_group_key, recency
-- relationship: outcome_key -> fct_outcome.outcome_key
-- Outcomes alike in every attribute the shared filter reads (but the words of the search)
-- share a group, so the pages' counts read one row per group instead of every outcome.
-- Numbered from the narrow columns alone: ranking whole rows would sort every text with them.
-- `recency` is the outcome's place among all outcomes, newest first, then by identifier: the
-- order in which the practice finder shows evidence, as one integer.
select
    outcome_key,
    dense_rank() over (
        order by visibility, owner_orgs, programme_code, year, theme_code, canonical_theme,
            level, outcome_type, substantiation_status, is_positive, is_intended,
            is_illustrative, change_agent_country_codes
    )::integer as outcome_group_key,
    row_number() over (order by observed_on desc, outcome_id)::integer as recency
from fct_outcome
order by outcome_key
