-- grain: one row per search term, host group, and readers and theme of positive outcomes that followed its exchanges holding the term
-- unique: term, host_group_key, visibility, owner_orgs, canonical_theme, is_illustrative
-- not_null: term, host_group_key, visibility, owner_orgs
-- relationship: host_group_key -> agg_host_group.host_group_key
-- Which words the positive outcomes that followed a host's exchanges hold, for each set of
-- readers and theme of those outcomes (what the practice finder filters them by): it reads
-- these instead of walking from every hosted exchange to its outcomes and their words (tens of
-- millions of rows at a million exchanges). Sorted by term, so a question's few words read few
-- row groups.
with followed as (
    select distinct hosts.host_group_key, outcomes.outcome_group_key, outcomes.outcome_key
    from bridge_outcome_exchange as links
    inner join lookup_exchange_group as exchanges on exchanges.exchange_key = links.exchange_key
    inner join lookup_host_group as hosts
        on hosts.exchange_group_key = exchanges.exchange_group_key
    inner join lookup_outcome_group as outcomes on outcomes.outcome_key = links.outcome_key
    inner join agg_outcome_group as groups
        on groups.outcome_group_key = outcomes.outcome_group_key and groups.is_positive
),

-- Keyed by integers first, so the words of millions of links are made distinct in seconds.
words as (
    select distinct terms.term, followed.host_group_key, followed.outcome_group_key
    from followed
    inner join outcome_terms as terms on terms.outcome_key = followed.outcome_key
)

select distinct
    words.term,
    words.host_group_key,
    groups.visibility,
    groups.owner_orgs,
    groups.canonical_theme,
    groups.is_illustrative
from words
inner join agg_outcome_group as groups on groups.outcome_group_key = words.outcome_group_key
order by all
