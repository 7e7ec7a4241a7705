-- The first $limit records M&E staff should look at, one row per record and issue: a table for
-- reading, which must not grow with the warehouse (the counts are `data_quality_counts`).
with
-- include: quality_issues

select * from quality_issues
order by issue, programme_code, record_id
limit $limit
