-- Organisations for filter choices: code, acronym, name and country. Organisations without a
-- country (imported from IATI) are left out: the checks keep them out of every exchange and
-- outcome, so they would filter nothing.
select org_code, acronym, name, country_code, role
from dim_organisation
where country_code is not null
order by acronym, org_code
