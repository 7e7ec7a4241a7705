-- The viewer's budget and expenditure lines of a programme in one country, per year.
select year, kind, amount_eur
from fct_budget
where programme_code = $programme and country_code = $country and visibility in $visible
order by year, kind
