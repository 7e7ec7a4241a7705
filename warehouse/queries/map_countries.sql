-- One row per country taking part in the filtered exchanges, with every map measure.
-- Each measure is one aggregate over the filtered rows, grouped by country (no lookup per
-- country), so a million exchanges are read a few times, not once per country.
with
-- include: filtered_exchanges
,

participation as (
    select
        participants.country_code,
        participants.org_code,
        participants.org_role,
        participants.participations,
        exchanges.host_country_code
    from filtered_exchanges as exchanges
    inner join fct_participation as participants
        on participants.exchange_key = exchanges.exchange_key
),

hosted as (
    select host_country_code as country_code, count(*) as exchanges_hosted
    from filtered_exchanges
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

outcomes as (
    select agents.country_code, count(distinct agents.outcome_key) as outcomes
    from bridge_outcome_change_agent as agents
    inner join fct_outcome as o on o.outcome_key = agents.outcome_key
    where (o.visibility in $visible or list_contains(o.owner_orgs, $viewer_org))
        and agents.outcome_key in (
            select links.outcome_key
            from bridge_outcome_exchange as links
            inner join filtered_exchanges as exchanges
                on exchanges.exchange_key = links.exchange_key
        )
    group by agents.country_code
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
    coalesce(hosted.exchanges_hosted, 0) as exchanges_hosted,
    coalesce(sent.participations_sent, 0)::bigint as participations_sent,
    coalesce(received.participations_received, 0)::bigint as participations_received,
    coalesce(outcomes.outcomes, 0) as outcomes,
    coalesce(organisations.partner_organisations, 0) as partner_organisations,
    organisations.organisations
from countries
inner join dim_country as dim on dim.country_code = countries.country_code
left join hosted on hosted.country_code = countries.country_code
left join sent on sent.country_code = countries.country_code
left join received on received.country_code = countries.country_code
left join organisations on organisations.country_code = countries.country_code
left join outcomes on outcomes.country_code = countries.country_code
order by countries.country_code
