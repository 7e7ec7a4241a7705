-- grain: one row per indicator, year and kind (target or actual)
-- unique: indicator_id, year, kind
-- not_null: indicator_id, year, kind, programme_code, visibility
-- relationship: indicator_id -> dim_indicator.indicator_id
-- accepted: kind from value_kind
-- expect: measure_type <> 'qualitative' or value is null
-- expect: measure_type <> 'percentage' or value between 0 and 100
with values_ as (
    select * from stg_indicator_values
),

final as (
    select
        values_.indicator_id,
        values_.year,
        values_.kind,
        values_.value,
        values_.comment,
        indicators.programme_code,
        indicators.measure_type,
        indicators.visibility,
        values_.source,
        values_.estimated
    from values_
    inner join stg_indicators as indicators on indicators.indicator_id = values_.indicator_id
)

select * from final
