-- Outcomes per theme for the given programmes, keeping each programme's own theme codes and
-- their mapping to the five common themes (null where no mapping exists).
select
    themes.programme_code,
    themes.theme_code,
    themes.name as theme_name,
    themes.canonical_theme,
    count(outcomes.outcome_id) as outcomes
from dim_theme as themes
left join fct_outcome as outcomes
    on outcomes.programme_code = themes.programme_code
    and outcomes.theme_code = themes.theme_code
    and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
where themes.programme_code in $programmes
group by all
order by themes.programme_code, themes.theme_code
