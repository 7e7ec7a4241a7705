-- grain: one row per programme, visibility, owners, illustrative or not, and organisation taking part in its exchanges
-- unique: programme_code, visibility, owner_orgs, is_illustrative, org_code, org_role, country_code
-- not_null: programme_code, visibility, owner_orgs, org_code, exchanges
-- relationship: programme_code -> dim_programme.programme_code
-- relationship: org_code -> dim_organisation.org_code
-- expect: exchanges >= 1
-- The key figures count the countries and partner organisations of a programme's exchanges for
-- a reader (visibility, owners): a few hundred rows where the participations are hundreds of
-- thousands of groups.
select
    programme_code,
    visibility,
    owner_orgs,
    is_illustrative,
    org_code,
    org_role,
    country_code,
    sum(exchanges)::bigint as exchanges
from agg_participation_group
group by all
order by all
