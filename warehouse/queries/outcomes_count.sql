-- How many outcomes the filter selects.
with
-- include: filtered_outcomes

select count(*) as outcomes from filtered_outcomes
