-- How many outcomes hold each of the given search terms, and how many outcomes there are:
-- the practice finder weighs a rare word of a challenge above a common one.
select
    (select count(*) from fct_outcome where (visibility in $visible or list_contains(owner_orgs, $viewer_org))) as outcomes,
    terms.term,
    count(distinct terms.outcome_key) as outcomes_with_term
from outcome_terms as terms
inner join fct_outcome as outcomes
    on outcomes.outcome_key = terms.outcome_key and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
where terms.term in $terms
group by terms.term
order by terms.term
