-- grain: one row per exchange
-- unique: exchange_id
-- unique: exchange_key
-- not_null: exchange_key, exchange_id, programme_code, modality, theme_code, start_date, end_date, host_org_code, host_country_code, visibility, owner_orgs, participations
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: host_org_code -> dim_organisation.org_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- accepted: modality from modality
-- accepted: initiated_by from initiator
-- accepted: visibility from visibility
-- expect: end_date >= start_date
-- expect: women_participations <= participations_with_sex_recorded
-- expect: participations_with_sex_recorded <= participations
-- expect: cost_eur >= 0
with exchanges as (
    select * from stg_exchanges
),

participation as (
    select
        participants.exchange_id,
        count(*) as organisations,
        sum(participants.participations) as participations,
        sum(participants.women) as women_participations,
        -- the share of women is taken over the rows where women were counted
        sum(participants.participations) filter (where participants.women is not null)
            as participations_with_sex_recorded,
        sum(participants.youth) as youth_participations,
        sum(participants.political_leaders) as political_leader_participations,
        sum(participants.staff) as staff_participations,
        sum(participants.militants) as militant_participations,
        list(distinct participants.org_code order by participants.org_code) as participant_orgs,
        list(distinct organisations.country_code order by organisations.country_code)
            filter (where organisations.country_code is not null) as participant_countries
    from stg_exchange_participants as participants
    left join stg_organisations as organisations
        on organisations.org_code = participants.org_code
    group by participants.exchange_id
),

-- A small integer key, numbered in programme and date order, from the narrow columns alone:
-- joins on it are several times faster than on the text identifier.
keys as (
    select
        exchange_id,
        row_number() over (order by programme_code, start_date, exchange_id)::integer
            as exchange_key
    from stg_exchanges
),

final as (
    select
        keys.exchange_key,
        exchanges.exchange_id,
        exchanges.programme_code,
        exchanges.modality,
        exchanges.title,
        exchanges.theme_code,
        themes.canonical_theme,
        exchanges.start_date,
        exchanges.end_date,
        year(exchanges.start_date) as year,
        date_diff('day', exchanges.start_date, exchanges.end_date) + 1 as duration_days,
        exchanges.host_org_code,
        hosts.country_code as host_country_code,
        exchanges.demand,
        exchanges.initiated_by,
        exchanges.cost_eur,
        coalesce(participation.organisations, 0) as organisations,
        coalesce(participation.participations, 0) as participations,
        participation.women_participations,
        participation.participations_with_sex_recorded,
        participation.youth_participations,
        participation.political_leader_participations,
        participation.staff_participations,
        participation.militant_participations,
        -- the evaluation found delegations of both leaders and staff or militants crucial
        coalesce(participation.political_leader_participations, 0) > 0
        and coalesce(participation.staff_participations, 0)
        + coalesce(participation.militant_participations, 0) > 0 as has_mixed_delegation,
        exchanges.visibility,
        -- the organisations whose partner accounts may read the exchange whatever its visibility
        list_sort(list_distinct(list_append(
            coalesce(participation.participant_orgs, []), exchanges.host_org_code
        ))) as owner_orgs,
        -- who took part, as the organisation and region filters ask
        coalesce(participation.participant_orgs, []) as participant_orgs,
        coalesce(participation.participant_countries, []) as participant_countries,
        exchanges.is_illustrative,
        exchanges.source,
        exchanges.estimated
    from exchanges
    inner join keys on keys.exchange_id = exchanges.exchange_id
    left join participation on participation.exchange_id = exchanges.exchange_id
    left join stg_organisations as hosts on hosts.org_code = exchanges.host_org_code
    left join stg_programme_themes as themes
        on themes.programme_code = exchanges.programme_code
        and themes.theme_code = exchanges.theme_code
)

select * from final
