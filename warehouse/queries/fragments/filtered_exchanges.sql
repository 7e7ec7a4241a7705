-- The exchanges a shared URL filter selects, as the CTE `filtered_exchanges` (beside
-- `filtered_exchange_groups`, which states the filter): the exchanges of the selected groups.
-- include: filtered_exchange_groups
,

filtered_exchanges as (
    select exchanges.*
    from filtered_exchange_groups as exchange_groups
    inner join lookup_exchange_group as members
        on members.exchange_group_key = exchange_groups.exchange_group_key
    inner join fct_exchange as exchanges on exchanges.exchange_key = members.exchange_key
)
