-- grain: one row per group of exchanges alike in every attribute the shared filter reads
-- unique: exchange_group_key
-- not_null: exchange_group_key, visibility, owner_orgs, programme_code, year, theme_code, modality, host_org_code, participant_orgs, participant_countries, exchanges, participations
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: host_org_code -> dim_organisation.org_code
-- expect: exchanges >= 1
-- expect: participations_with_sex_recorded <= participations
-- The pages' exchange measures summed per group: a filter selects groups, never single
-- exchanges, so at a million exchanges a page aggregates thousands of rows, not millions.
-- Every attribute is the same throughout a group, so only the key is grouped on.
select
    groups.exchange_group_key,
    any_value(exchanges.visibility) as visibility,
    any_value(exchanges.owner_orgs) as owner_orgs,
    any_value(exchanges.programme_code) as programme_code,
    any_value(exchanges.year) as year,
    any_value(exchanges.theme_code) as theme_code,
    any_value(exchanges.canonical_theme) as canonical_theme,
    any_value(exchanges.modality) as modality,
    any_value(exchanges.host_org_code) as host_org_code,
    any_value(exchanges.host_country_code) as host_country_code,
    any_value(exchanges.participant_orgs) as participant_orgs,
    any_value(exchanges.participant_countries) as participant_countries,
    any_value(exchanges.is_illustrative) as is_illustrative,
    count(*) as exchanges,
    sum(exchanges.participations) as participations,
    sum(exchanges.women_participations) as women_participations,
    sum(exchanges.participations_with_sex_recorded) as participations_with_sex_recorded,
    min(exchanges.start_date) as first_start_date,
    max(exchanges.start_date) as last_start_date
from fct_exchange as exchanges
inner join lookup_exchange_group as groups on groups.exchange_key = exchanges.exchange_key
group by groups.exchange_group_key
order by exchange_group_key
