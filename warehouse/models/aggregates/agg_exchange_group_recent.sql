-- grain: one row per exchange among the ten most recent of its exchange group
-- unique: exchange_key
-- not_null: exchange_group_key, exchange_key, exchange_id
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- relationship: exchange_key -> fct_exchange.exchange_key
-- The practice finder shows an organisation's most recent exchanges on a theme (at most ten):
-- they are among the most recent of each group it hosted, so it reads ten rows per group
-- instead of every exchange. Same order as the page: newest first, then by identifier.
select
    groups.exchange_group_key,
    exchanges.exchange_key,
    exchanges.exchange_id,
    exchanges.start_date
from fct_exchange as exchanges
inner join lookup_exchange_group as groups on groups.exchange_key = exchanges.exchange_key
qualify row_number() over (
    partition by groups.exchange_group_key
    order by exchanges.start_date desc, exchanges.exchange_id
) <= 10
order by groups.exchange_group_key
