-- Records M&E staff should look at, one row per record and issue, for the viewer's records,
-- as the CTE `quality_issues` (beside `plan_stages`, when each plan last changed).
plan_stages as (
    select plan_id, max(changed_on) as last_change
    from fct_plan_status
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
    group by plan_id
),

quality_issues as (
select 'outcome_not_substantiated' as issue, outcome_id as record_id, programme_code,
    description as detail
from fct_outcome
where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and substantiation_status in ('not_substantiated', 'in_progress')

union all
select 'exchange_without_plan', exchanges.exchange_id, exchanges.programme_code, exchanges.title
from fct_exchange as exchanges
where (exchanges.visibility in $visible or list_contains(exchanges.owner_orgs, $viewer_org))
    and exchanges.modality not in ('continental_seminar', 'international_seminar')
    and not exists (
        select 1 from bridge_plan_exchange as links where links.exchange_key = exchanges.exchange_key
    )

union all
select 'exchange_missing_women_counts', exchange_id, programme_code, title
from fct_exchange
where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and participations_with_sex_recorded is distinct from participations

union all
select 'plan_stuck', plans.plan_id, plans.programme_code,
    plans.title || ' (' || plans.current_status || ' since ' || stages.last_change || ')'
from fct_innovation_plan as plans
inner join plan_stages as stages on stages.plan_id = plans.plan_id
where (plans.visibility in $visible or list_contains(plans.owner_orgs, $viewer_org))
    and plans.current_status in ('draft', 'adopted', 'in_progress')
    and stages.last_change < current_date - interval 1 year

union all
select 'illustrative_record', exchange_id, programme_code, title
from fct_exchange
where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and is_illustrative

union all
select 'illustrative_record', outcome_id, programme_code, description
from fct_outcome
where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and is_illustrative
)
