-- The exchanges a shared URL filter selects, as the CTE `filtered_exchanges`.
-- Parameters: $visible, $programmes, $themes (common or programme theme codes), $modalities,
-- $organisations, $regions, $year_from, $year_to; empty lists and nulls select everything.
filtered_exchanges as (
    select exchanges.*
    from fct_exchange as exchanges
    where (exchanges.visibility in $visible or list_contains(exchanges.owner_orgs, $viewer_org))
        and (len($programmes) = 0 or exchanges.programme_code in $programmes)
        and ($year_from is null or exchanges.year >= $year_from)
        and ($year_to is null or exchanges.year <= $year_to)
        and (
            len($themes) = 0
            or exchanges.canonical_theme in $themes
            or exchanges.theme_code in $themes
        )
        and (len($modalities) = 0 or exchanges.modality in $modalities)
        and (
            len($organisations) = 0 or exists (
                select 1 from fct_participation as p
                where p.exchange_key = exchanges.exchange_key and p.org_code in $organisations
            )
        )
        and (
            len($regions) = 0 or exists (
                select 1 from fct_participation as p
                inner join dim_country as c on c.country_code = p.country_code
                where p.exchange_key = exchanges.exchange_key and c.region in $regions
            )
        )
)
