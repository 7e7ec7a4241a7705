-- The evidence behind the practice finder's suggestions: for each suggested organisation, the
-- outcomes on the theme it claims or that followed an exchange it hosted, and those exchanges;
-- the $per_kind most recent of each (substantiated positive outcomes first), so a page stays
-- small however much an organisation has documented (the ranking counts them all).
with hosted as (
    select exchange_id, host_org_code as org_code, title, demand, start_date
    from fct_exchange
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and host_org_code in $organisations
        and ($illustrative is null or is_illustrative = $illustrative)
),

outcomes as (
    select *
    from fct_outcome
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and canonical_theme = $theme
        and ($illustrative is null or is_illustrative = $illustrative)
),

linked as (
    select agents.org_code, outcomes.outcome_id, 'claimed' as link, null as exchange_id
    from outcomes
    inner join bridge_outcome_change_agent as agents on agents.outcome_id = outcomes.outcome_id
    where agents.org_code in $organisations
    union all
    select hosted.org_code, outcomes.outcome_id, 'followed' as link, hosted.exchange_id
    from outcomes
    inner join bridge_outcome_exchange as links on links.outcome_id = outcomes.outcome_id
    inner join hosted on hosted.exchange_id = links.exchange_id
)

select * from (
select
    linked.org_code,
    'outcome' as kind,
    outcomes.outcome_id as record_id,
    outcomes.description as text,
    outcomes.observed_on as on_date,
    outcomes.level,
    outcomes.is_positive,
    outcomes.substantiation_status,
    string_agg(distinct linked.exchange_id, ', ' order by linked.exchange_id) as via_exchanges,
    outcomes.is_illustrative
from linked
inner join outcomes on outcomes.outcome_id = linked.outcome_id
group by all
union all
select
    hosted.org_code,
    'exchange' as kind,
    hosted.exchange_id as record_id,
    concat_ws(': ', hosted.title, hosted.demand) as text,
    hosted.start_date as on_date,
    null as level,
    null as is_positive,
    null as substantiation_status,
    null as via_exchanges,
    exchanges.is_illustrative
from hosted
inner join fct_exchange as exchanges on exchanges.exchange_id = hosted.exchange_id
)
qualify row_number() over (
    partition by org_code, kind
    order by
        (is_positive is true and substantiation_status = 'substantiated') desc,
        on_date desc,
        record_id
) <= $per_kind
order by org_code, kind desc, on_date desc, record_id
