-- One row per sending country, host country and kind of exchange, for the filtered exchanges:
-- every participant not from the host country travelled from its country to the host's.
-- Read from the travels per exchange group (`agg_travel_group`), not per participant; each
-- travel carries its group's attributes, so the shared filter applies to it directly.
with travels as (
    select
        exchange_groups.from_country,
        exchange_groups.host_country_code as to_country,
        case
            when exchange_groups.modality in ('partner_visit', 'study_visit') then 'visit'
            when exchange_groups.modality in ('continental_seminar', 'international_seminar')
                then 'seminar'
            when exchange_groups.modality = 'expert_mission' then 'expert'
            else 'joint'
        end as kind,
        coalesce(exchange_groups.canonical_theme, exchange_groups.theme_code) as theme,
        exchange_groups.exchanges,
        exchange_groups.participations,
        exchange_groups.women,
        exchange_groups.organisations,
        exchange_groups.first_start_date,
        exchange_groups.last_start_date
    from agg_travel_group as exchange_groups
    where
-- include: exchange_group_filter
),

-- Per flow and theme, then per flow: its themes and main theme (the most participations; a tie
-- goes to the theme whose code sorts last, so every request draws the same colour), its sums
-- and its organisations, in two aggregations of these few rows rather than four.
by_theme as (
    select
        from_country,
        to_country,
        kind,
        theme,
        sum(participations) as participations,
        sum(exchanges) as exchanges,
        sum(women) as women,
        min(first_start_date) as first_date,
        max(last_start_date) as last_date,
        flatten(list(organisations)) as organisations
    from travels
    group by all
),

flows as (
    select
        from_country,
        to_country,
        kind,
        sum(exchanges)::bigint as exchanges,
        sum(participations)::bigint as participations,
        sum(women)::bigint as women,
        min(first_date) as first_date,
        max(last_date) as last_date,
        list(theme order by theme) as themes,
        arg_max(theme, (participations, theme)) as main_theme,
        list_sort(list_distinct(flatten(list(organisations)))) as organisations
    from by_theme
    group by all
)

select
    flows.from_country,
    flows.to_country,
    flows.kind,
    flows.exchanges,
    flows.participations,
    flows.women,
    flows.organisations,
    flows.themes,
    flows.first_date,
    flows.last_date,
    flows.main_theme,
    origins.centroid_lat as from_lat,
    origins.centroid_lon as from_lon,
    hosts.centroid_lat as to_lat,
    hosts.centroid_lon as to_lon
from flows
inner join dim_country as origins on origins.country_code = flows.from_country
inner join dim_country as hosts on hosts.country_code = flows.to_country
