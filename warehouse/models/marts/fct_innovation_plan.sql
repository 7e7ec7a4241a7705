-- grain: one row per innovation plan
-- unique: plan_id
-- unique: listed_order
-- not_null: plan_id, programme_code, org_code, theme_code, title, visibility
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: org_code -> dim_organisation.org_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- accepted: current_status from plan_status
-- accepted: visibility from visibility
-- expect: adopted_on >= drafted_on
-- expect: in_progress_on >= adopted_on
-- expect: implemented_on >= coalesce(in_progress_on, adopted_on)
with plans as (
    select * from stg_innovation_plans
),

statuses as (
    select
        plan_id,
        max(changed_on) filter (where status = 'draft') as drafted_on,
        max(changed_on) filter (where status = 'adopted') as adopted_on,
        max(changed_on) filter (where status = 'in_progress') as in_progress_on,
        max(changed_on) filter (where status = 'implemented') as implemented_on,
        max(changed_on) filter (where status = 'abandoned') as abandoned_on,
        arg_max(status, stage) as current_status
    from (
        select changes.*, stages.position as stage
        from stg_plan_status_changes as changes
        inner join ref_code as stages
            on stages.list_name = 'plan_status' and stages.code = changes.status
    )
    group by plan_id
),

links as (
    select plan_id, count(*) as exchanges from stg_plan_exchanges group by plan_id
),

final as (
    select
        plans.plan_id,
        plans.programme_code,
        plans.org_code,
        plans.theme_code,
        themes.canonical_theme,
        plans.title,
        statuses.current_status,
        statuses.drafted_on,
        statuses.adopted_on,
        statuses.in_progress_on,
        statuses.implemented_on,
        statuses.abandoned_on,
        coalesce(links.exchanges, 0) as exchanges,
        plans.visibility,
        [plans.org_code] as owner_orgs,
        plans.is_illustrative,
        plans.source,
        plans.estimated
    from plans
    left join statuses on statuses.plan_id = plans.plan_id
    left join links on links.plan_id = plans.plan_id
    left join stg_programme_themes as themes
        on themes.programme_code = plans.programme_code and themes.theme_code = plans.theme_code
)

-- Stored by programme, then in the order the programme page lists plans (`listed_order`): a
-- programme's plans are a few row groups, and its first hundred a top-N on one integer.
select
    final.*,
    row_number() over (
        order by final.programme_code, final.canonical_theme, organisations.acronym, final.plan_id
    )::integer as listed_order
from final
inner join dim_organisation as organisations on organisations.org_code = final.org_code
order by listed_order
