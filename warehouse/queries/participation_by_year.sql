-- A programme's participations per year, by sex where it was recorded, from its exchange groups.
select
    year,
    sum(participations)::bigint as participations,
    sum(women_participations)::bigint as women,
    sum(participations_with_sex_recorded)::bigint as sex_recorded
from agg_exchange_group
where programme_code = $programme
    and (visibility in $visible or list_contains(owner_orgs, $viewer_org))
    and (len($themes) = 0 or canonical_theme in $themes)
group by year
order by year
