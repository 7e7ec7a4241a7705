-- grain: one row per set of exchange groups outcomes came from, and exchange group in it
-- unique: reach_key, exchange_group_key
-- not_null: reach_key, exchange_group_key
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
select distinct reach_key, unnest(exchange_group_keys) as exchange_group_key
from agg_outcome_reach
order by exchange_group_key, reach_key
