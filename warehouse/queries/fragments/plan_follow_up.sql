-- Of the innovation plans that came out of exchanges, how many were implemented and how many
-- led to at least one outcome; for the programme and theme filter. Counted on plan groups.
select
    coalesce(sum(plans), 0)::bigint as plans,
    coalesce(sum(plans) filter (where implemented), 0)::bigint as implemented,
    coalesce(sum(plans) filter (where len(outcome_kinds) > 0), 0)::bigint as with_outcome
from agg_plan_group
where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
    and from_exchanges
    and (len($programmes) = 0 or programme_code in $programmes)
    and (len($themes) = 0 or canonical_theme in $themes or theme_code in $themes)
