-- grain: one row per outcome and exchange that contributed to it
-- unique: outcome_id, exchange_id
-- relationship: outcome_id -> fct_outcome.outcome_id
-- relationship: exchange_id -> fct_exchange.exchange_id
select outcome_id, exchange_id from stg_outcome_exchanges
