-- grain: one row per programme and theme code as that programme used it
-- unique: programme_code, theme_code
-- not_null: programme_code, theme_code, name
-- relationship: programme_code -> dim_programme.programme_code
-- accepted: canonical_theme from canonical_theme
with themes as (
    select * from stg_programme_themes
),

final as (
    select
        programme_code,
        theme_code,
        name,
        -- null where the programme's theme has no mapping to the five common themes
        canonical_theme
    from themes
)

select * from final
