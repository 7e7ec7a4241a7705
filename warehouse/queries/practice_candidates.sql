-- The practice finder's candidates: per organisation other than the asking one, what it has
-- documented on the theme: outcomes it claims and outcomes that followed exchanges it hosted
-- (each counted once), the exchanges it hosted, and which words of the challenge its positive
-- evidence holds. Ranked in `warehouse/practices.py`. Counted on groups of outcomes and of
-- exchanges, with the words of each group, never on single records.
with theme_groups as (
    select outcome_group_key, owner_orgs, is_positive, substantiation_status
    from agg_outcome_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

hosting as (
    select host_group_key, host_org_code as org_code, exchanges
    from agg_host_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

-- Outcomes of one group that followed exchanges of the same host groups are evidence for the
-- same organisations: their change agents (the group's owners) and the hosts of those exchanges.
origins as (
    select
        contributions.host_contribution_key as origin,
        contributions.outcomes,
        contributions.host_group_keys,
        theme_groups.owner_orgs,
        theme_groups.is_positive,
        theme_groups.substantiation_status
    from theme_groups
    inner join agg_host_contribution as contributions
        on contributions.outcome_group_key = theme_groups.outcome_group_key
),

evidence as (
    select origin, unnest(owner_orgs) as org_code from origins
    union
    select origins.origin, hosting.org_code
    from (select origin, unnest(host_group_keys) as host_group_key from origins) as origins
    inner join hosting on hosting.host_group_key = origins.host_group_key
),

outcome_counts as (
    select
        evidence.org_code,
        coalesce(sum(origins.outcomes) filter (
            where origins.is_positive and origins.substantiation_status = 'substantiated'
        ), 0) as substantiated,
        coalesce(sum(origins.outcomes) filter (
            where origins.is_positive and origins.substantiation_status = 'partly_substantiated'
        ), 0) as partly_substantiated,
        coalesce(sum(origins.outcomes) filter (
            where origins.is_positive
            and origins.substantiation_status not in ('substantiated', 'partly_substantiated')
        ), 0) as unsubstantiated,
        coalesce(sum(origins.outcomes) filter (where not origins.is_positive), 0) as negative
    from evidence
    inner join origins on origins.origin = evidence.origin
    group by evidence.org_code
),

hosted_counts as (
    select org_code, sum(exchanges) as hosted from hosting group by org_code
),

matched_terms as (
    -- words of positive outcomes an organisation claims, from its groups
    select unnest(theme_groups.owner_orgs) as org_code, terms.term
    from theme_groups
    inner join agg_outcome_group_terms as terms
        on terms.outcome_group_key = theme_groups.outcome_group_key
    where terms.term in $terms and theme_groups.is_positive
    union
    -- words of positive outcomes that followed an exchange it hosted, from its host groups
    select hosting.org_code, terms.term
    from hosting
    inner join agg_followed_terms as terms on terms.host_group_key = hosting.host_group_key
    where terms.term in $terms
        and (terms.visibility in $visible or list_contains(terms.owner_orgs, $viewer_org))
        and terms.canonical_theme = $theme
        and ($illustrative is null or terms.is_illustrative = $illustrative)
    union
    -- words of the hosted exchanges' titles and demands
    select hosting.org_code, terms.term
    from hosting
    inner join lookup_host_group as groups on groups.host_group_key = hosting.host_group_key
    inner join agg_exchange_group_terms as terms
        on terms.exchange_group_key = groups.exchange_group_key
    where terms.term in $terms
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
    coalesce(outcome_counts.substantiated, 0)::bigint as substantiated,
    coalesce(outcome_counts.partly_substantiated, 0)::bigint as partly_substantiated,
    coalesce(outcome_counts.unsubstantiated, 0)::bigint as unsubstantiated,
    coalesce(outcome_counts.negative, 0)::bigint as negative,
    coalesce(hosted_counts.hosted, 0)::bigint as hosted,
    coalesce(terms.matched_terms, []) as matched_terms
from candidates
inner join dim_organisation as organisations on organisations.org_code = candidates.org_code
left join outcome_counts on outcome_counts.org_code = candidates.org_code
left join hosted_counts on hosted_counts.org_code = candidates.org_code
-- grouped and joined, not a subquery per candidate: 2 ms less at 1M and 10M exchanges
left join (
    select org_code, list(term order by term) as matched_terms from matched_terms group by org_code
) as terms on terms.org_code = candidates.org_code
where candidates.org_code <> $asking_org
    and organisations.role in ('partner', 'expert', 'other')
order by organisations.org_code
