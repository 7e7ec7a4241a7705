-- The evidence behind the practice finder's suggestions: for each suggested organisation, the
-- outcomes on the theme it claims or that followed an exchange it hosted, and those exchanges;
-- the $per_kind most recent of each (substantiated positive outcomes first), so a page stays
-- small however much an organisation has documented (the ranking counts them all). Records are
-- reached through their groups and chosen on narrow columns; texts are read for the chosen only.
with theme_groups as (
    select
        outcome_group_key,
        owner_orgs,
        is_positive is true and substantiation_status = 'substantiated' as substantiated
    from agg_outcome_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

hosted as (
    select exchanges.exchange_key, exchanges.exchange_id, groups.host_org_code as org_code,
        exchanges.start_date
    from agg_exchange_group as groups
    inner join lookup_exchange_group as members
        on members.exchange_group_key = groups.exchange_group_key
    inner join fct_exchange as exchanges on exchanges.exchange_key = members.exchange_key
    where (groups.visibility in $visible or list_contains(groups.owner_orgs, $viewer_org))
        and groups.canonical_theme = $theme
        and groups.host_org_code in $organisations
        and ($illustrative is null or groups.is_illustrative = $illustrative)
),

claimed_groups as (
    select outcome_group_key, substantiated, unnest(list_intersect(owner_orgs, $organisations))
        as org_code
    from theme_groups
    where list_has_any(owner_orgs, $organisations)
),

linked as (
    select claimed.org_code, members.outcome_key, claimed.substantiated, null as exchange_id
    from claimed_groups as claimed
    inner join lookup_outcome_group as members
        on members.outcome_group_key = claimed.outcome_group_key
    union all
    select hosted.org_code, links.outcome_key, theme_groups.substantiated, hosted.exchange_id
    from hosted
    inner join bridge_outcome_exchange as links on links.exchange_key = hosted.exchange_key
    inner join lookup_outcome_group as members on members.outcome_key = links.outcome_key
    inner join theme_groups on theme_groups.outcome_group_key = members.outcome_group_key
),

chosen_outcomes as (
    select evidence.org_code, evidence.outcome_key
    from (select distinct org_code, outcome_key, substantiated from linked) as evidence
    inner join fct_outcome as outcomes on outcomes.outcome_key = evidence.outcome_key
    qualify row_number() over (
        partition by evidence.org_code
        order by evidence.substantiated desc, outcomes.observed_on desc, outcomes.outcome_id
    ) <= $per_kind
),

via as (
    select linked.org_code, linked.outcome_key,
        string_agg(distinct linked.exchange_id, ', ' order by linked.exchange_id)
            as via_exchanges
    from linked
    inner join chosen_outcomes
        on chosen_outcomes.org_code = linked.org_code
        and chosen_outcomes.outcome_key = linked.outcome_key
    group by linked.org_code, linked.outcome_key
),

chosen_exchanges as (
    select exchange_key, org_code from hosted
    qualify row_number() over (
        partition by org_code order by start_date desc, exchange_id
    ) <= $per_kind
)

select * from (
    select
        via.org_code,
        'outcome' as kind,
        outcomes.outcome_id as record_id,
        outcomes.description as text,
        outcomes.observed_on as on_date,
        outcomes.level,
        outcomes.is_positive,
        outcomes.substantiation_status,
        via.via_exchanges,
        outcomes.is_illustrative
    from via
    inner join fct_outcome as outcomes on outcomes.outcome_key = via.outcome_key
    union all
    select
        chosen.org_code,
        'exchange' as kind,
        exchanges.exchange_id as record_id,
        concat_ws(': ', exchanges.title, exchanges.demand) as text,
        exchanges.start_date as on_date,
        null as level,
        null as is_positive,
        null as substantiation_status,
        null as via_exchanges,
        exchanges.is_illustrative
    from chosen_exchanges as chosen
    inner join fct_exchange as exchanges on exchanges.exchange_key = chosen.exchange_key
)
order by org_code, kind desc, on_date desc, record_id
