-- Revisions of reported indicator figures since a snapshot: baselines, targets and actuals, by
-- indicator, year and kind. snapshot_* are temp views of the snapshot, set up by
-- warehouse.snapshots.revisions. A figure is shown when the viewer may see its indicator now or,
-- if the indicator is gone, could see it in the snapshot; one hidden now is never shown, not even
-- its old value. Give $programme to keep one programme's indicators, or null.
with
before_figures as (
    select
        i.indicator_id, i.programme_code, i.objective_id, i.name,
        v.year, v.kind, v.value, v.comment
    from snapshot_fct_indicator_value as v
    inner join snapshot_dim_indicator as i on i.indicator_id = v.indicator_id
    where i.visibility in $visible
    union all
    select
        indicator_id, programme_code, objective_id, name,
        baseline_year, 'baseline', baseline_value, baseline_comment
    from snapshot_dim_indicator
    where visibility in $visible
        and (baseline_year is not null or baseline_value is not null or baseline_comment is not null)
),

after_figures as (
    select
        i.indicator_id, i.programme_code, i.objective_id, i.name,
        v.year, v.kind, v.value, v.comment
    from fct_indicator_value as v
    inner join dim_indicator as i on i.indicator_id = v.indicator_id
    where i.visibility in $visible
    union all
    select
        indicator_id, programme_code, objective_id, name,
        baseline_year, 'baseline', baseline_value, baseline_comment
    from dim_indicator
    where visibility in $visible
        and (baseline_year is not null or baseline_value is not null or baseline_comment is not null)
),

hidden_now as (
    select indicator_id from dim_indicator where visibility not in $visible
)

select
    coalesce(a.indicator_id, b.indicator_id) as indicator_id,
    coalesce(a.programme_code, b.programme_code) as programme_code,
    coalesce(a.objective_id, b.objective_id) as objective_id,
    coalesce(a.name, b.name) as name,
    coalesce(a.year, b.year) as year,
    coalesce(a.kind, b.kind) as kind,
    case
        when b.indicator_id is null then 'added'
        when a.indicator_id is null then 'removed'
        else 'changed'
    end as change,
    b.value as old_value,
    a.value as new_value,
    b.comment as old_comment,
    a.comment as new_comment
from before_figures as b
full join after_figures as a
    on a.indicator_id = b.indicator_id
    and a.year is not distinct from b.year
    and a.kind = b.kind
where (
        b.indicator_id is null
        or a.indicator_id is null
        or a.value is distinct from b.value
        or a.comment is distinct from b.comment
    )
    and not exists (
        select 1 from hidden_now as h where h.indicator_id = coalesce(a.indicator_id, b.indicator_id)
    )
    and ($programme is null or coalesce(a.programme_code, b.programme_code) = $programme)
order by indicator_id, year, kind
