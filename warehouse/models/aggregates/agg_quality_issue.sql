-- grain: one row per data-quality issue, reader (visibility, owners) and, for plans, the day they last changed
-- unique: issue, visibility, owner_orgs, last_change
-- not_null: issue, visibility, owner_orgs, records
-- expect: records >= 1
-- The data page's counts per issue, counted at load from `lookup_quality_issue`: at 10M
-- exchanges, counting the records themselves took 1.8 s. Plans are counted per day of their
-- last change, which the page compares with today.
select issue, visibility, owner_orgs, last_change, count(*) as records
from lookup_quality_issue
group by all
order by all
