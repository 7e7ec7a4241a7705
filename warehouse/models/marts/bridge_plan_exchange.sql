-- grain: one row per innovation plan and exchange it came from
-- unique: plan_id, exchange_id
-- not_null: exchange_key
-- relationship: plan_id -> fct_innovation_plan.plan_id
-- relationship: exchange_id -> fct_exchange.exchange_id
select links.plan_id, exchanges.exchange_key, links.exchange_id
from stg_plan_exchanges as links
inner join fct_exchange as exchanges on exchanges.exchange_id = links.exchange_id
