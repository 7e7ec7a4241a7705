-- Every filtered outcome with its contribution chain, for exports.
with
-- include: filtered_outcomes
,

exchanges as (
    select links.outcome_id,
        string_agg(e.exchange_id || ' ' || e.title, '; ' order by e.start_date) as exchanges
    from bridge_outcome_exchange as links
    inner join fct_exchange as e on e.exchange_id = links.exchange_id
    where (e.visibility in $visible or list_contains(e.owner_orgs, $viewer_org))
    group by links.outcome_id
),

plans as (
    select links.outcome_id,
        string_agg(p.plan_id || ' ' || p.title, '; ' order by p.plan_id) as plans
    from bridge_outcome_plan as links
    inner join fct_innovation_plan as p on p.plan_id = links.plan_id
    where (p.visibility in $visible or list_contains(p.owner_orgs, $viewer_org))
    group by links.outcome_id
)

select
    outcomes.outcome_id,
    outcomes.programme_code,
    outcomes.observed_on,
    outcomes.theme_code,
    coalesce(outcomes.canonical_theme, outcomes.theme_code) as theme,
    outcomes.level,
    outcomes.outcome_type,
    outcomes.change_agent_names as change_agents,
    outcomes.change_agent_countries as countries,
    outcomes.in_high_risk_country,
    outcomes.social_actor,
    outcomes.description,
    outcomes.public_description,
    outcomes.significance,
    outcomes.contribution,
    outcomes.substantiation_status,
    outcomes.is_positive,
    outcomes.is_intended,
    exchanges.exchanges as contributing_exchanges,
    plans.plans as contributing_plans,
    outcomes.is_illustrative
from filtered_outcomes as outcomes
left join exchanges on exchanges.outcome_id = outcomes.outcome_id
left join plans on plans.outcome_id = outcomes.outcome_id
order by outcomes.observed_on desc, outcomes.outcome_id
