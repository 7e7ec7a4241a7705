-- Programmes in the order they ran, codes only, for the public view's rows.
select programme_code
from dim_programme
order by start_date, programme_code
