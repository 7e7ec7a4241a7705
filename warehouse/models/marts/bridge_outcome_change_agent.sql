-- grain: one row per outcome and organisation claiming it
-- unique: outcome_id, org_code
-- not_null: country_code
-- relationship: outcome_id -> fct_outcome.outcome_id
-- relationship: org_code -> dim_organisation.org_code
select agents.outcome_id, agents.org_code, organisations.country_code
from stg_outcome_change_agents as agents
left join stg_organisations as organisations on organisations.org_code = agents.org_code
