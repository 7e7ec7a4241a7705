-- grain: one row per outcome group, kinds of exchange its outcomes came from, and kind of reader
-- unique: structure_key
-- unique: for_organisation, outcome_group_key, links, kinds
-- not_null: structure_key, for_organisation, outcome_group_key, links, kinds, outcomes
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- expect: outcomes >= 1
-- The outcomes page weighs each outcome along the kinds of exchange it came from (1/n along
-- each of its n exchanges). Contributions (`agg_outcome_contribution`) whose exchanges are of
-- the same kinds, visibility and owners, in the same numbers, weigh alike: they are summed
-- here, so the page reads these rows instead of unnesting every contribution's exchanges.
-- `kinds` lists, per modality, visibility and owners, how many (`n`) of the `links` are of it; an
-- outcome from no recorded exchange has one link of no kind (modality null).
-- Owners matter only to a reader with an organisation (a partner reads its own records): rows
-- `for_organisation` keep them; the others, for every other reader, leave them out (empty) and
-- are 8 times fewer at 1M. The table is sorted on that column, so a query reads one half.
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
        for_organisation,
        outcome_group_key,
        outcomes,
        links,
        list_sort(list({
            'modality': modality,
            'visibility': visibility,
            'owner_orgs': if(for_organisation, owner_orgs, []),
            'n': n
        })) as kinds
    from kinds
    cross join (values (true), (false)) as readers(for_organisation)
    group by for_organisation, contribution_key, outcome_group_key, outcomes, links
)

select
    row_number() over (
        order by for_organisation, outcome_group_key, links, kinds
    )::integer as structure_key,
    for_organisation,
    outcome_group_key,
    links,
    kinds,
    sum(outcomes) as outcomes
from structures
group by for_organisation, outcome_group_key, links, kinds
order by structure_key
