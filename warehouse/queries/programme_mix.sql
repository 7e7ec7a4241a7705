-- Programmes side by side, split by one coded dimension at a time: exchanges by kind and by
-- initiator, outcomes by level, and outcomes by common theme (null: the programme's theme has
-- no common counterpart, so it is not comparable).
with exchanges as (
    select * from fct_exchange
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
),

outcomes as (
    select * from fct_outcome
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
)

select programme_code, 'modality' as dimension, modality as code, count(*) as value
from exchanges group by all
union all
select programme_code, 'initiator', initiated_by, count(*) from exchanges group by all
union all
select programme_code, 'outcome_level', level, count(*) from outcomes group by all
union all
select programme_code, 'outcome_theme', canonical_theme, count(*) from outcomes group by all
union all
select programme_code, 'outcome_theme_level', canonical_theme || '/' || level, count(*)
from outcomes where canonical_theme is not null group by all
order by all
