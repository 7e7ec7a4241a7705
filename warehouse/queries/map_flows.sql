-- One row per sending country, host country and kind of exchange, for the filtered exchanges:
-- every participant not from the host country travelled from its country to the host's.
-- Read from the travels per exchange group (`agg_travel_group`), not per participant.
with
-- include: filtered_exchange_groups
,

travels as (
    select
        travel.from_country,
        exchange_groups.host_country_code as to_country,
        case
            when exchange_groups.modality in ('partner_visit', 'study_visit') then 'visit'
            when exchange_groups.modality in ('continental_seminar', 'international_seminar')
                then 'seminar'
            when exchange_groups.modality = 'expert_mission' then 'expert'
            else 'joint'
        end as kind,
        coalesce(exchange_groups.canonical_theme, exchange_groups.theme_code) as theme,
        travel.exchanges,
        travel.participations,
        travel.women,
        travel.organisations,
        travel.first_start_date,
        travel.last_start_date
    from filtered_exchange_groups as exchange_groups
    inner join agg_travel_group as travel
        on travel.exchange_group_key = exchange_groups.exchange_group_key
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
    sum(travels.exchanges)::bigint as exchanges,
    sum(travels.participations)::bigint as participations,
    sum(travels.women)::bigint as women,
    list_sort(list_distinct(flatten(list(travels.organisations)))) as organisations,
    list(distinct travels.theme order by travels.theme) as themes,
    min(travels.first_start_date) as first_date,
    max(travels.last_start_date) as last_date,
    -- a tie goes to the theme whose code sorts last, so every request draws the same colour
    (
        select arg_max(t.theme, (t.participations, t.theme)) from by_theme as t
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
