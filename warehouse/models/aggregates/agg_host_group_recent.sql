-- grain: one row per exchange among the ten most recent of its host group
-- unique: exchange_key
-- not_null: host_group_key, exchange_key, exchange_id, text
-- relationship: host_group_key -> agg_host_group.host_group_key
-- relationship: exchange_key -> fct_exchange.exchange_key
-- The practice finder shows an organisation's most recent exchanges on a theme (at most ten):
-- they are among the most recent of each host group it may see, so it reads ten rows per host
-- group instead of every exchange, and what it shows of each, so it never looks one up among
-- every exchange. Same order as the page: newest first, then by identifier.
-- The ten are chosen on the narrow columns; their texts are joined after, not carried through
-- the ranking of every exchange.
with recent as (
    select hosts.host_group_key, exchanges.exchange_key
    from fct_exchange as exchanges
    inner join lookup_exchange_group as groups on groups.exchange_key = exchanges.exchange_key
    inner join lookup_host_group as hosts
        on hosts.exchange_group_key = groups.exchange_group_key
    qualify row_number() over (
        partition by hosts.host_group_key
        order by exchanges.start_date desc, exchanges.exchange_id
    ) <= 10
)

select
    recent.host_group_key,
    recent.exchange_key,
    exchanges.exchange_id,
    exchanges.start_date,
    concat_ws(': ', exchanges.title, exchanges.demand) as text,
    exchanges.is_illustrative
from recent
inner join fct_exchange as exchanges on exchanges.exchange_key = recent.exchange_key
order by recent.host_group_key
