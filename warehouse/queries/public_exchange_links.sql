-- The public view's exchanges: one row per public exchange and organisation in it
-- (every participant, and the host even when no participant row names it), codes and counts
-- only, never a text. Illustrative records are left out: nothing made up is published. The
-- country and its risk flag come along so warehouse.disclosure can roll high-risk countries up
-- to their region before anything is counted.
with exchanges as (
    select exchange_id, programme_code, host_org_code
    from fct_exchange
    -- public records only, whoever runs it: no owner's own records in a public figure
    where visibility in $visible and visibility = 'public' and not is_illustrative
),

links as (
    select participants.exchange_id, participants.org_code, participants.participations
    from fct_participation as participants
    inner join exchanges on exchanges.exchange_id = participants.exchange_id
    union all
    select exchanges.exchange_id, exchanges.host_org_code, 0
    from exchanges
    where not exists (
        select 1 from fct_participation as participants
        where participants.exchange_id = exchanges.exchange_id
            and participants.org_code = exchanges.host_org_code
    )
)

select
    exchanges.programme_code,
    links.exchange_id,
    links.org_code,
    organisations.country_code,
    countries.region,
    countries.high_risk,
    links.participations
from links
inner join exchanges on exchanges.exchange_id = links.exchange_id
left join dim_organisation as organisations on organisations.org_code = links.org_code
left join dim_country as countries on countries.country_code = organisations.country_code
order by exchanges.programme_code, links.exchange_id, links.org_code
