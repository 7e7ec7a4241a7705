-- Of a programme's exchanges meant to lead to action (not seminars), how many have no plan.
select
    count(*) as exchanges,
    count(*) filter (where not exists (
        select 1 from bridge_plan_exchange as links where links.exchange_key = e.exchange_key
    )) as without_plan
from fct_exchange as e
where e.programme_code = $programme
    and (e.visibility in $visible or list_contains(e.owner_orgs, $viewer_org))
    and e.modality not in ('continental_seminar', 'international_seminar')
