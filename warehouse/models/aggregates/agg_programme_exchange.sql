-- grain: one row per group of exchanges alike in everything the programmes page reads
-- unique: comparison_key
-- not_null: comparison_key, visibility, owner_orgs, programme_code, modality, demand_recorded, has_mixed_delegation, delegation_recorded, has_plan, exchanges, followed
-- relationship: programme_code -> dim_programme.programme_code
-- accepted: modality from modality
-- accepted: initiated_by from initiator
-- expect: exchanges >= 1
-- Programmes are compared on these groups, not on every exchange. `followed` lists, per kind of
-- outcome a reader may or may not see (visibility, owners, common theme), how many outcomes the
-- group's exchanges led to, so each reader's count is summed from what they may see.
with exchanges as (
    select
        exchange_key,
        visibility,
        owner_orgs,
        programme_code,
        canonical_theme,
        modality,
        host_country_code,
        demand is not null as demand_recorded,
        initiated_by,
        has_mixed_delegation,
        political_leader_participations is not null
        or staff_participations is not null
        or militant_participations is not null as delegation_recorded,
        exchange_key in (select exchange_key from bridge_plan_exchange) as has_plan
    from fct_exchange
),

keyed as (
    select
        *,
        dense_rank() over (
            order by visibility, owner_orgs, programme_code, canonical_theme, modality,
                host_country_code, demand_recorded, initiated_by, has_mixed_delegation,
                delegation_recorded, has_plan
        )::integer as comparison_key
    from exchanges
),

-- an exchange is linked to an outcome once (bridge_outcome_exchange is unique on the pair)
links as (
    select
        keyed.comparison_key,
        outcomes.visibility,
        outcomes.owner_orgs,
        outcomes.canonical_theme,
        count(*) as outcomes
    from bridge_outcome_exchange as bridge
    inner join keyed on keyed.exchange_key = bridge.exchange_key
    inner join fct_outcome as outcomes on outcomes.outcome_key = bridge.outcome_key
    group by all
),

followed as (
    select
        comparison_key,
        list({
            'visibility': visibility,
            'owner_orgs': owner_orgs,
            'canonical_theme': canonical_theme,
            'outcomes': outcomes
        } order by visibility, owner_orgs, canonical_theme) as followed
    from links
    group by comparison_key
),

grouped as (
    select * exclude (exchange_key), count(*) as exchanges from keyed group by all
)

select grouped.*, coalesce(followed.followed, []) as followed
from grouped
left join followed on followed.comparison_key = grouped.comparison_key
order by grouped.comparison_key
