-- grain: one row per ISO 3166 country
-- unique: country_code
-- not_null: country_code, alpha3, name, high_risk
-- accepted: region from region
-- expect: centroid_lat between -90 and 90
with countries as (
    select * from ref_country
),

risk as (
    select country_code, high_risk, basis from stg_country_risk
),

final as (
    select
        countries.country_code,
        countries.alpha3,
        countries.name,
        countries.region,
        countries.subregion,
        countries.centroid_lat,
        countries.centroid_lon,
        coalesce(risk.high_risk, false) as high_risk,
        risk.basis as risk_basis
    from countries
    left join risk on risk.country_code = countries.country_code
)

select * from final
