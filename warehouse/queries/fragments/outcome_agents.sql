-- Each outcome's change agents (acronyms) and their countries, as the CTE `agents`.
agents as (
    select a.outcome_id, string_agg(o.acronym, ', ' order by o.acronym) as change_agents,
        string_agg(distinct a.country_code, ', ' order by a.country_code) as countries
    from bridge_outcome_change_agent as a
    inner join dim_organisation as o on o.org_code = a.org_code
    group by a.outcome_id
)
