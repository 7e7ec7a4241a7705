-- Each outcome's change agents (acronyms) and their countries, as the CTE `agents`, and
-- whether any works in a high-risk country (then nothing public may quote the outcome).
agents as (
    select a.outcome_id, string_agg(o.acronym, ', ' order by o.acronym) as change_agents,
        string_agg(distinct a.country_code, ', ' order by a.country_code) as countries,
        bool_or(coalesce(c.high_risk, true)) as in_high_risk_country
    from bridge_outcome_change_agent as a
    inner join dim_organisation as o on o.org_code = a.org_code
    left join dim_country as c on c.country_code = a.country_code
    group by a.outcome_id
)
