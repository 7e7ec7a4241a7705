-- Outcomes per theme for the given programmes, keeping each programme's own theme codes and
-- their mapping to the five common themes (null where no mapping exists). Counted on the
-- outcome groups: each has one programme, theme, visibility and set of owners.
select
    themes.programme_code,
    themes.theme_code,
    themes.name as theme_name,
    themes.canonical_theme,
    coalesce(sum(outcome_groups.outcomes), 0)::bigint as outcomes
from dim_theme as themes
left join agg_outcome_group as outcome_groups
    on outcome_groups.programme_code = themes.programme_code
    and outcome_groups.theme_code = themes.theme_code
    and (
        outcome_groups.visibility in $visible
        or list_contains(outcome_groups.owner_orgs, $viewer_org)
    )
where themes.programme_code in $programmes
group by all
order by themes.programme_code, themes.theme_code
