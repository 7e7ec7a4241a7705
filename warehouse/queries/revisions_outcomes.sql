-- Revisions of harvested outcomes since a snapshot: added, removed, or changed in what reports
-- show (description, public description, level, substantiation). snapshot_fct_outcome is a temp
-- view of the snapshot, set up by warehouse.snapshots.revisions. An outcome is shown when the
-- viewer may see it now or, if it is gone, could see it in the snapshot; one hidden now is never
-- shown, not even its old text. Give $programme to keep one programme's outcomes, or null.
with
before_outcomes as (
    select outcome_id, programme_code, description, public_description, level, substantiation_status
    from snapshot_fct_outcome
    where visibility in $visible
),

after_outcomes as (
    select outcome_id, programme_code, description, public_description, level, substantiation_status
    from fct_outcome
    where visibility in $visible
),

hidden_now as (
    select outcome_id from fct_outcome where visibility not in $visible
),

compared as (
    select
        coalesce(a.outcome_id, b.outcome_id) as outcome_id,
        coalesce(a.programme_code, b.programme_code) as programme_code,
        case
            when b.outcome_id is null then 'added'
            when a.outcome_id is null then 'removed'
            else 'changed'
        end as change,
        list_filter(
            [
                case when a.description is distinct from b.description then 'description' end,
                case when a.public_description is distinct from b.public_description
                    then 'public_description' end,
                case when a.level is distinct from b.level then 'level' end,
                case when a.substantiation_status is distinct from b.substantiation_status
                    then 'substantiation_status' end
            ],
            lambda field: field is not null
        ) as fields,
        b.description as old_description,
        a.description as new_description,
        b.public_description as old_public_description,
        a.public_description as new_public_description,
        b.level as old_level,
        a.level as new_level,
        b.substantiation_status as old_substantiation_status,
        a.substantiation_status as new_substantiation_status
    from before_outcomes as b
    full join after_outcomes as a on a.outcome_id = b.outcome_id
)

select *
from compared
where (change <> 'changed' or len(fields) > 0)
    and not exists (select 1 from hidden_now as h where h.outcome_id = compared.outcome_id)
    and ($programme is null or programme_code = $programme)
order by outcome_id
