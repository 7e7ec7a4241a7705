-- grain: one row per exchange
-- unique: exchange_key
-- not_null: exchange_key, exchange_group_key
-- relationship: exchange_key -> fct_exchange.exchange_key
-- Exchanges alike in every attribute the shared filter reads share a group, so the pages'
-- aggregates read one row per group (thousands) instead of every exchange. Numbered from the
-- narrow columns alone: ranking whole rows would sort every text with them.
select
    exchange_key,
    dense_rank() over (
        order by visibility, owner_orgs, programme_code, year, theme_code, canonical_theme,
            modality, host_org_code, participant_orgs, participant_countries, is_illustrative
    )::integer as exchange_group_key
from fct_exchange
order by exchange_key
