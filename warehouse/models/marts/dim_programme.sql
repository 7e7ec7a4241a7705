-- grain: one row per programme
-- unique: programme_code
-- not_null: programme_code, name, start_date, end_date
-- relationship: lead_org_code -> dim_organisation.org_code
-- relationship: previous_programme_code -> dim_programme.programme_code
-- expect: end_date >= start_date
with programmes as (
    select * from stg_programmes
),

final as (
    select
        programme_code,
        name,
        start_date,
        end_date,
        year(start_date) as start_year,
        year(end_date) as end_year,
        funder,
        lead_org_code,
        iati_identifier,
        lead_iati_identifier,
        description,
        is_illustrative,
        source,
        _source as source_id,  -- the intake source it was loaded from, e.g. iati:<file>
        -- the programme that ran before this one: comparisons on the overview use it
        lag(programme_code) over (order by start_date, programme_code) as previous_programme_code
    from programmes
)

select * from final
