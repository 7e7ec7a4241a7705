-- The outcomes page's summary in one statement, so DuckDB plans once rather than three times
-- (3-4 ms less a request at 1M exchanges): the filtered outcomes per theme and level
-- (`theme_level`), by the kind of exchange they came from (`contributions`), and the plans that
-- came out of the exchanges (`follow_up`, one row). Each is a list of rows in order, read as a
-- frame with `warehouse.query.nested`; the fragments of the same names say how each is counted.
with theme_level as (
-- include: outcomes_theme_level
),

contributions as (
-- include: outcome_contributions
),

follow_up as (
-- include: plan_follow_up
)

select
    (select list(theme_level order by theme, level) from theme_level) as theme_level,
    (select list(contributions order by modality, theme, level) from contributions)
        as contributions,
    (select list(follow_up) from follow_up) as follow_up
