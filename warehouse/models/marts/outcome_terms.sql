-- grain: one row per outcome and distinct search term of its texts
-- unique: outcome_key, term
-- not_null: outcome_key, term
-- relationship: outcome_key -> fct_outcome.outcome_key
-- expect: length(term) >= 2
-- Outcomes are named by their integer key: tens of millions of rows join and check faster.
with texts as (
    select
        outcome_key,
        lower(strip_accents(concat_ws(
            ' ', description, significance, contribution, other_actors, social_actor
        ))) as text
    from fct_outcome
),

-- Distinct within each outcome's list: cheaper than one distinct over every (outcome, term).
terms as (
    select outcome_key, unnest(list_distinct(regexp_split_to_array(text, '[^a-z0-9]+'))) as term
    from texts
)

select outcome_key, term from terms where length(term) >= 2
