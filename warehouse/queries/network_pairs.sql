-- Who learned from whom: one row per visiting (or expert, facilitating) organisation and host,
-- under the shared exchange filter.
with
-- include: filtered_exchanges

select
    visitors.org_code as learner,
    learner_orgs.acronym as learner_acronym,
    learner_orgs.country_code as learner_country,
    learner_orgs.region as learner_region,
    exchanges.host_org_code as host,
    host_orgs.acronym as host_acronym,
    host_orgs.country_code as host_country,
    host_orgs.region as host_region,
    count(distinct exchanges.exchange_key) as exchanges,
    sum(visitors.participations)::bigint as participations
from filtered_exchanges as exchanges
inner join fct_participation as visitors
    on visitors.exchange_key = exchanges.exchange_key and visitors.role <> 'host'
inner join dim_organisation as learner_orgs on learner_orgs.org_code = visitors.org_code
inner join dim_organisation as host_orgs on host_orgs.org_code = exchanges.host_org_code
where visitors.org_code <> exchanges.host_org_code
group by all
order by learner, host
