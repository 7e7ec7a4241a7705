-- grain: one row per record and data-quality issue it has
-- unique: issue, record_id
-- not_null: issue, record_id, programme_code, visibility, owner_orgs, record_order
-- accepted: visibility from visibility
-- The records M&E staff should look at, listed once at load in the order the data page shows
-- them (issue, programme, then the records' own order: date for exchanges and outcomes, the
-- programme page's order for plans), so the page reads its first rows and stops, where sorting
-- every record with an issue took 5.5 s at 10M exchanges. Whether a plan is stuck depends on
-- today's date: its last change is kept, and the page compares it with today.
with plan_stages as (
    select plan_id, max(changed_on) as last_change from fct_plan_status group by plan_id
),

issues as (
    select 3 as issue_order, 'outcome_not_substantiated' as issue, outcome_id as record_id,
        programme_code, visibility, owner_orgs, outcome_key as record_order, outcome_key,
        null::integer as exchange_key, null::date as last_change
    from fct_outcome
    where substantiation_status in ('not_substantiated', 'in_progress')

    union all
    select 1, 'exchange_without_plan', exchanges.exchange_id, exchanges.programme_code,
        exchanges.visibility, exchanges.owner_orgs, exchanges.exchange_key, null,
        exchanges.exchange_key, null
    from fct_exchange as exchanges
    where exchanges.modality not in ('continental_seminar', 'international_seminar')
        and not exists (
            select 1 from bridge_plan_exchange as links
            where links.exchange_key = exchanges.exchange_key
        )

    union all
    select 0, 'exchange_missing_women_counts', exchange_id, programme_code, visibility,
        owner_orgs, exchange_key, null, exchange_key, null
    from fct_exchange
    where participations_with_sex_recorded is distinct from participations

    union all
    select 4, 'plan_stuck', plans.plan_id, plans.programme_code, plans.visibility,
        plans.owner_orgs, plans.listed_order, null, null, stages.last_change
    from fct_innovation_plan as plans
    inner join plan_stages as stages on stages.plan_id = plans.plan_id
    where plans.current_status in ('draft', 'adopted', 'in_progress')

    union all
    select 2, 'illustrative_record', exchange_id, programme_code, visibility, owner_orgs,
        exchange_key, null, exchange_key, null
    from fct_exchange
    where is_illustrative

    union all
    select 2, 'illustrative_record', outcome_id, programme_code, visibility, owner_orgs,
        -- after the exchanges: the two kinds of illustrative record do not interleave
        outcome_key + 2147483647::bigint, outcome_key, null, null
    from fct_outcome
    where is_illustrative
)

-- `issue_order` is the issues' alphabetical order, which the page shows, as an integer: sorting
-- millions of rows on it rather than on the issue's name takes 2.2 s instead of 3.7 at 1M.
select * exclude (issue_order) from issues
order by issue_order, programme_code, record_order
