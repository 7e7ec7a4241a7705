-- grain: one row per outcome among the hundred most recent of its outcome group
-- unique: outcome_key
-- not_null: outcome_key, outcome_id, programme_code, observed_on, description
-- relationship: outcome_key -> agg_outcome_group_recent.outcome_key
-- What the outcomes table shows of an outcome, for those it opens on (the newest of each group,
-- `agg_outcome_group_recent`): its first page reads them here. Looking a hundred up among every
-- outcome read most of fct_outcome's texts at 10M exchanges (30-40 ms of the page's 45-55).
select
    outcome_key,
    outcome_id,
    programme_code,
    observed_on,
    theme_code,
    canonical_theme,
    level,
    outcome_type,
    social_actor,
    description,
    language,
    change_agent_names,
    change_agent_countries,
    substantiation_status,
    is_positive,
    is_intended,
    is_illustrative
from fct_outcome
where outcome_key in (select outcome_key from agg_outcome_group_recent)
order by outcome_key
