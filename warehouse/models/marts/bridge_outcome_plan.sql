-- grain: one row per outcome and innovation plan that contributed to it
-- unique: outcome_id, plan_id
-- relationship: outcome_id -> fct_outcome.outcome_id
-- relationship: plan_id -> fct_innovation_plan.plan_id
select outcome_id, plan_id from stg_outcome_plans
