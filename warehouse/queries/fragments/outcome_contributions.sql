-- Filtered outcomes by the modality of the exchanges that contributed, theme and level. Each
-- outcome counts once: one linked to n exchanges weighs 1/n along each; one with no exchange
-- recorded, or only exchanges the reader may not see, comes from 'none'.
with
-- include: filtered_outcome_groups
,

-- Each selected row's outcomes with the kinds of exchange they came from, `n` of their `links`
-- of each: groups read their contributions' kinds (`agg_contribution_kinds`); an outcome found
-- by words reads its own exchanges.
links as (
    select
        structures.structure_key as origin,
        coalesce(chosen.canonical_theme, chosen.theme_code) as theme,
        chosen.level,
        structures.outcomes,
        structures.links,
        unnest(structures.kinds, recursive := true)
    from filtered_outcome_groups as chosen
    inner join agg_contribution_kinds as structures
        on structures.outcome_group_key = chosen.outcome_group_key
        -- owners are kept only for a reader who may own records
        and structures.for_organisation = ($viewer_org is not null)

    union all

    select
        -outcome_key,  -- apart from every structure key, which are positive
        theme,
        level,
        1,
        sum(n) over (partition by outcome_key),
        modality,
        visibility,
        owner_orgs,
        n
    from (
        select
            chosen.outcome_key,
            coalesce(chosen.canonical_theme, chosen.theme_code) as theme,
            chosen.level,
            exchange_groups.modality,
            exchange_groups.visibility,
            exchange_groups.owner_orgs,
            count(*) as n  -- one link of no kind for an outcome from no recorded exchange
        from filtered_outcome_groups as chosen
        left join bridge_outcome_exchange as bridge on bridge.outcome_key = chosen.outcome_key
        left join lookup_exchange_group as groups on groups.exchange_key = bridge.exchange_key
        left join agg_exchange_group as exchange_groups
            on exchange_groups.exchange_group_key = groups.exchange_group_key
        where chosen.outcome_key is not null
        group by all
    )
),

kinds as (
    select
        origin,
        theme,
        level,
        outcomes,
        links,
        n,
        if(
            modality is not null
            and (visibility in $visible or list_contains(owner_orgs, $viewer_org)),
            modality,
            'none'
        ) as modality
    from links
),

-- An outcome shared between exchanges counts once per modality among them.
shared as (
    select distinct origin, modality, theme, level, outcomes from kinds where links > 1
)

select
    kinds.modality,
    kinds.theme,
    kinds.level,
    sum(kinds.outcomes * kinds.n / kinds.links) as outcomes,
    coalesce(any_value(shared_counts.outcomes), 0)::bigint as shared_outcomes
from kinds
left join (
    select modality, theme, level, sum(outcomes) as outcomes from shared group by all
) as shared_counts
    on shared_counts.modality = kinds.modality
    and shared_counts.theme = kinds.theme
    and shared_counts.level = kinds.level
group by all
