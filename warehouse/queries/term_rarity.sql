-- How many outcomes hold each of the given search terms, and how many outcomes there are:
-- the practice finder weighs a rare word of a challenge above a common one. Counted on the
-- outcome groups the reader may see.
with visible_groups as (
    select outcome_group_key, outcomes
    from agg_outcome_group
    where visibility in $visible or list_contains(owner_orgs, $viewer_org)
)

select
    (select sum(outcomes) from visible_groups)::bigint as outcomes,
    terms.term,
    sum(terms.outcomes)::bigint as outcomes_with_term
from agg_outcome_group_terms as terms
inner join visible_groups on visible_groups.outcome_group_key = terms.outcome_group_key
where terms.term in $terms
group by terms.term
order by terms.term
