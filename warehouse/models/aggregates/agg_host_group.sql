-- grain: one row per host group (exchange groups alike in what the practice finder asks of a host)
-- unique: host_group_key
-- not_null: host_group_key, host_org_code, visibility, owner_orgs, exchanges
-- relationship: host_org_code -> dim_organisation.org_code
-- expect: exchanges >= 1
-- Who hosted, who may see it, on which theme, and how many exchanges: the practice finder
-- filters a few thousand host groups where exchange groups are tens of thousands.
select
    hosts.host_group_key,
    any_value(groups.host_org_code) as host_org_code,
    any_value(groups.visibility) as visibility,
    any_value(groups.owner_orgs) as owner_orgs,
    any_value(groups.canonical_theme) as canonical_theme,
    any_value(groups.is_illustrative) as is_illustrative,
    sum(groups.exchanges) as exchanges
from agg_exchange_group as groups
inner join lookup_host_group as hosts on hosts.exchange_group_key = groups.exchange_group_key
group by hosts.host_group_key
order by hosts.host_group_key
