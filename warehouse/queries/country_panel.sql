-- One country's exchanges, sent and hosted, under the shared filter, for the map's side panel.
with
-- include: filtered_exchanges

select
    exchanges.exchange_id,
    exchanges.title,
    exchanges.modality,
    exchanges.start_date,
    exchanges.host_country_code = $country as hosted,
    exchanges.participations
from filtered_exchanges as exchanges
where exchanges.host_country_code = $country
    or exists (
        select 1 from fct_participation as p
        where p.exchange_id = exchanges.exchange_id and p.country_code = $country
            and p.role <> 'host'
    )
order by exchanges.start_date
