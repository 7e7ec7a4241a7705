-- A programme's specific objectives, for choosing one.
select objective_id, title, country_code, iati_identifier, is_illustrative
from dim_objective
where programme_code = $programme and visibility in $visible
order by objective_id
