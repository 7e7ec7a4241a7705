-- Filtered outcomes per theme (common theme where mapped) and level, each outcome once.
with
-- include: filtered_outcome_groups

select
    coalesce(canonical_theme, theme_code) as theme,
    canonical_theme is not null as mapped,
    level,
    sum(outcomes)::bigint as outcomes
from filtered_outcome_groups
group by all
