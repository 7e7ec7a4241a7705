-- Organisations for filter choices: code, acronym, name and country.
select org_code, acronym, name, country_code, role
from dim_organisation
order by acronym, org_code
