-- grain: one row per exchange group
-- unique: exchange_group_key
-- not_null: exchange_group_key, host_group_key
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- Exchange groups alike in what the practice finder asks of a host (who hosted, who may see
-- it, its theme) share a host group: a few thousand where exchange groups are tens of thousands,
-- so the words of what followed their exchanges are kept per host group.
select
    exchange_group_key,
    dense_rank() over (
        order by host_org_code, visibility, owner_orgs, canonical_theme, is_illustrative
    )::integer as host_group_key
from agg_exchange_group
order by exchange_group_key
