-- grain: one row per programme, visibility, owners, illustrative or not, and modality of exchanges
-- unique: programme_code, visibility, owner_orgs, is_illustrative, modality
-- not_null: programme_code, visibility, owner_orgs, modality, exchanges, participations
-- relationship: programme_code -> dim_programme.programme_code
-- expect: exchanges >= 1
-- The key figures count exchanges per programme for a reader (visibility, owners) and split them
-- by modality only: a few hundred rows where the exchange groups are tens of thousands.
select
    programme_code,
    visibility,
    owner_orgs,
    is_illustrative,
    modality,
    sum(exchanges)::bigint as exchanges,
    sum(participations)::bigint as participations,
    sum(women_participations)::bigint as women_participations,
    sum(participations_with_sex_recorded)::bigint as participations_with_sex_recorded
from agg_exchange_group
group by all
order by all
