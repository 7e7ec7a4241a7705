-- What the change agents said about one outcome's statement, if the viewer may see the outcome.
select reviews.org_code, organisations.acronym, reviews.verdict, reviews.comment, reviews.reviewed_on
from fct_outcome_review as reviews
inner join dim_organisation as organisations on organisations.org_code = reviews.org_code
where reviews.outcome_id = $outcome_id
    and (reviews.visibility in $visible or list_contains(reviews.owner_orgs, $viewer_org))
order by reviews.reviewed_on desc, organisations.acronym
