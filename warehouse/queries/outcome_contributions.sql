-- Filtered outcomes by the modality of the exchanges that contributed, theme and level. Each
-- outcome counts once: one linked to n exchanges weighs 1/n along each; one with no exchange
-- recorded, or only exchanges the reader may not see, comes from 'none'.
with
-- include: filtered_outcome_groups
,

-- The exchange groups each selected row's outcomes came from: a group's outcomes are counted
-- together when they came from the same ones; an outcome found by words has its own list.
origins as (
    select
        contributions.contribution_key as origin,
        coalesce(chosen.canonical_theme, chosen.theme_code) as theme,
        chosen.level,
        contributions.outcomes,
        contributions.exchange_group_keys
    from filtered_outcome_groups as chosen
    inner join agg_outcome_contribution as contributions
        on contributions.outcome_group_key = chosen.outcome_group_key

    union all

    select
        -chosen.outcome_key,  -- apart from every contribution key, which are positive
        coalesce(chosen.canonical_theme, chosen.theme_code),
        chosen.level,
        1,
        coalesce((
            select list(groups.exchange_group_key order by groups.exchange_group_key)
            from bridge_outcome_exchange as bridge
            inner join lookup_exchange_group as groups on groups.exchange_key = bridge.exchange_key
            where bridge.outcome_key = chosen.outcome_key
        ), [])
    from filtered_outcome_groups as chosen
    where chosen.outcome_key is not null
),

links as (
    select
        origin,
        theme,
        level,
        outcomes,
        greatest(len(exchange_group_keys), 1) as links,
        unnest(if(len(exchange_group_keys) = 0, [null::integer], exchange_group_keys))
            as exchange_group_key
    from origins
),

kinds as (
    select
        links.*,
        coalesce(exchange_groups.modality, 'none') as modality
    from links
    left join agg_exchange_group as exchange_groups
        on exchange_groups.exchange_group_key = links.exchange_group_key
        and (
            exchange_groups.visibility in $visible
            or list_contains(exchange_groups.owner_orgs, $viewer_org)
        )
),

-- An outcome shared between exchanges counts once per modality among them.
shared as (
    select distinct origin, modality, theme, level, outcomes from kinds where links > 1
)

select
    kinds.modality,
    kinds.theme,
    kinds.level,
    sum(kinds.outcomes / kinds.links) as outcomes,
    coalesce(any_value(shared_counts.outcomes), 0)::bigint as shared_outcomes
from kinds
left join (
    select modality, theme, level, sum(outcomes) as outcomes from shared group by all
) as shared_counts
    on shared_counts.modality = kinds.modality
    and shared_counts.theme = kinds.theme
    and shared_counts.level = kinds.level
group by all
order by all
