-- grain: one row per exchange group and search term of its exchanges' titles and demands
-- unique: exchange_group_key, term
-- not_null: exchange_group_key, term
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- expect: length(term) >= 2
-- The words of what a group's exchanges were about, split as `outcome_terms` splits outcomes:
-- the practice finder matches a challenge's words against what an organisation hosted without
-- splitting every hosted exchange's title at each question. Sorted by term, so a question's
-- few words read few row groups.
with terms as (
    select exchange_key, unnest(search_words(concat_ws(' ', title, demand))) as term
    from fct_exchange
)

select distinct groups.exchange_group_key, terms.term
from terms
inner join lookup_exchange_group as groups on groups.exchange_key = terms.exchange_key
order by terms.term, groups.exchange_group_key
