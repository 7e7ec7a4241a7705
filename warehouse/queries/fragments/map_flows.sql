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

-- Participations per flow and theme: a flow's themes, and its main theme (the most
-- participations; a tie goes to the theme whose code sorts last, so every request draws the
-- same colour), from these few rows rather than from every travel.
by_theme as (
    select from_country, to_country, kind, theme, sum(participations) as participations
    from travels
    group by all
),

themes as (
    select
        from_country,
        to_country,
        kind,
        list(theme order by theme) as themes,
        arg_max(theme, (participations, theme)) as main_theme
    from by_theme
    group by all
),

organisations as (
    select from_country, to_country, kind, list(organisation order by organisation) as organisations
    from (
        select distinct from_country, to_country, kind, unnest(organisations) as organisation
        from travels
    )
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
        min(first_start_date) as first_date,
        max(last_start_date) as last_date
    from travels
    group by all
)

select
    flows.from_country,
    flows.to_country,
    flows.kind,
    flows.exchanges,
    flows.participations,
    flows.women,
    coalesce(organisations.organisations, []) as organisations,
    themes.themes,
    flows.first_date,
    flows.last_date,
    themes.main_theme,
    origins.centroid_lat as from_lat,
    origins.centroid_lon as from_lon,
    hosts.centroid_lat as to_lat,
    hosts.centroid_lon as to_lon
from flows
inner join themes using (from_country, to_country, kind)
left join organisations using (from_country, to_country, kind)
inner join dim_country as origins on origins.country_code = flows.from_country
inner join dim_country as hosts on hosts.country_code = flows.to_country
