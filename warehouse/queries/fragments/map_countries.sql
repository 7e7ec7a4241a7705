-- One row per country taking part in the filtered exchanges, with every map measure.
-- Each measure is one aggregate grouped by country (no lookup per country), over the exchange
-- groups the filter selects and their aggregates, never over single records.
with
-- include: filtered_exchange_groups
,

-- Participations carry their group's attributes: filtered without a join.
participation as (
    select
        exchange_groups.country_code,
        exchange_groups.org_code,
        exchange_groups.org_role,
        exchange_groups.participations,
        exchange_groups.host_country_code
    from agg_participation_group as exchange_groups
    where
-- include: exchange_group_filter
),

hosted as (
    select host_country_code as country_code, sum(exchanges) as exchanges_hosted
    from filtered_exchange_groups
    group by host_country_code
),

sent as (
    select country_code, sum(participations) as participations_sent
    from participation
    where country_code <> host_country_code
    group by country_code
),

received as (
    select host_country_code as country_code, sum(participations) as participations_received
    from participation
    where country_code <> host_country_code
    group by host_country_code
),

-- Organisations per country: a few hundred rows, whatever the number of exchanges.
organisations as (
    select
        taking_part.country_code,
        count(*) filter (where taking_part.org_role = 'partner') as partner_organisations,
        list(dim.acronym order by dim.acronym) as organisations
    from (select distinct country_code, org_code, org_role from participation) as taking_part
    inner join dim_organisation as dim on dim.org_code = taking_part.org_code
    group by taking_part.country_code
),

-- Outcomes counted together when they came from the same exchange groups: see agg_outcome_reach.
outcomes as (
    select reach.country_code, sum(reach.outcomes) as outcomes
    from agg_outcome_reach as reach
    where (reach.visibility in $visible or list_contains(reach.owner_orgs, $viewer_org))
        and reach.reach_key in (
            -- the sets with an exchange group the filter selects (each row carries its group's)
            select exchange_groups.reach_key
            from bridge_reach_exchange_group as exchange_groups
            where
-- include: exchange_group_filter
        )
    group by reach.country_code
),

countries as (
    select country_code from organisations
    union
    select country_code from hosted
)

select
    countries.country_code,
    dim.alpha3,
    dim.name,
    dim.region,
    coalesce(hosted.exchanges_hosted, 0)::bigint as exchanges_hosted,
    coalesce(sent.participations_sent, 0)::bigint as participations_sent,
    coalesce(received.participations_received, 0)::bigint as participations_received,
    coalesce(outcomes.outcomes, 0)::bigint as outcomes,
    coalesce(organisations.partner_organisations, 0) as partner_organisations,
    organisations.organisations
from countries
inner join dim_country as dim on dim.country_code = countries.country_code
left join hosted on hosted.country_code = countries.country_code
left join sent on sent.country_code = countries.country_code
left join received on received.country_code = countries.country_code
left join organisations on organisations.country_code = countries.country_code
left join outcomes on outcomes.country_code = countries.country_code
