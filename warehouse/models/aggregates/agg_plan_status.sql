-- grain: one row per programme, visibility, owners, status reached and days spent in it
-- unique: programme_code, visibility, owner_orgs, status, days_in_status
-- not_null: programme_code, visibility, owner_orgs, status, stage, plans
-- relationship: programme_code -> dim_programme.programme_code
-- expect: plans >= 1
-- The plans pipeline counts plans per status and takes the median of their days in it: counted
-- per number of days, the median is read from a few hundred rows rather than from every plan's
-- every status (a million rows at a million exchanges).
select
    programme_code,
    visibility,
    owner_orgs,
    status,
    stage,
    days_in_status,
    count(*) as plans
from fct_plan_status
group by all
order by all
