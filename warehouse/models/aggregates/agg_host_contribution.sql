-- grain: one row per outcome group and list of host groups its outcomes followed
-- unique: host_contribution_key
-- not_null: host_contribution_key, outcome_group_key, host_group_keys, outcomes
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- expect: outcomes >= 1
-- `agg_outcome_contribution` with exchange groups coarsened to host groups: the practice finder
-- credits an outcome to its change agents and to the hosts of the exchanges it followed, and
-- reads a few rows per outcome group here where exchange groups make several times as many.
with hosted as (
    select
        contributions.contribution_key,
        any_value(contributions.outcome_group_key) as outcome_group_key,
        any_value(contributions.outcomes) as outcomes,
        coalesce(
            list(distinct hosts.host_group_key order by hosts.host_group_key)
                filter (where hosts.host_group_key is not null),
            []
        ) as host_group_keys
    from agg_outcome_contribution as contributions
    left join (
        select contribution_key, unnest(exchange_group_keys) as exchange_group_key
        from agg_outcome_contribution
    ) as links on links.contribution_key = contributions.contribution_key
    left join lookup_host_group as hosts on hosts.exchange_group_key = links.exchange_group_key
    group by contributions.contribution_key
)

select
    row_number() over (order by outcome_group_key, host_group_keys)::integer
        as host_contribution_key,
    outcome_group_key,
    host_group_keys,
    sum(outcomes) as outcomes
from hosted
group by outcome_group_key, host_group_keys
order by host_contribution_key
