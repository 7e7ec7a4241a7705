-- Outcomes claimed by a country's organisations, per level, under the programme filter.
select outcomes.level, count(distinct outcomes.outcome_id) as outcomes
from fct_outcome as outcomes
inner join bridge_outcome_change_agent as agents on agents.outcome_id = outcomes.outcome_id
where agents.country_code = $country
    and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
    and (len($programmes) = 0 or outcomes.programme_code in $programmes)
group by outcomes.level
order by outcomes.level
