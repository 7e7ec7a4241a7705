-- grain: one row per outcome group and search term its outcomes' texts hold
-- unique: outcome_group_key, term
-- not_null: outcome_group_key, term, outcomes
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- expect: outcomes >= 1
-- How many outcomes of each group hold each word: how rare a word is for a reader, and which
-- words an organisation's own outcomes hold, without reading the term index itself.
select groups.outcome_group_key, terms.term, count(*) as outcomes
from outcome_terms as terms
inner join lookup_outcome_group as groups on groups.outcome_key = terms.outcome_key
group by all
order by groups.outcome_group_key, terms.term
