-- Specific objectives the viewer may publish, with their programme, for IATI; with the
-- country's region and whether it is high-risk (then only the region may be published).
select
    objectives.objective_id,
    objectives.iati_identifier,
    objectives.title,
    objectives.country_code,
    coalesce(countries.high_risk, false) as high_risk,
    countries.region,
    objectives.theme_code,
    themes.canonical_theme,
    objectives.is_illustrative,
    programmes.programme_code,
    programmes.name as programme_name,
    programmes.start_date,
    programmes.end_date,
    programmes.funder,
    programmes.iati_identifier as programme_iati_identifier,
    programmes.lead_iati_identifier,
    programmes.description as programme_description
from dim_objective as objectives
inner join dim_programme as programmes on programmes.programme_code = objectives.programme_code
left join dim_country as countries on countries.country_code = objectives.country_code
left join dim_theme as themes
    on themes.programme_code = objectives.programme_code
    and themes.theme_code = objectives.theme_code
where objectives.visibility in $visible
    and (len($programmes) = 0 or objectives.programme_code in $programmes)
    and (len($objectives) = 0 or objectives.objective_id in $objectives)
order by objectives.objective_id
