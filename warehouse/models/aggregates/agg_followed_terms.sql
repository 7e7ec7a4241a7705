-- grain: one row per host group, group of positive outcomes that followed its exchanges, and search term of those outcomes
-- unique: host_group_key, outcome_group_key, term
-- not_null: host_group_key, outcome_group_key, term
-- relationship: outcome_group_key -> agg_outcome_group.outcome_group_key
-- Which words the positive outcomes that followed a host's exchanges hold: the practice finder
-- reads these instead of walking from every hosted exchange to its outcomes and their words
-- (tens of millions of rows at a million exchanges). Keyed by integers, so it builds in seconds;
-- sorted by term, so a question's few words read few row groups.
with followed as (
    select distinct hosts.host_group_key, outcomes.outcome_group_key, outcomes.outcome_key
    from bridge_outcome_exchange as links
    inner join lookup_exchange_group as exchanges on exchanges.exchange_key = links.exchange_key
    inner join lookup_host_group as hosts
        on hosts.exchange_group_key = exchanges.exchange_group_key
    inner join lookup_outcome_group as outcomes on outcomes.outcome_key = links.outcome_key
    inner join agg_outcome_group as groups
        on groups.outcome_group_key = outcomes.outcome_group_key and groups.is_positive
)

select distinct terms.term, followed.host_group_key, followed.outcome_group_key
from followed
inner join outcome_terms as terms on terms.outcome_key = followed.outcome_key
order by all
