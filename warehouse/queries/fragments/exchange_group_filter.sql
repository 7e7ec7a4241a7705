-- The shared URL filter on exchange groups, as a condition on rows aliased `exchange_groups`
-- that carry a group's attributes: `agg_exchange_group` itself (see `filtered_exchange_groups`),
-- or the aggregates per group that repeat them, which a page then filters without a join.
-- Parameters: $visible, $viewer_org, $programmes, $themes (common or programme theme codes),
-- $modalities, $organisations, $regions, $year_from, $year_to; empty lists and nulls select
-- everything.
(
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
