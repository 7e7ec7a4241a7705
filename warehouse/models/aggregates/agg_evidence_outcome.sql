-- grain: one row per outcome the practice finder may show as evidence
-- unique: outcome_key
-- not_null: outcome_key, outcome_id, description, observed_on
-- relationship: outcome_key -> fct_outcome.outcome_key
-- What the practice finder shows of an outcome, for the few it may show (those the `*_recent`
-- models keep): it reads them here, never looking one up among every outcome.
select
    outcome_key,
    outcome_id,
    description,
    observed_on,
    level,
    is_positive,
    substantiation_status,
    is_illustrative
from fct_outcome
where outcome_key in (
    select outcome_key from agg_claim_recent
    union
    select outcome_key from agg_followed_recent
)
order by outcome_key
