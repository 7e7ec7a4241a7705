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
),

chosen as (
    select rows.*
    from newest
    inner join agg_outcome_recent_row as rows on rows.outcome_key = newest.outcome_key
)

-- include: outcome_rows_shown
order by chosen.observed_on desc, chosen.outcome_id
