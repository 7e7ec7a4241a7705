-- How many records have each data-quality issue, for the viewer's records: summed from the
-- counts made at load (`agg_quality_issue`); a plan is stuck when its last change is over a
-- year old today.
select issue, sum(records)::bigint as records
from agg_quality_issue
where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
    and (issue <> 'plan_stuck' or last_change < current_date - interval 1 year)
group by issue
order by issue
