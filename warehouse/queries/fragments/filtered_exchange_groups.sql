-- The exchange groups (`agg_exchange_group`) a shared URL filter selects, as the CTE
-- `filtered_exchange_groups`: groups of exchanges alike in every filtered attribute, so a filter
-- selects whole groups (`filtered_exchanges` are their exchanges).
filtered_exchange_groups as (
    select exchange_groups.*
    from agg_exchange_group as exchange_groups
    where
-- include: exchange_group_filter
)
