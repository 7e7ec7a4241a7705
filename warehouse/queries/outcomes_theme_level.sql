-- Filtered outcomes per theme (common theme where mapped) and level, each outcome once.
with
-- include: filtered_outcomes

select
    coalesce(canonical_theme, theme_code) as theme,
    canonical_theme is not null as mapped,
    level,
    count(*) as outcomes
from filtered_outcomes
group by all
order by theme, level
