-- grain: one row per group of innovation plans alike in every attribute the pages count them by
-- unique: plan_group_key
-- not_null: plan_group_key, visibility, owner_orgs, programme_code, theme_code, plans, outcome_kinds
-- relationship: programme_code -> dim_programme.programme_code
-- expect: plans >= 1
-- Plans counted per group, as exchanges and outcomes are: the KPI cards, the follow-up of plans
-- and the programme comparison sum a few hundred rows instead of reading every plan.
-- `outcome_kinds` lists the visibility, owners and theme of the outcomes a plan led to, so a
-- reader's count of plans "with an outcome" only counts outcomes that reader may see.
with kinds as (
    select
        links.plan_id,
        list_sort(list_distinct(list({
            'visibility': outcomes.visibility,
            'owner_orgs': outcomes.owner_orgs,
            'canonical_theme': outcomes.canonical_theme
        }))) as outcome_kinds
    from bridge_outcome_plan as links
    inner join fct_outcome as outcomes on outcomes.outcome_id = links.outcome_id
    group by links.plan_id
),

groups as (
    select
        plans.visibility,
        plans.owner_orgs,
        plans.programme_code,
        plans.canonical_theme,
        plans.theme_code,
        plans.is_illustrative,
        plans.exchanges > 0 as from_exchanges,
        plans.adopted_on is not null as adopted,
        plans.implemented_on is not null as implemented,
        coalesce(kinds.outcome_kinds, []) as outcome_kinds,
        count(*) as plans
    from fct_innovation_plan as plans
    left join kinds on kinds.plan_id = plans.plan_id
    group by all
)

select
    row_number() over (
        order by visibility, owner_orgs, programme_code, canonical_theme, theme_code,
            is_illustrative, from_exchanges, adopted, implemented, outcome_kinds
    )::integer as plan_group_key,
    *
from groups
order by plan_group_key
