-- grain: one row per set of exchange groups outcomes came from, and exchange group in it
-- unique: reach_key, exchange_group_key
-- not_null: reach_key, exchange_group_key
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- Each row repeats its exchange group's filtered attributes, so the map finds the sets a filter
-- reaches without joining the groups (`exchange_group_filter`).
with members as (
    select distinct reach_key, unnest(exchange_group_keys) as exchange_group_key
    from agg_outcome_reach
)

select
    members.reach_key,
    members.exchange_group_key,
    groups.visibility,
    groups.owner_orgs,
    groups.programme_code,
    groups.year,
    groups.theme_code,
    groups.canonical_theme,
    groups.modality,
    groups.participant_orgs,
    groups.participant_countries
from members
inner join agg_exchange_group as groups on groups.exchange_group_key = members.exchange_group_key
order by
    groups.programme_code, groups.canonical_theme, groups.year, members.exchange_group_key,
    members.reach_key
