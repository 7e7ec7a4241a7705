-- The evidence behind the practice finder's suggestions: for each suggested organisation, the
-- outcomes on the theme it claims or that followed an exchange it hosted, and those exchanges;
-- the $per_kind most recent of each (substantiated positive outcomes first), so a page stays
-- small however much an organisation has documented (the ranking counts them all). The rows
-- are chosen on narrow columns; texts are read for the chosen rows only.
with hosted as (
    select
        exchange_key,
        exchange_id,
        host_org_code as org_code,
        title,
        demand,
        start_date,
        is_illustrative
    from fct_exchange
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and host_org_code in $organisations
        and ($illustrative is null or is_illustrative = $illustrative)
),

outcomes as (
    select outcome_key, outcome_id, observed_on, is_positive, substantiation_status
    from fct_outcome
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

linked as (
    select agents.org_code, outcomes.outcome_key, null as exchange_id
    from outcomes
    inner join bridge_outcome_change_agent as agents on agents.outcome_key = outcomes.outcome_key
    where agents.org_code in $organisations
    union all
    select hosted.org_code, outcomes.outcome_key, hosted.exchange_id
    from outcomes
    inner join bridge_outcome_exchange as links on links.outcome_key = outcomes.outcome_key
    inner join hosted on hosted.exchange_key = links.exchange_key
),

chosen_outcomes as (
    select
        linked.org_code,
        linked.outcome_key,
        string_agg(distinct linked.exchange_id, ', ' order by linked.exchange_id)
            as via_exchanges
    from linked
    inner join outcomes on outcomes.outcome_key = linked.outcome_key
    group by linked.org_code, linked.outcome_key, outcomes.is_positive,
        outcomes.substantiation_status, outcomes.observed_on, outcomes.outcome_id
    qualify row_number() over (
        partition by linked.org_code
        order by
            (outcomes.is_positive is true and outcomes.substantiation_status = 'substantiated')
                desc,
            outcomes.observed_on desc,
            outcomes.outcome_id
    ) <= $per_kind
),

chosen_exchanges as (
    select * from hosted
    qualify row_number() over (
        partition by org_code order by start_date desc, exchange_id
    ) <= $per_kind
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
        chosen.via_exchanges,
        outcomes.is_illustrative
    from chosen_outcomes as chosen
    inner join fct_outcome as outcomes on outcomes.outcome_key = chosen.outcome_key
    union all
    select
        org_code,
        'exchange' as kind,
        exchange_id as record_id,
        concat_ws(': ', title, demand) as text,
        start_date as on_date,
        null as level,
        null as is_positive,
        null as substantiation_status,
        null as via_exchanges,
        is_illustrative
    from chosen_exchanges
)
order by org_code, kind desc, on_date desc, record_id
