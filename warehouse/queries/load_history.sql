-- One row per load batch and source: when, by whom, and the rows it added, changed and removed.
select
    batches.load_id,
    batches.source_id,
    batches.loaded_at,
    batches.loaded_by,
    len(batches.files) as files,
    coalesce(sum(sheets.rows_loaded), 0)::bigint as rows_loaded,
    coalesce(sum(sheets.rows_added), 0)::bigint as rows_added,
    coalesce(sum(sheets.rows_changed), 0)::bigint as rows_changed,
    coalesce(sum(sheets.rows_removed), 0)::bigint as rows_removed
from load_batches as batches
left join load_batch_sheets as sheets
    on sheets.load_id = batches.load_id and sheets.source_id = batches.source_id
group by all
order by batches.load_id desc, batches.source_id
