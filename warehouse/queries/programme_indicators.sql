-- A programme's results framework: each indicator with its targets and actuals per year.
select
    indicators.indicator_id,
    indicators.name,
    indicators.measure_type,
    indicators.direction,
    indicators.aggregation,
    indicators.unit,
    indicators.baseline_year,
    indicators.baseline_value,
    indicators.baseline_comment,
    indicators.is_illustrative,
    values_.year,
    values_.kind,
    values_.value,
    values_.comment
from dim_indicator as indicators
left join fct_indicator_value as values_ on values_.indicator_id = indicators.indicator_id
where indicators.programme_code = $programme and indicators.visibility in $visible
order by indicators.indicator_id, values_.year, values_.kind
