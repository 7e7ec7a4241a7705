-- grain: one row per exchange group and country its visitors travelled from
-- unique: exchange_group_key, from_country
-- not_null: exchange_group_key, from_country, exchanges, participations, organisations, programme_code, visibility, owner_orgs
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- relationship: from_country -> dim_country.country_code
-- expect: exchanges >= 1
-- Every participant not hosting and not from the host's country travelled to the host's: the
-- map's flows, counted once per exchange however many organisations of a country travelled.
with travels as (
    select
        groups.exchange_group_key,
        participants.country_code as from_country,
        count(distinct participants.exchange_key) as exchanges,
        sum(participants.participations) as participations,
        sum(participants.women) as women,
        list(distinct organisations.acronym order by organisations.acronym) as organisations,
        min(exchanges.start_date) as first_start_date,
        max(exchanges.start_date) as last_start_date
    from fct_participation as participants
    inner join fct_exchange as exchanges on exchanges.exchange_key = participants.exchange_key
    inner join lookup_exchange_group as groups on groups.exchange_key = participants.exchange_key
    inner join dim_organisation as organisations on organisations.org_code = participants.org_code
    where participants.role <> 'host'
        and participants.country_code <> exchanges.host_country_code
    group by all
)

-- Each row repeats its group's filtered attributes, so the map filters travels without a join
-- (`exchange_group_filter`), in this order of the usual filter's columns.
select
    travels.*,
    groups.visibility,
    groups.owner_orgs,
    groups.programme_code,
    groups.year,
    groups.theme_code,
    groups.canonical_theme,
    groups.modality,
    groups.host_country_code,
    groups.participant_orgs,
    groups.participant_countries
from travels
inner join agg_exchange_group as groups on groups.exchange_group_key = travels.exchange_group_key
order by
    groups.programme_code, groups.canonical_theme, groups.year, travels.exchange_group_key,
    travels.from_country
