-- One row per sending country, host country and kind of exchange, for the filtered exchanges:
-- every participant not from the host country travelled from its country to the host's.
with
-- include: filtered_exchanges
,

travels as (
    select
        participants.country_code as from_country,
        exchanges.host_country_code as to_country,
        case
            when exchanges.modality in ('partner_visit', 'study_visit') then 'visit'
            when exchanges.modality in ('continental_seminar', 'international_seminar')
                then 'seminar'
            when exchanges.modality = 'expert_mission' then 'expert'
            else 'joint'
        end as kind,
        exchanges.exchange_key,
        coalesce(exchanges.canonical_theme, exchanges.theme_code) as theme,
        exchanges.start_date,
        participants.participations,
        participants.women,
        organisations.acronym
    from filtered_exchanges as exchanges
    inner join fct_participation as participants
        on participants.exchange_key = exchanges.exchange_key
    inner join dim_organisation as organisations
        on organisations.org_code = participants.org_code
    where participants.role <> 'host'
        and participants.country_code <> exchanges.host_country_code
),

by_theme as (
    select from_country, to_country, kind, theme, sum(participations) as participations
    from travels
    group by all
)

select
    travels.from_country,
    travels.to_country,
    travels.kind,
    count(distinct travels.exchange_key) as exchanges,
    sum(travels.participations)::bigint as participations,
    sum(travels.women)::bigint as women,
    list(distinct travels.acronym order by travels.acronym) as organisations,
    list(distinct travels.theme order by travels.theme) as themes,
    min(travels.start_date) as first_date,
    max(travels.start_date) as last_date,
    (
        select arg_max(t.theme, t.participations) from by_theme as t
        where t.from_country = travels.from_country and t.to_country = travels.to_country
            and t.kind = travels.kind
    ) as main_theme,
    origins.centroid_lat as from_lat,
    origins.centroid_lon as from_lon,
    hosts.centroid_lat as to_lat,
    hosts.centroid_lon as to_lon
from travels
inner join dim_country as origins on origins.country_code = travels.from_country
inner join dim_country as hosts on hosts.country_code = travels.to_country
group by travels.from_country, travels.to_country, travels.kind, origins.centroid_lat,
    origins.centroid_lon, hosts.centroid_lat, hosts.centroid_lon
order by travels.from_country, travels.to_country, travels.kind
