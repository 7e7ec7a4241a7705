-- The public view's outcomes: one row per public outcome and organisation claiming
-- it (one row with no organisation when none is recorded), codes only, never a text or a
-- person. Illustrative records are left out. The common theme is null where the programme's
-- theme has none. Country and risk flag as in public_exchange_links.
with outcomes as (
    select outcome_id, programme_code, canonical_theme, level
    from fct_outcome
    -- public records only, whoever runs it: no owner's own records in a public figure
    where visibility in $visible and visibility = 'public' and not is_illustrative
)

select
    outcomes.programme_code,
    outcomes.outcome_id,
    outcomes.canonical_theme as theme,
    outcomes.level,
    agents.org_code,
    agents.country_code,
    countries.region,
    countries.high_risk
from outcomes
left join bridge_outcome_change_agent as agents on agents.outcome_id = outcomes.outcome_id
left join dim_country as countries on countries.country_code = agents.country_code
order by outcomes.programme_code, outcomes.outcome_id, agents.org_code
