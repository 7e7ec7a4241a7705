-- The outcomes a shared URL filter selects, counted per group (`agg_outcome_group`) as the CTE
-- `filtered_outcome_groups`. Without words to search, a row is a selected group of outcomes; with
-- words, a row is one matching outcome (`outcome_key` set), since groups do not know their
-- words. Either way `outcomes` says how many outcomes a row stands for. The two rules state one
-- filter, on groups and on outcomes; the tables of records read the outcomes' own, which is
-- twice as fast there as joining the outcomes of the selected groups.
-- include: selected_outcome_groups
,
-- include: filtered_outcomes
,

filtered_outcome_groups as (
    select
        outcome_group_key,
        null::integer as outcome_key,
        programme_code,
        theme_code,
        canonical_theme,
        level,
        outcomes
    from selected_outcome_groups
    where len($terms) = 0

    union all

    select
        null::integer,
        outcome_key,
        programme_code,
        theme_code,
        canonical_theme,
        level,
        1
    from filtered_outcomes
    where len($terms) > 0
)
