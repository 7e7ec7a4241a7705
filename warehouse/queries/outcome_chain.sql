-- The exchanges and innovation plans that contributed to an outcome, oldest first.
select
    'exchange' as link,
    exchanges.exchange_id as record_id,
    exchanges.title,
    exchanges.modality as detail,
    exchanges.start_date as since,
    exchanges.participations
from bridge_outcome_exchange as links
inner join fct_exchange as exchanges on exchanges.exchange_id = links.exchange_id
where links.outcome_id = $outcome_id and (exchanges.visibility in $visible or list_contains(exchanges.owner_orgs, $viewer_org))

union all

select
    'plan',
    plans.plan_id,
    plans.title,
    plans.current_status,
    plans.drafted_on,
    null
from bridge_outcome_plan as links
inner join fct_innovation_plan as plans on plans.plan_id = links.plan_id
where links.outcome_id = $outcome_id and (plans.visibility in $visible or list_contains(plans.owner_orgs, $viewer_org))

order by since, record_id
