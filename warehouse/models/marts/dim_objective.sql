-- grain: one row per specific objective
-- unique: objective_id
-- not_null: objective_id, programme_code, title, visibility
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: country_code -> dim_country.country_code
-- relationship: programme_code, theme_code -> dim_theme.programme_code, theme_code
-- accepted: visibility from visibility
select
    objective_id,
    programme_code,
    title,
    country_code,
    theme_code,
    iati_identifier,
    visibility,
    is_illustrative,
    source,
    _source as source_id
from stg_specific_objectives
