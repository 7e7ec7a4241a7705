-- grain: one row per exchange and participating organisation
-- unique: exchange_id, org_code
-- not_null: exchange_key, exchange_id, org_code, country_code, role, participations, programme_code, visibility
-- relationship: exchange_id -> fct_exchange.exchange_id
-- relationship: org_code -> dim_organisation.org_code
-- accepted: role from participant_role
-- expect: women <= participations
-- expect: youth <= participations
-- expect: persons <= participations
-- expect: coalesce(political_leaders, 0) + coalesce(staff, 0) + coalesce(militants, 0) <= participations
with participants as (
    select * from stg_exchange_participants
),

-- The exchange's columns the filters use, and its key, from the exchange fact itself.
exchanges as (
    select
        exchange_key,
        exchange_id,
        programme_code,
        modality,
        theme_code,
        start_date,
        visibility,
        is_illustrative,
        owner_orgs
    from fct_exchange
),

final as (
    select
        exchanges.exchange_key,
        participants.exchange_id,
        participants.org_code,
        organisations.country_code,
        organisations.role as org_role,
        participants.role,
        participants.participations,
        participants.women,
        participants.youth,
        participants.political_leaders,
        participants.staff,
        participants.militants,
        participants.persons,
        exchanges.programme_code,
        exchanges.modality,
        exchanges.theme_code,
        year(exchanges.start_date) as year,
        exchanges.visibility,
        exchanges.owner_orgs,
        exchanges.is_illustrative
    from participants
    inner join exchanges on exchanges.exchange_id = participants.exchange_id
    left join stg_organisations as organisations on organisations.org_code = participants.org_code
)

select * from final order by exchange_key
