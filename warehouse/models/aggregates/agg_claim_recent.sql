-- grain: one row per outcome among the ten newest of outcomes alike in what the practice finder asks of them
-- unique: outcome_key
-- not_null: outcome_key, recency, evidence_rank, visibility, owner_orgs
-- relationship: outcome_key -> fct_outcome.outcome_key
-- The practice finder shows the newest outcomes an organisation claims on a theme (at most ten),
-- substantiated positive ones first: they are among the ten newest of outcomes alike in who
-- may read them, who claims them, their theme and their `evidence_rank`, so it reads ten rows
-- per such set instead of a hundred per outcome group.
with ranked as (
    select
        groups.visibility,
        groups.owner_orgs,
        groups.canonical_theme,
        groups.is_illustrative,
        evidence_rank(groups.is_positive, groups.substantiation_status) as evidence_rank,
        outcomes.outcome_key,
        outcomes.recency
    from lookup_outcome_group as outcomes
    inner join agg_outcome_group as groups
        on groups.outcome_group_key = outcomes.outcome_group_key
)

select *
from ranked
qualify row_number() over (
    partition by visibility, owner_orgs, canonical_theme, is_illustrative, evidence_rank
    order by recency
) <= 10
order by canonical_theme, evidence_rank, recency
