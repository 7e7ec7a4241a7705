-- grain: one row per outcome and organisation claiming it
-- unique: outcome_id, org_code
-- not_null: outcome_key, country_code
-- relationship: outcome_id -> fct_outcome.outcome_id
-- relationship: org_code -> dim_organisation.org_code
select outcomes.outcome_key, agents.outcome_id, agents.org_code, organisations.country_code
from stg_outcome_change_agents as agents
inner join fct_outcome as outcomes on outcomes.outcome_id = agents.outcome_id
left join stg_organisations as organisations on organisations.org_code = agents.org_code
order by outcomes.outcome_key
