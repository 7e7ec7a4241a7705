-- grain: one row per outcome and distinct search term of its texts
-- unique: outcome_id, term
-- not_null: outcome_id, term
-- relationship: outcome_id -> fct_outcome.outcome_id
-- expect: length(term) >= 2
with texts as (
    select
        outcome_id,
        lower(strip_accents(concat_ws(
            ' ', description, significance, contribution, other_actors, social_actor
        ))) as text
    from stg_outcomes
),

-- Distinct within each outcome's list: cheaper than one distinct over every (outcome, term).
terms as (
    select outcome_id, unnest(list_distinct(regexp_split_to_array(text, '[^a-z0-9]+'))) as term
    from texts
)

select outcome_id, term from terms where length(term) >= 2
