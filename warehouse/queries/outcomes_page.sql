-- One page of the filtered outcomes, sorted by one of a fixed set of columns. Texts come in the
-- reader's $language where a translation exists, else in their original language (`language`
-- then says which).
with
-- include: filtered_outcomes
,

page as (
    select
        outcomes.outcome_id,
        outcomes.programme_code,
        outcomes.observed_on,
        outcomes.theme_code,
        outcomes.canonical_theme,
        outcomes.level,
        outcomes.outcome_type,
        outcomes.social_actor,
        coalesce(translated.description, outcomes.description) as description,
        coalesce(translated.language, outcomes.language) as language,
        translated.language is not null as is_translation,
        outcomes.change_agent_names as change_agents,
        outcomes.change_agent_countries as countries,
        outcomes.substantiation_status,
        outcomes.is_positive,
        outcomes.is_intended,
        outcomes.is_illustrative,
        -- the one column the user sorts by, from a fixed list; dates sort as ISO text
        case $sort_col
            when 'outcome_id' then outcomes.outcome_id
            when 'programme_code' then outcomes.programme_code
            when 'observed_on' then cast(outcomes.observed_on as varchar)
            when 'theme_code' then outcomes.theme_code
            when 'level' then outcomes.level
            when 'outcome_type' then outcomes.outcome_type
            when 'substantiation_status' then outcomes.substantiation_status
            when 'change_agents' then outcomes.change_agent_names
        end as sort_key
    from filtered_outcomes as outcomes
    left join fct_outcome_translation as translated
        on translated.outcome_id = outcomes.outcome_id
        and translated.language = $language
        and outcomes.language <> $language
)

select * exclude (sort_key)
from page
order by
    case when $sort_dir = 'asc' then sort_key end asc nulls last,
    case when $sort_dir = 'desc' then sort_key end desc nulls last,
    observed_on desc,
    outcome_id
limit $limit offset $offset
