-- grain: one row per host group and outcome that followed its exchanges, the ten newest per outcome group
-- unique: host_group_key, outcome_key
-- not_null: host_group_key, outcome_group_key, outcome_key, recency
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- relationship: outcome_key -> fct_outcome.outcome_key
-- The practice finder shows the most recent outcomes that followed exchanges an organisation
-- hosted (at most ten): they are among the most recent of each pair of host group and outcome
-- group, so it reads at most ten rows per pair instead of every link.
with followed as (
    select distinct
        hosts.host_group_key,
        outcomes.outcome_group_key,
        outcomes.outcome_key,
        outcomes.recency
    from bridge_outcome_exchange as links
    inner join lookup_exchange_group as exchanges on exchanges.exchange_key = links.exchange_key
    inner join lookup_host_group as hosts
        on hosts.exchange_group_key = exchanges.exchange_group_key
    inner join lookup_outcome_group as outcomes on outcomes.outcome_key = links.outcome_key
)

select host_group_key, outcome_group_key, outcome_key, recency
from followed
qualify row_number() over (
    partition by host_group_key, outcome_group_key order by recency
) <= 10
order by host_group_key, outcome_group_key, recency
