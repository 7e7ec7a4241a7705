-- Partner organisations of a country, for participating-org.
select org_code, acronym, name from dim_organisation
where country_code = $country and role = 'partner'
order by org_code
