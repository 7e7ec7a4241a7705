-- grain: one row per outcome group and kinds of exchange its outcomes came from
-- unique: structure_key
-- unique: outcome_group_key, links, kinds
-- not_null: structure_key, outcome_group_key, links, kinds, outcomes
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- expect: outcomes >= 1
-- The outcomes page weighs each outcome along the kinds of exchange it came from (1/n along
-- each of its n exchanges). Contributions (`agg_outcome_contribution`) whose exchanges are of
-- the same kinds, visibility and owners, in the same numbers, weigh alike: they are summed
-- here, so the page reads these rows instead of unnesting every contribution's exchanges.
-- `kinds` lists, per modality, visibility and owners, how many (`n`) of the `links` are of it; an
-- outcome from no recorded exchange has one link of no kind (modality null).
with links as (
    select
        contributions.contribution_key,
        contributions.outcome_group_key,
        contributions.outcomes,
        greatest(len(contributions.exchange_group_keys), 1) as links,
        unnest(if(
            len(contributions.exchange_group_keys) = 0,
            [null::integer],
            contributions.exchange_group_keys
        )) as exchange_group_key
    from agg_outcome_contribution as contributions
),

kinds as (
    select
        links.contribution_key,
        links.outcome_group_key,
        links.outcomes,
        links.links,
        exchange_groups.modality,
        exchange_groups.visibility,
        exchange_groups.owner_orgs,
        count(*) as n
    from links
    left join agg_exchange_group as exchange_groups
        on exchange_groups.exchange_group_key = links.exchange_group_key
    group by all
),

structures as (
    select
        outcome_group_key,
        outcomes,
        links,
        list_sort(list({
            'modality': modality, 'visibility': visibility, 'owner_orgs': owner_orgs, 'n': n
        })) as kinds
    from kinds
    group by contribution_key, outcome_group_key, outcomes, links
)

select
    row_number() over (order by outcome_group_key, links, kinds)::integer as structure_key,
    outcome_group_key,
    links,
    kinds,
    sum(outcomes) as outcomes
from structures
group by outcome_group_key, links, kinds
order by structure_key
