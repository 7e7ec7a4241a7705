-- A programme's innovation plans, one row each: who, which theme, how far each got, how many
-- days each stage took, and how many outcomes followed; the first 100 by theme and organisation,
-- and how many plans match (`matching_plans`). The plans shown are chosen first, so outcomes
-- are counted for these plans only.
with matching as (
    select plans.listed_order
    from fct_innovation_plan as plans
    where plans.programme_code = $programme
        and (plans.visibility in $visible or list_contains(plans.owner_orgs, $viewer_org))
        and (len($themes) = 0 or plans.canonical_theme in $themes)
),

chosen as (
    select
        plans.plan_id,
        plans.title,
        organisations.acronym,
        organisations.country_code,
        plans.canonical_theme,
        plans.theme_code,
        plans.current_status,
        date_diff('day', plans.drafted_on, plans.adopted_on) as days_to_adopt,
        date_diff('day', plans.adopted_on, coalesce(plans.in_progress_on, plans.implemented_on))
            as days_to_start,
        date_diff('day', plans.in_progress_on, plans.implemented_on) as days_to_implement,
        plans.is_illustrative,
        plans.listed_order
    from (select listed_order from matching order by listed_order limit 100) as first
    inner join fct_innovation_plan as plans on plans.listed_order = first.listed_order
    inner join dim_organisation as organisations on organisations.org_code = plans.org_code
),

followed as (
    select links.plan_id, count(*) as outcomes
    from bridge_outcome_plan as links
    inner join fct_outcome as outcomes on outcomes.outcome_id = links.outcome_id
    where links.plan_id in (select plan_id from chosen)
        and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
    group by links.plan_id
)

select
    chosen.plan_id,
    chosen.title,
    chosen.acronym,
    chosen.country_code,
    chosen.canonical_theme,
    chosen.theme_code,
    chosen.current_status,
    chosen.days_to_adopt,
    chosen.days_to_start,
    chosen.days_to_implement,
    coalesce(followed.outcomes, 0) as outcomes,
    chosen.is_illustrative,
    (select count(*) from matching) as matching_plans
from chosen
left join followed on followed.plan_id = chosen.plan_id
order by chosen.listed_order
