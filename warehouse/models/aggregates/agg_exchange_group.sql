-- grain: one row per group of exchanges alike in every attribute the shared filter reads
-- unique: exchange_group_key
-- not_null: exchange_group_key, visibility, owner_orgs, programme_code, year, theme_code, modality, host_org_code, participant_orgs, participant_countries, exchanges, participations
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: host_org_code -> dim_organisation.org_code
-- expect: exchanges >= 1
-- expect: participations_with_sex_recorded <= participations
-- The pages' exchange measures summed per group: a filter selects groups, never single
-- exchanges, so at a million exchanges a page aggregates thousands of rows, not millions.
select
    exchange_group_key,
    visibility,
    owner_orgs,
    programme_code,
    year,
    theme_code,
    canonical_theme,
    modality,
    host_org_code,
    host_country_code,
    participant_orgs,
    participant_countries,
    is_illustrative,
    count(*) as exchanges,
    sum(participations) as participations,
    sum(women_participations) as women_participations,
    sum(participations_with_sex_recorded) as participations_with_sex_recorded,
    min(start_date) as first_start_date,
    max(start_date) as last_start_date
from fct_exchange
group by all
order by exchange_group_key
