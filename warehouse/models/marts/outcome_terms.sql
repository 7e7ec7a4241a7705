-- grain: one row per outcome and distinct search term of its texts
-- unique: outcome_key, term
-- not_null: outcome_key, term
-- relationship: outcome_key -> fct_outcome.outcome_key
-- expect: length(term) >= 2
-- Outcomes are named by their integer key: tens of millions of rows join and check faster.
-- `search_words`: warehouse/macros.sql.
select
    outcome_key,
    unnest(search_words(concat_ws(
        ' ', description, significance, contribution, other_actors, social_actor
    ))) as term
from fct_outcome
