-- One country's name and region.
select country_code, name, region, high_risk from dim_country where country_code = $country
