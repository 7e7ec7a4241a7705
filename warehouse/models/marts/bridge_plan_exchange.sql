-- grain: one row per innovation plan and exchange it came from
-- unique: plan_id, exchange_id
-- relationship: plan_id -> fct_innovation_plan.plan_id
-- relationship: exchange_id -> fct_exchange.exchange_id
select plan_id, exchange_id from stg_plan_exchanges
