-- When the data shown was last loaded.
select max(loaded_at) as loaded_at, max(load_id) as version from load_batches
