-- grain: one row per innovation plan and status it reached
-- unique: plan_id, status
-- not_null: plan_id, status, changed_on, stage, programme_code, visibility
-- relationship: plan_id -> fct_innovation_plan.plan_id
-- accepted: status from plan_status
with changes as (
    select * from stg_plan_status_changes
),

stages as (
    select code as status, position as stage from ref_code where list_name = 'plan_status'
),

final as (
    select
        changes.plan_id,
        changes.status,
        stages.stage,
        changes.changed_on,
        -- days the plan spent in this status before its next change (null for the current one)
        date_diff(
            'day',
            changes.changed_on,
            lead(changes.changed_on) over (partition by changes.plan_id order by stages.stage)
        ) as days_in_status,
        plans.programme_code,
        plans.org_code,
        plans.visibility,
        [plans.org_code] as owner_orgs
    from changes
    inner join stages on stages.status = changes.status
    inner join stg_innovation_plans as plans on plans.plan_id = changes.plan_id
)

-- By programme, so a programme's pipeline reads its own row groups only.
select * from final
order by programme_code, plan_id, stage
