-- The exchange groups (`agg_exchange_group`) a shared URL filter selects, as the CTE
-- `filtered_exchange_groups`: groups of exchanges alike in every filtered attribute, so a filter
-- selects whole groups (`filtered_exchanges` are their exchanges).
-- Parameters: $visible, $programmes, $themes (common or programme theme codes), $modalities,
-- $organisations, $regions, $year_from, $year_to; empty lists and nulls select everything.
filtered_exchange_groups as (
    select exchange_groups.*
    from agg_exchange_group as exchange_groups
    where (
            exchange_groups.visibility in $visible
            or list_contains(exchange_groups.owner_orgs, $viewer_org)
        )
        and (len($programmes) = 0 or exchange_groups.programme_code in $programmes)
        and ($year_from is null or exchange_groups.year >= $year_from)
        and ($year_to is null or exchange_groups.year <= $year_to)
        and (
            len($themes) = 0
            or exchange_groups.canonical_theme in $themes
            or exchange_groups.theme_code in $themes
        )
        and (len($modalities) = 0 or exchange_groups.modality in $modalities)
        and (
            len($organisations) = 0
            or list_has_any(exchange_groups.participant_orgs, $organisations)
        )
        and (
            len($regions) = 0 or list_has_any(
                exchange_groups.participant_countries,
                (select list(country_code) from dim_country where region in $regions)
            )
        )
)
