-- grain: one row per host group and outcome that followed its exchanges, the ten newest of outcomes alike in what the practice finder asks of them
-- unique: host_group_key, outcome_key
-- not_null: host_group_key, outcome_key, recency, evidence_rank, visibility, owner_orgs, via_exchange_ids
-- relationship: host_group_key -> agg_host_group.host_group_key
-- relationship: outcome_key -> fct_outcome.outcome_key
-- The practice finder shows the newest outcomes that followed exchanges an organisation hosted
-- (at most ten), substantiated positive ones first: they are among the ten newest, per host
-- group, of outcomes alike in who may read them, their theme and their `evidence_rank`, so it
-- reads at most ten rows per such pair instead of every link.
with followed as (
    select distinct
        hosts.host_group_key,
        groups.visibility,
        groups.owner_orgs,
        groups.canonical_theme,
        groups.is_illustrative,
        evidence_rank(groups.is_positive, groups.substantiation_status) as evidence_rank,
        outcomes.outcome_key,
        outcomes.recency
    from bridge_outcome_exchange as links
    inner join lookup_exchange_group as exchanges on exchanges.exchange_key = links.exchange_key
    inner join lookup_host_group as hosts
        on hosts.exchange_group_key = exchanges.exchange_group_key
    inner join lookup_outcome_group as outcomes on outcomes.outcome_key = links.outcome_key
    inner join agg_outcome_group as groups
        on groups.outcome_group_key = outcomes.outcome_group_key
),

recent as (
    select *
    from followed
    qualify row_number() over (
        partition by host_group_key, visibility, owner_orgs, canonical_theme, is_illustrative,
            evidence_rank
        order by recency
    ) <= 10
),

-- The host group's exchanges each outcome followed, which the evidence names: read here for the
-- few outcomes kept, so the finder never looks them up among every link.
via as (
    select
        hosts.host_group_key,
        links.outcome_key,
        list(links.exchange_id order by links.exchange_id) as via_exchange_ids
    from bridge_outcome_exchange as links
    inner join lookup_exchange_group as exchanges on exchanges.exchange_key = links.exchange_key
    inner join lookup_host_group as hosts
        on hosts.exchange_group_key = exchanges.exchange_group_key
    where links.outcome_key in (select outcome_key from recent)
    group by hosts.host_group_key, links.outcome_key
)

select recent.*, via.via_exchange_ids
from recent
inner join via
    on via.host_group_key = recent.host_group_key and via.outcome_key = recent.outcome_key
order by recent.host_group_key, recent.recency
