-- grain: one row per exchange group, participating organisation and role
-- unique: exchange_group_key, org_code, role
-- not_null: exchange_group_key, org_code, role, exchanges, participations, programme_code, visibility, owner_orgs
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- relationship: org_code -> dim_organisation.org_code
-- accepted: role from participant_role
-- expect: exchanges >= 1
-- expect: women <= participations
-- An organisation takes part in an exchange once, so `exchanges` summed over groups counts
-- distinct exchanges.
with participations as (
    select
        groups.exchange_group_key,
        participants.org_code,
        participants.role,
        participants.country_code,
        participants.org_role,
        count(*) as exchanges,
        sum(participants.participations) as participations,
        sum(participants.women) as women
    from fct_participation as participants
    inner join lookup_exchange_group as groups on groups.exchange_key = participants.exchange_key
    group by all
)

-- Each row repeats its group's filtered attributes, so the map and the network filter
-- participations without a join (`exchange_group_filter`), in this order of the usual filter's
-- columns.
select
    participations.*,
    groups.programme_code,
    groups.visibility,
    groups.owner_orgs,
    groups.is_illustrative,
    groups.year,
    groups.theme_code,
    groups.canonical_theme,
    groups.modality,
    groups.host_org_code,
    groups.host_country_code,
    groups.participant_orgs,
    groups.participant_countries
from participations
inner join agg_exchange_group as groups
    on groups.exchange_group_key = participations.exchange_group_key
order by
    groups.programme_code, groups.canonical_theme, groups.year, participations.exchange_group_key,
    participations.org_code, participations.role
