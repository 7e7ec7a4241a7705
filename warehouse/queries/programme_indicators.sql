-- A results framework: each indicator of a programme, or of one specific objective, with its
-- baseline and its targets and actuals per year. Give $programme or $objective, the other null.
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
where indicators.visibility in $visible
    and ($programme is null or indicators.programme_code = $programme)
    and ($objective is null or indicators.objective_id = $objective)
order by indicators.indicator_id, values_.year, values_.kind
