-- grain: one row per outcome and exchange that contributed to it
-- unique: outcome_id, exchange_id
-- not_null: outcome_key, exchange_key
-- relationship: outcome_id -> fct_outcome.outcome_id
-- relationship: exchange_id -> fct_exchange.exchange_id
select outcomes.outcome_key, exchanges.exchange_key, links.outcome_id, links.exchange_id
from stg_outcome_exchanges as links
inner join fct_outcome as outcomes on outcomes.outcome_id = links.outcome_id
inner join fct_exchange as exchanges on exchanges.exchange_id = links.exchange_id
order by exchanges.exchange_key
