-- Programmes side by side, split by one coded dimension at a time: exchanges by kind and by
-- initiator, outcomes by level, and outcomes by common theme (null: the programme's theme has
-- no common counterpart, so it is not comparable). Counted on the groups of exchanges and of
-- outcomes, each alike in these dimensions.
with exchanges as (
    select * from agg_programme_exchange
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
),

outcomes as (
    select * from agg_outcome_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
)

select programme_code, 'modality' as dimension, modality as code, sum(exchanges)::bigint as value
from exchanges group by all
union all
select programme_code, 'initiator', initiated_by, sum(exchanges)::bigint from exchanges group by all
union all
select programme_code, 'outcome_level', level, sum(outcomes)::bigint from outcomes group by all
union all
select programme_code, 'outcome_theme', canonical_theme, sum(outcomes)::bigint
from outcomes group by all
union all
select programme_code, 'outcome_theme_level', canonical_theme || '/' || level, sum(outcomes)::bigint
from outcomes where canonical_theme is not null group by all
order by all
