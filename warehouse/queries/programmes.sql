-- Programmes, newest first, with whether the viewer can see any exchange or outcome in them
-- (asked of the groups of exchanges and of outcomes, not of every record).
select
    programmes.programme_code,
    programmes.name,
    programmes.start_year,
    programmes.end_year,
    programmes.previous_programme_code,
    programmes.lead_org_code,
    exists (
        select 1 from agg_exchange_group as exchanges
        where exchanges.programme_code = programmes.programme_code
            and (exchanges.visibility in $visible or list_contains(exchanges.owner_orgs, $viewer_org))
    )
    or exists (
        select 1 from agg_outcome_group as outcomes
        where outcomes.programme_code = programmes.programme_code
            and (outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org))
    ) as has_data
from dim_programme as programmes
order by programmes.start_date desc
