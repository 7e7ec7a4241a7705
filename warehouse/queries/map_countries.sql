-- One row per country taking part in the filtered exchanges, with every map measure.
with
-- include: filtered_exchanges
,

participation as (
    select participants.*, exchanges.host_country_code
    from filtered_exchanges as exchanges
    inner join fct_participation as participants
        on participants.exchange_id = exchanges.exchange_id
),

countries as (
    select country_code from participation
    union
    select host_country_code from filtered_exchanges
),

outcomes as (
    select agents.country_code, count(distinct agents.outcome_id) as outcomes
    from bridge_outcome_change_agent as agents
    inner join bridge_outcome_exchange as links on links.outcome_id = agents.outcome_id
    inner join filtered_exchanges as exchanges on exchanges.exchange_id = links.exchange_id
    inner join fct_outcome as o on o.outcome_id = agents.outcome_id
    where (o.visibility in $visible or list_contains(o.owner_orgs, $viewer_org))
    group by agents.country_code
)

select
    countries.country_code,
    dim.alpha3,
    dim.name,
    dim.region,
    (select count(*) from filtered_exchanges as e
        where e.host_country_code = countries.country_code) as exchanges_hosted,
    coalesce((select sum(p.participations) from participation as p
        where p.country_code = countries.country_code
            and p.host_country_code <> countries.country_code), 0)::bigint
        as participations_sent,
    coalesce((select sum(p.participations) from participation as p
        where p.host_country_code = countries.country_code
            and p.country_code <> countries.country_code), 0)::bigint
        as participations_received,
    coalesce(outcomes.outcomes, 0) as outcomes,
    (select count(distinct p.org_code) from participation as p
        where p.country_code = countries.country_code and p.org_role = 'partner')
        as partner_organisations,
    (select list(distinct o.acronym order by o.acronym) from participation as p
        inner join dim_organisation as o on o.org_code = p.org_code
        where p.country_code = countries.country_code) as organisations
from countries
inner join dim_country as dim on dim.country_code = countries.country_code
left join outcomes on outcomes.country_code = countries.country_code
order by countries.country_code
