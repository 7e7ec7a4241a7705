-- Filtered outcomes by the modality of the exchanges that contributed, theme and level. Each
-- outcome counts once: one linked to n exchanges weighs 1/n along each; one with no exchange
-- recorded comes from 'none'.
with
-- include: filtered_outcomes
,

links as (
    select
        outcomes.outcome_key,
        coalesce(outcomes.canonical_theme, outcomes.theme_code) as theme,
        outcomes.level,
        coalesce(exchanges.modality, 'none') as modality,
        1.0 / count(*) over (partition by outcomes.outcome_key) as weight
    from filtered_outcomes as outcomes
    left join bridge_outcome_exchange as bridge on bridge.outcome_key = outcomes.outcome_key
    left join fct_exchange as exchanges
        on exchanges.exchange_key = bridge.exchange_key and (exchanges.visibility in $visible or list_contains(exchanges.owner_orgs, $viewer_org))
)

select
    modality,
    theme,
    level,
    sum(weight) as outcomes,
    count(distinct outcome_key) filter (where weight < 1) as shared_outcomes
from links
group by all
order by all
