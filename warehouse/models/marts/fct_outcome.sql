-- grain: one row per outcome, however many organisations claim it
-- unique: outcome_id
-- unique: outcome_key
-- not_null: outcome_key, outcome_id, programme_code, social_actor, theme_code, level, outcome_type, observed_on, description, visibility, is_positive, is_intended, in_high_risk_country
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- accepted: level from outcome_level
-- accepted: outcome_type from outcome_type
-- accepted: substantiation_status from substantiation_status
-- accepted: language from language
-- accepted: visibility from visibility
-- expect: harvested_on >= observed_on
with outcomes as (
    select * from stg_outcomes
),

-- The change agents' acronyms and countries, aggregated once at load rather than for every
-- page of the outcomes table; and whether any works in a high-risk country (then nothing public
-- may quote the outcome; an organisation without a known country counts as one).
agents as (
    select
        links.outcome_id,
        count(*) as change_agents,
        list(distinct links.org_code) as agent_orgs,
        string_agg(organisations.acronym, ', ' order by organisations.acronym) as agent_names,
        string_agg(distinct organisations.country_code, ', ' order by organisations.country_code)
            as agent_countries,
        list(distinct organisations.country_code order by organisations.country_code)
            filter (where organisations.country_code is not null) as agent_country_codes,
        bool_or(organisations.country_code is null or coalesce(risk.high_risk, false))
            as in_high_risk_country
    from stg_outcome_change_agents as links
    inner join stg_organisations as organisations on organisations.org_code = links.org_code
    left join stg_country_risk as risk on risk.country_code = organisations.country_code
    group by links.outcome_id
),

exchanges as (
    select outcome_id, count(*) as exchanges from stg_outcome_exchanges group by outcome_id
),

-- A small integer key, numbered in programme and date order, from the narrow columns alone:
-- joins on it are several times faster than on the text identifier.
keys as (
    select
        outcome_id,
        row_number() over (order by programme_code, observed_on, outcome_id)::integer
            as outcome_key
    from stg_outcomes
),

plans as (
    select outcome_id, count(*) as plans from stg_outcome_plans group by outcome_id
),

final as (
    select
        keys.outcome_key,
        outcomes.outcome_id,
        outcomes.programme_code,
        outcomes.social_actor,
        outcomes.theme_code,
        themes.canonical_theme,
        outcomes.level,
        outcomes.outcome_type,
        outcomes.observed_on,
        year(outcomes.observed_on) as year,
        outcomes.description,
        outcomes.significance,
        outcomes.contribution,
        outcomes.other_actors,
        outcomes.is_positive,
        outcomes.is_intended,
        outcomes.substantiation_status,
        outcomes.substantiator_role,
        outcomes.substantiation_sources,
        outcomes.evidence_documents,
        outcomes.harvested_by,
        outcomes.harvested_on,
        outcomes.language,
        outcomes.public_description,
        coalesce(agents.change_agents, 0) as change_agents,
        agents.agent_names as change_agent_names,
        agents.agent_countries as change_agent_countries,
        -- the countries the country and region filters ask about
        coalesce(agents.agent_country_codes, []) as change_agent_country_codes,
        coalesce(agents.in_high_risk_country, false) as in_high_risk_country,
        coalesce(exchanges.exchanges, 0) as contributing_exchanges,
        coalesce(plans.plans, 0) as contributing_plans,
        outcomes.visibility,
        -- the change agents' partner accounts may read the outcome whatever its visibility
        list_sort(coalesce(agents.agent_orgs, [])) as owner_orgs,
        outcomes.is_illustrative,
        outcomes.source,
        outcomes.estimated
    from outcomes
    inner join keys on keys.outcome_id = outcomes.outcome_id
    left join agents on agents.outcome_id = outcomes.outcome_id
    left join exchanges on exchanges.outcome_id = outcomes.outcome_id
    left join plans on plans.outcome_id = outcomes.outcome_id
    left join stg_programme_themes as themes
        on themes.programme_code = outcomes.programme_code
        and themes.theme_code = outcomes.theme_code
)

select * from final
