-- grain: one row per organisation
-- unique: org_code
-- not_null: org_code, acronym, name, org_type, role
-- relationship: country_code -> dim_country.country_code
-- accepted: org_type from organisation_type
-- accepted: role from organisation_role
with organisations as (
    select * from stg_organisations
),

final as (
    select
        organisations.org_code,
        organisations.acronym,
        organisations.name,
        organisations.country_code,
        countries.region,
        organisations.org_type,
        organisations.role,
        organisations.is_illustrative,
        organisations.source
    from organisations
    left join dim_country as countries on countries.country_code = organisations.country_code
)

select * from final
