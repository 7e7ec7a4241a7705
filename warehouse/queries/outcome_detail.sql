-- One outcome's full record, with its change agents, if the viewer may see it.
select
    outcomes.*,
    (select string_agg(o.acronym || ' (' || o.name || ')', '; ' order by o.acronym)
        from bridge_outcome_change_agent as a
        inner join dim_organisation as o on o.org_code = a.org_code
        where a.outcome_id = outcomes.outcome_id) as change_agents
from fct_outcome as outcomes
where outcomes.outcome_id = $outcome_id and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
