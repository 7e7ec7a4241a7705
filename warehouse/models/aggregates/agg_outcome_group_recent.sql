-- grain: one row per outcome among the ten most recent of its outcome group
-- unique: outcome_key
-- not_null: outcome_group_key, outcome_key, recency
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- relationship: outcome_key -> fct_outcome.outcome_key
-- The practice finder shows the most recent outcomes an organisation claims on a theme (at most
-- ten): they are among the most recent of each group it claims (`recency`: newest first).
select outcome_group_key, outcome_key, recency
from lookup_outcome_group
qualify row_number() over (partition by outcome_group_key order by recency) <= 10
order by outcome_group_key, recency
