-- How many outcomes the filter selects.
with
-- include: filtered_outcome_groups

select coalesce(sum(outcomes), 0)::bigint as outcomes from filtered_outcome_groups
