-- The viewer's indicators of one objective, with baseline and yearly targets and actuals.
select
    indicators.indicator_id,
    indicators.name,
    indicators.measure_type,
    indicators.direction,
    indicators.baseline_year,
    indicators.baseline_value,
    indicators.baseline_comment,
    values_.year,
    values_.kind,
    values_.value,
    values_.comment
from dim_indicator as indicators
left join fct_indicator_value as values_ on values_.indicator_id = indicators.indicator_id
where indicators.objective_id = $objective and indicators.visibility in $visible
order by indicators.indicator_id, values_.year, values_.kind
