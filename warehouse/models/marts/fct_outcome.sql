-- grain: one row per outcome, however many organisations claim it
-- unique: outcome_id
-- not_null: outcome_id, programme_code, social_actor, theme_code, level, outcome_type, observed_on, description, visibility, is_positive, is_intended
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

agents as (
    select outcome_id, count(*) as change_agents, list(distinct org_code) as agent_orgs
    from stg_outcome_change_agents
    group by outcome_id
),

exchanges as (
    select outcome_id, count(*) as exchanges from stg_outcome_exchanges group by outcome_id
),

plans as (
    select outcome_id, count(*) as plans from stg_outcome_plans group by outcome_id
),

final as (
    select
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
        coalesce(exchanges.exchanges, 0) as contributing_exchanges,
        coalesce(plans.plans, 0) as contributing_plans,
        outcomes.visibility,
        -- the change agents' partner accounts may read the outcome whatever its visibility
        list_sort(coalesce(agents.agent_orgs, [])) as owner_orgs,
        outcomes.is_illustrative,
        outcomes.source,
        outcomes.estimated
    from outcomes
    left join agents on agents.outcome_id = outcomes.outcome_id
    left join exchanges on exchanges.outcome_id = outcomes.outcome_id
    left join plans on plans.outcome_id = outcomes.outcome_id
    left join stg_programme_themes as themes
        on themes.programme_code = outcomes.programme_code
        and themes.theme_code = outcomes.theme_code
)

select * from final
