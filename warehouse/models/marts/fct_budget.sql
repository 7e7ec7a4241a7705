-- grain: one row per budget line: programme, year, country (or none) and kind
-- unique: budget_line_id
-- unique: programme_code, year, country_code, kind
-- not_null: budget_line_id, programme_code, year, kind, amount_eur, visibility
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: country_code -> dim_country.country_code
-- accepted: kind from budget_kind
-- expect: amount_eur >= 0
select
    budget_line_id,
    programme_code,
    year,
    country_code,
    kind,
    amount_eur,
    visibility,
    is_illustrative,
    source
from stg_budgets
