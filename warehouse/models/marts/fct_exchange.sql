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
        exchange_id,
        count(*) as organisations,
        sum(participations) as participations,
        sum(women) as women_participations,
        -- the share of women is taken over the rows where women were counted
        sum(participations) filter (where women is not null) as participations_with_sex_recorded,
        sum(youth) as youth_participations,
        sum(political_leaders) as political_leader_participations,
        sum(staff) as staff_participations,
        sum(militants) as militant_participations,
        list(distinct org_code) as participant_orgs
    from stg_exchange_participants
    group by exchange_id
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
