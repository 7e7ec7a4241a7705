-- The evidence behind the practice finder's suggestions: for each suggested organisation, the
-- outcomes on the theme it claims or that followed an exchange it hosted, and those exchanges;
-- the $per_kind most recent of each (substantiated positive outcomes first), so a page stays
-- small however much an organisation has documented (the ranking counts them all).
-- Candidates come from the ten newest records each set of alike records keeps (`agg_*_recent`),
-- which hold every organisation's most recent ones: $per_kind is at most 10.
with hosted_groups as (
    select host_group_key, host_org_code as org_code
    from agg_host_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and host_org_code in $organisations
        and ($illustrative is null or is_illustrative = $illustrative)
),

-- Each candidate outcome with one integer to sort on: substantiated positive outcomes first,
-- then newest first (`recency`), then by identifier.
candidates as (
    select org_code, outcome_key, evidence_rank * 4294967296 + recency as sort_key
    from (
        select unnest(list_intersect(owner_orgs, $organisations)) as org_code,
            outcome_key, evidence_rank, recency
        from agg_claim_recent
        where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
            and canonical_theme = $theme
            and ($illustrative is null or is_illustrative = $illustrative)
            and list_has_any(owner_orgs, $organisations)
            and (
                $per_kind <= 10
                or error('practice_evidence: per_kind above the 10 records each set keeps')
            )
    )

    union all

    select hosted_groups.org_code, recent.outcome_key,
        recent.evidence_rank * 4294967296 + recent.recency
    from hosted_groups
    inner join agg_followed_recent as recent
        on recent.host_group_key = hosted_groups.host_group_key
    where (recent.visibility in $visible or list_contains(recent.owner_orgs, $viewer_org))
        and recent.canonical_theme = $theme
        and ($illustrative is null or recent.is_illustrative = $illustrative)
),

-- An outcome reached twice (claimed, and after an exchange it hosted) is one candidate.
chosen_outcomes as (
    select org_code, unnest(min_by(outcome_key, sort_key, $per_kind)) as outcome_key
    from (select distinct org_code, outcome_key, sort_key from candidates)
    group by org_code
),

-- The exchanges it hosted that each chosen outcome followed. A chosen outcome that followed a
-- host group's exchanges is among the ten that group keeps of outcomes alike: were it not, the
-- ten newer would all be candidates before it.
via as (
    select
        chosen.org_code,
        chosen.outcome_key,
        array_to_string(list_sort(flatten(list(recent.via_exchange_ids))), ', ')
            as via_exchanges
    from chosen_outcomes as chosen
    inner join agg_followed_recent as recent on recent.outcome_key = chosen.outcome_key
    inner join hosted_groups
        on hosted_groups.host_group_key = recent.host_group_key
        and hosted_groups.org_code = chosen.org_code
    group by chosen.org_code, chosen.outcome_key
),

chosen_exchanges as (
    select
        hosted_groups.org_code,
        unnest(min_by(
            recent.exchange_key,
            (date_diff('day', recent.start_date, date '9999-12-31'), recent.exchange_id),
            $per_kind
        )) as exchange_key
    from hosted_groups
    inner join agg_host_group_recent as recent
        on recent.host_group_key = hosted_groups.host_group_key
    group by hosted_groups.org_code
)

select * from (
    select
        chosen.org_code,
        'outcome' as kind,
        outcomes.outcome_id as record_id,
        outcomes.description as text,
        outcomes.observed_on as on_date,
        outcomes.level,
        outcomes.is_positive,
        outcomes.substantiation_status,
        via.via_exchanges,
        outcomes.is_illustrative
    from chosen_outcomes as chosen
    inner join agg_evidence_outcome as outcomes on outcomes.outcome_key = chosen.outcome_key
    left join via
        on via.org_code = chosen.org_code and via.outcome_key = chosen.outcome_key
    union all
    select
        chosen.org_code,
        'exchange' as kind,
        exchanges.exchange_id as record_id,
        exchanges.text,
        exchanges.start_date as on_date,
        null as level,
        null as is_positive,
        null as substantiation_status,
        null as via_exchanges,
        exchanges.is_illustrative
    from chosen_exchanges as chosen
    inner join agg_host_group_recent as exchanges on exchanges.exchange_key = chosen.exchange_key
)
order by org_code, kind desc, on_date desc, record_id
