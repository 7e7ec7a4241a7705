-- Who learned from whom: one row per visiting (or expert, facilitating) organisation and host,
-- under the shared exchange filter.
-- Read from the participations per exchange group: an organisation takes part in an exchange
-- once, so summing each group's exchanges counts distinct exchanges. Each carries its group's
-- attributes, so the shared filter applies to it directly.
select
    visitors.org_code as learner,
    learner_orgs.acronym as learner_acronym,
    learner_orgs.country_code as learner_country,
    learner_orgs.region as learner_region,
    visitors.host_org_code as host,
    host_orgs.acronym as host_acronym,
    host_orgs.country_code as host_country,
    host_orgs.region as host_region,
    sum(visitors.exchanges)::bigint as exchanges,
    sum(visitors.participations)::bigint as participations
from (
    select exchange_groups.*
    from agg_participation_group as exchange_groups
    where exchange_groups.role <> 'host'
        and exchange_groups.org_code <> exchange_groups.host_org_code
        and
-- include: exchange_group_filter
) as visitors
inner join dim_organisation as learner_orgs on learner_orgs.org_code = visitors.org_code
inner join dim_organisation as host_orgs on host_orgs.org_code = visitors.host_org_code
group by all
order by learner, host
