-- grain: one row per outcome group and list of exchange groups its outcomes came from
-- unique: contribution_key
-- unique: outcome_group_key, exchange_group_keys
-- not_null: contribution_key, outcome_group_key, exchange_group_keys, outcomes
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- expect: outcomes >= 1
-- Outcomes of a group that came from the same exchange groups (one entry per exchange, so an
-- outcome from two exchanges of one group lists that group twice) weigh the same along each
-- kind of exchange: the outcomes page counts them together.
with origins as (
    select
        outcomes.outcome_key,
        outcomes.outcome_group_key,
        coalesce(
            list(exchanges.exchange_group_key order by exchanges.exchange_group_key)
                filter (where exchanges.exchange_group_key is not null),
            []
        ) as exchange_group_keys
    from lookup_outcome_group as outcomes
    left join bridge_outcome_exchange as links on links.outcome_key = outcomes.outcome_key
    left join lookup_exchange_group as exchanges on exchanges.exchange_key = links.exchange_key
    group by outcomes.outcome_key, outcomes.outcome_group_key
)

select
    row_number() over (order by outcome_group_key, exchange_group_keys)::integer
        as contribution_key,
    outcome_group_key,
    exchange_group_keys,
    count(*) as outcomes
from origins
group by outcome_group_key, exchange_group_keys
order by contribution_key
