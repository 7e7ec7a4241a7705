-- Programmes side by side, under an optional filter of common themes: how each learned (the
-- mix of methods, who set the agenda, who travelled together) and what followed. Each share
-- is taken over the exchanges where its basis was recorded.
-- Exchanges, outcomes and plans are read on their groups (`agg_programme_exchange`,
-- `agg_outcome_group`, `agg_plan_group`).
with exchanges as (
    select
        *,
        -- the outcomes that followed, among those this reader may see under the theme filter
        coalesce(list_sum(list_transform(
            list_filter(
                followed,
                lambda f: (f.visibility in $visible or list_contains(f.owner_orgs, $viewer_org))
                and (len($themes) = 0 or f.canonical_theme in $themes)
            ),
            lambda f: f.outcomes
        )), 0) as outcomes_followed
    from agg_programme_exchange
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
),

outcome_groups as (
    select * from agg_outcome_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
),

plan_groups as (
    select * from agg_plan_group
    where (visibility in $visible or list_contains(owner_orgs, $viewer_org)) and (len($themes) = 0 or canonical_theme in $themes)
),

exchange_figures as (
    select
        programme_code,
        sum(exchanges) as exchanges,
        count(distinct modality) as methods_used,
        count(distinct host_country_code) as host_countries,
        coalesce(sum(exchanges) filter (where demand_recorded), 0) / sum(exchanges)
            as demand_share,
        coalesce(sum(exchanges) filter (where initiated_by in ('partner', 'several_partners')), 0)
        / nullif(sum(exchanges) filter (where initiated_by is not null), 0)
            as partner_initiated_share,
        coalesce(sum(exchanges) filter (where has_mixed_delegation), 0)
        / nullif(sum(exchanges) filter (where delegation_recorded), 0) as mixed_delegation_share,
        sum(outcomes_followed) filter (where has_mixed_delegation)
        / sum(exchanges) filter (where has_mixed_delegation) as outcomes_per_mixed_delegation,
        sum(outcomes_followed) filter (where delegation_recorded and not has_mixed_delegation)
        / sum(exchanges) filter (where delegation_recorded and not has_mixed_delegation)
            as outcomes_per_other_delegation
    from exchanges
    group by programme_code
),

outcome_figures as (
    select
        programme_code,
        sum(outcomes) as outcomes,
        coalesce(sum(outcomes) filter (where level = 'policy'), 0) as policy_outcomes,
        coalesce(sum(outcomes) filter (where level = 'institutional'), 0) as institutional_outcomes
    from outcome_groups
    group by programme_code
),

-- A plan counts as having led to an outcome when one of its outcomes is one this reader may
-- see under the theme filter.
plan_figures as (
    select
        programme_code,
        sum(plans) as plans,
        coalesce(sum(plans) filter (
            where len(list_filter(
                outcome_kinds,
                lambda o: (o.visibility in $visible or list_contains(o.owner_orgs, $viewer_org))
                and (len($themes) = 0 or o.canonical_theme in $themes)
            )) > 0
        ), 0) / sum(plans) as plans_with_outcome_share
    from plan_groups
    group by programme_code
)

select
    programmes.programme_code,
    coalesce(exchange_figures.exchanges, 0)::bigint as exchanges,
    coalesce(exchange_figures.methods_used, 0) as methods_used,
    coalesce(exchange_figures.host_countries, 0) as host_countries,
    exchange_figures.demand_share,
    exchange_figures.partner_initiated_share,
    exchange_figures.mixed_delegation_share,
    exchange_figures.outcomes_per_mixed_delegation,
    exchange_figures.outcomes_per_other_delegation,
    coalesce(outcome_figures.outcomes, 0)::bigint as outcomes,
    coalesce(outcome_figures.policy_outcomes, 0)::bigint as policy_outcomes,
    coalesce(outcome_figures.institutional_outcomes, 0)::bigint
        as institutional_outcomes,
    coalesce(plan_figures.plans, 0)::bigint as plans,
    plan_figures.plans_with_outcome_share
from dim_programme as programmes
left join exchange_figures on exchange_figures.programme_code = programmes.programme_code
left join outcome_figures on outcome_figures.programme_code = programmes.programme_code
left join plan_figures on plan_figures.programme_code = programmes.programme_code
where exchange_figures.exchanges is not null or outcome_figures.outcomes is not null
order by programmes.start_date
