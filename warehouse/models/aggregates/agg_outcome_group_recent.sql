-- grain: one row per outcome among the hundred most recent of its outcome group
-- unique: outcome_key
-- not_null: outcome_group_key, outcome_key, recency
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- relationship: outcome_key -> fct_outcome.outcome_key
-- The newest outcomes of any selection of groups are among the newest hundred of each group
-- (`recency`: newest first): the outcomes table opens on its first hundred, newest first, and
-- the practice finder shows the newest an organisation claims, both read from here.
select outcome_group_key, outcome_key, recency
from lookup_outcome_group
qualify row_number() over (partition by outcome_group_key order by recency) <= 100
order by outcome_group_key, recency
