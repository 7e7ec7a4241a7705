-- grain: one row per exchange group, participating organisation and role
-- unique: exchange_group_key, org_code, role
-- not_null: exchange_group_key, org_code, role, exchanges, participations, programme_code, visibility, owner_orgs
-- relationship: exchange_group_key -> agg_exchange_group.exchange_group_key
-- relationship: org_code -> dim_organisation.org_code
-- accepted: role from participant_role
-- expect: exchanges >= 1
-- expect: women <= participations
-- An organisation takes part in an exchange once, so `exchanges` summed over groups counts
-- distinct exchanges. The group's programme and visibility are repeated for the KPI cards.
select
    groups.exchange_group_key,
    participants.org_code,
    participants.role,
    participants.country_code,
    participants.org_role,
    exchanges.programme_code,
    exchanges.visibility,
    exchanges.owner_orgs,
    exchanges.is_illustrative,
    count(*) as exchanges,
    sum(participants.participations) as participations,
    sum(participants.women) as women
from fct_participation as participants
inner join fct_exchange as exchanges on exchanges.exchange_key = participants.exchange_key
inner join lookup_exchange_group as groups on groups.exchange_key = participants.exchange_key
group by all
order by exchange_group_key, org_code, role
