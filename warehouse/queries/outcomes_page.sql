-- One page of the filtered outcomes, sorted by one of a fixed set of columns. Texts come in the
-- reader's $language where a translation exists, else in their original language (`language`
-- then says which). The page the table opens on is read by `outcomes_newest`, from the newest
-- outcomes kept per group, when it gives the same rows (`warehouse.query.run`).
with
-- include: filtered_outcomes
,

-- From the sort columns of every outcome the filter selects; texts and translations are then
-- joined to these rows only.
sorted as (
    select
        outcome_key,
        -- the one column the user sorts by, from a fixed list; dates keep their own type
        case $sort_col
            when 'outcome_id' then outcome_id
            when 'programme_code' then programme_code
            when 'theme_code' then theme_code
            when 'level' then level
            when 'outcome_type' then outcome_type
            when 'substantiation_status' then substantiation_status
            when 'change_agents' then change_agent_names
        end as text_key,
        case when $sort_col = 'observed_on' then observed_on end as date_key
    from filtered_outcomes
    order by
        case when $sort_dir = 'asc' then date_key end asc nulls last,
        case when $sort_dir = 'desc' then date_key end desc nulls last,
        case when $sort_dir = 'asc' then text_key end asc nulls last,
        case when $sort_dir = 'desc' then text_key end desc nulls last,
        observed_on desc,
        outcome_id
    limit $limit offset $offset
),

chosen as (
    select
        outcomes.outcome_key,
        outcomes.outcome_id,
        outcomes.programme_code,
        outcomes.observed_on,
        outcomes.theme_code,
        outcomes.canonical_theme,
        outcomes.level,
        outcomes.outcome_type,
        outcomes.social_actor,
        outcomes.description,
        outcomes.language,
        outcomes.change_agent_names,
        outcomes.change_agent_countries,
        outcomes.substantiation_status,
        outcomes.is_positive,
        outcomes.is_intended,
        outcomes.is_illustrative,
        sorted.text_key,
        sorted.date_key
    from sorted
    inner join fct_outcome as outcomes on outcomes.outcome_key = sorted.outcome_key
)

-- include: outcome_rows_shown
order by
    case when $sort_dir = 'asc' then chosen.date_key end asc nulls last,
    case when $sort_dir = 'desc' then chosen.date_key end desc nulls last,
    case when $sort_dir = 'asc' then chosen.text_key end asc nulls last,
    case when $sort_dir = 'desc' then chosen.text_key end desc nulls last,
    chosen.observed_on desc,
    chosen.outcome_id
