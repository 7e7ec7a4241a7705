-- grain: one row per set of exchange groups outcomes came from, visibility, owners and change-agent country
-- unique: reach_key, visibility, owner_orgs, country_code
-- not_null: reach_key, exchange_group_keys, visibility, owner_orgs, country_code, outcomes
-- relationship: country_code -> dim_country.country_code
-- expect: outcomes >= 1
-- How many outcomes the filtered exchanges led to, per change-agent country (the map), without
-- reading every outcome: outcomes that came from the same exchange groups are counted together,
-- and a filter reaches them through the bridge from each set to its exchange groups.
with origins as (
    select
        links.outcome_key,
        list(distinct groups.exchange_group_key order by groups.exchange_group_key)
            as exchange_group_keys
    from bridge_outcome_exchange as links
    inner join lookup_exchange_group as groups on groups.exchange_key = links.exchange_key
    group by links.outcome_key
),

reach as (
    select
        origins.exchange_group_keys,
        outcomes.visibility,
        outcomes.owner_orgs,
        agents.country_code,
        count(distinct origins.outcome_key) as outcomes
    from origins
    inner join fct_outcome as outcomes on outcomes.outcome_key = origins.outcome_key
    inner join bridge_outcome_change_agent as agents on agents.outcome_key = origins.outcome_key
    group by all
)

select
    dense_rank() over (order by exchange_group_keys)::integer as reach_key,
    exchange_group_keys,
    visibility,
    owner_orgs,
    country_code,
    outcomes
from reach
order by reach_key
