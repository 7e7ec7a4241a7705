-- grain: one row per outcome and change agent that reviewed the statement naming it
-- unique: outcome_id, org_code
-- not_null: outcome_id, org_code, verdict, reviewed_on, visibility
-- relationship: outcome_id -> fct_outcome.outcome_id
-- relationship: org_code -> dim_organisation.org_code
-- accepted: verdict from review_verdict
with reviews as (
    select * from stg_outcome_reviews
),

final as (
    select
        reviews.outcome_id,
        reviews.org_code,
        reviews.verdict,
        reviews.comment,
        reviews.reviewed_on,
        -- a review is read with its outcome, by whoever may read the outcome
        outcomes.visibility,
        outcomes.owner_orgs
    from reviews
    inner join fct_outcome as outcomes on outcomes.outcome_id = reviews.outcome_id
)

select * from final
