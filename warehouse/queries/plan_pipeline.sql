-- Innovation plans of a programme per status reached, with the median days spent in it.
select
    status,
    stage,
    count(*) as plans,
    median(days_in_status) as median_days
from fct_plan_status
where programme_code = $programme and (visibility in $visible or list_contains(owner_orgs, $viewer_org))
group by all
order by stage
