-- Of a programme's exchanges meant to lead to action (not seminars), how many have no plan;
-- counted on the programme's groups of exchanges.
select
    coalesce(sum(exchanges), 0)::bigint as exchanges,
    coalesce(sum(exchanges) filter (where not has_plan), 0)::bigint as without_plan
from agg_programme_exchange
where programme_code = $programme
    and (visibility in $visible or list_contains(owner_orgs, $viewer_org))
    and modality not in ('continental_seminar', 'international_seminar')
