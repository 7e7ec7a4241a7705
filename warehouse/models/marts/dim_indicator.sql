-- grain: one row per indicator of a programme's results framework
-- unique: indicator_id
-- not_null: indicator_id, programme_code, name, measure_type, direction, aggregation, visibility
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: objective_id -> dim_objective.objective_id
-- accepted: measure_type from measure_type
-- accepted: direction from direction
-- accepted: aggregation from aggregation
-- expect: measure_type <> 'qualitative' or baseline_value is null
select
    indicator_id,
    programme_code,
    objective_id,
    name,
    measure_type,
    direction,
    aggregation,
    unit,
    baseline_year,
    baseline_value,
    baseline_comment,
    visibility,
    is_illustrative,
    source
from stg_indicators
