-- The outcomes table as it opens: a page of the filtered outcomes newest first, without words to
-- search, within the first hundred rows. These are among the hundred newest of each selected
-- group (`agg_outcome_group_recent`), read instead of every outcome the filter selects, with
-- what they show kept beside them (`agg_outcome_recent_row`). `outcomes_page` answers any other
-- page or order; `warehouse.query.run` asks this one when it gives the same rows.
with
-- include: selected_outcome_groups
,

newest as (
    select recent.outcome_key
    from selected_outcome_groups as chosen_groups
    inner join agg_outcome_group_recent as recent
        on recent.outcome_group_key = chosen_groups.outcome_group_key
    order by recent.recency
    limit $limit offset $offset
)

select
    chosen.outcome_id,
    chosen.programme_code,
    chosen.observed_on,
    chosen.theme_code,
    chosen.canonical_theme,
    chosen.level,
    chosen.outcome_type,
    chosen.social_actor,
    coalesce(translated.description, chosen.description) as description,
    coalesce(translated.language, chosen.language) as language,
    translated.language is not null as is_translation,
    chosen.change_agent_names as change_agents,
    chosen.change_agent_countries as countries,
    chosen.substantiation_status,
    chosen.is_positive,
    chosen.is_intended,
    chosen.is_illustrative
from newest
inner join agg_outcome_recent_row as chosen on chosen.outcome_key = newest.outcome_key
left join fct_outcome_translation as translated
    on translated.outcome_id = chosen.outcome_id
    and translated.language = $language
    and chosen.language <> $language
order by chosen.observed_on desc, chosen.outcome_id
