-- Of the innovation plans that came out of exchanges, how many were implemented and how many
-- led to at least one outcome; for the programme and theme filter.
select
    count(*) as plans,
    count(*) filter (where plans.implemented_on is not null) as implemented,
    count(*) filter (where exists (
        select 1 from bridge_outcome_plan as links where links.plan_id = plans.plan_id
    )) as with_outcome
from fct_innovation_plan as plans
where (plans.visibility in $visible or list_contains(plans.owner_orgs, $viewer_org))
    and plans.exchanges > 0
    and (len($programmes) = 0 or plans.programme_code in $programmes)
    and (len($themes) = 0 or plans.canonical_theme in $themes or plans.theme_code in $themes)
