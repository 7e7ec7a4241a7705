-- The practice finder's candidates: per organisation other than the asking one, what it has
-- documented on the theme: outcomes it claims and outcomes that followed exchanges it hosted
-- (each counted once), the exchanges it hosted, and which words of the challenge its positive
-- evidence holds. Ranked in `warehouse/practices.py`.
with theme_outcomes as (
    select outcome_key, outcome_id, is_positive, substantiation_status
    from fct_outcome
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

hosted as (
    select exchange_key, host_org_code as org_code, title, demand
    from fct_exchange
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

evidence as (
    select agents.org_code, outcomes.*
    from theme_outcomes as outcomes
    inner join bridge_outcome_change_agent as agents on agents.outcome_key = outcomes.outcome_key
    union
    select hosted.org_code, outcomes.*
    from theme_outcomes as outcomes
    inner join bridge_outcome_exchange as links on links.outcome_key = outcomes.outcome_key
    inner join hosted on hosted.exchange_key = links.exchange_key
),

outcome_counts as (
    select
        org_code,
        count(*) filter (
            where is_positive and substantiation_status = 'substantiated'
        ) as substantiated,
        count(*) filter (
            where is_positive and substantiation_status = 'partly_substantiated'
        ) as partly_substantiated,
        count(*) filter (
            where is_positive
            and substantiation_status not in ('substantiated', 'partly_substantiated')
        ) as unsubstantiated,
        count(*) filter (where not is_positive) as negative
    from evidence
    group by org_code
),

hosted_counts as (
    select org_code, count(*) as hosted from hosted group by org_code
),

matched_terms as (
    select evidence.org_code, terms.term
    from evidence
    inner join outcome_terms as terms on terms.outcome_key = evidence.outcome_key
    where terms.term in $terms and evidence.is_positive
    union
    select org_code, term
    from (
        select
            org_code,
            unnest(regexp_split_to_array(
                lower(strip_accents(concat_ws(' ', title, demand))), '[^a-z0-9]+'
            )) as term
        from hosted
    )
    where term in $terms
),

candidates as (
    select org_code from outcome_counts
    union
    select org_code from hosted_counts
)

select
    organisations.org_code,
    organisations.acronym,
    organisations.name,
    organisations.country_code,
    organisations.region,
    organisations.region = (
        select region from dim_organisation where org_code = $asking_org
    ) as same_region,
    coalesce(outcome_counts.substantiated, 0) as substantiated,
    coalesce(outcome_counts.partly_substantiated, 0) as partly_substantiated,
    coalesce(outcome_counts.unsubstantiated, 0) as unsubstantiated,
    coalesce(outcome_counts.negative, 0) as negative,
    coalesce(hosted_counts.hosted, 0) as hosted,
    coalesce(
        (select list(term order by term) from matched_terms where org_code = candidates.org_code),
        []
    ) as matched_terms
from candidates
inner join dim_organisation as organisations on organisations.org_code = candidates.org_code
left join outcome_counts on outcome_counts.org_code = candidates.org_code
left join hosted_counts on hosted_counts.org_code = candidates.org_code
where candidates.org_code <> $asking_org
    and organisations.role in ('partner', 'expert', 'other')
order by organisations.org_code
