-- The first $limit records M&E staff should look at, one row per record and issue, for the
-- viewer's records: a table for reading, which must not grow with the warehouse (the counts are
-- `data_quality_counts`). `lookup_quality_issue` is stored in the order shown, so the first
-- rows that pass the filter are the page (DuckDB keeps a table's order in a scan without ORDER
-- BY); only these are joined to their texts, and a plan is stuck when its last change is over
-- a year old today.
with chosen as (
    select *
    from lookup_quality_issue
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org))
        and (issue <> 'plan_stuck' or last_change < current_date - interval 1 year)
    limit $limit
),

-- The texts of the rows kept, each kind joined from the keys present only: an empty side lets
-- DuckDB skip reading the other table.
outcome_texts as (
    select outcomes.outcome_key, outcomes.description
    from (select distinct outcome_key from chosen where outcome_key is not null) as kept
    inner join fct_outcome as outcomes on outcomes.outcome_key = kept.outcome_key
),

exchange_texts as (
    select exchanges.exchange_key, exchanges.title
    from (select distinct exchange_key from chosen where exchange_key is not null) as kept
    inner join fct_exchange as exchanges on exchanges.exchange_key = kept.exchange_key
)

select
    chosen.issue,
    chosen.record_id,
    chosen.programme_code,
    coalesce(
        outcomes.description,
        exchanges.title,
        plans.title || ' (' || plans.current_status || ' since ' || chosen.last_change || ')'
    ) as detail
from chosen
left join outcome_texts as outcomes on outcomes.outcome_key = chosen.outcome_key
left join exchange_texts as exchanges on exchanges.exchange_key = chosen.exchange_key
left join fct_innovation_plan as plans
    on chosen.issue = 'plan_stuck' and plans.plan_id = chosen.record_id
order by chosen.issue, chosen.programme_code, chosen.record_order
