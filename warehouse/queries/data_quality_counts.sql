-- How many records have each data-quality issue, for the viewer's records.
with
-- include: quality_issues

select issue, count(*) as records from quality_issues group by issue order by issue
