-- The map's two answers in one statement, so DuckDB plans once rather than twice (2-6 ms less a
-- request at 1M exchanges, the most on the heaviest filters): `country_rows`, one row per
-- country taking part (`fragments/map_countries.sql`), and `flow_rows`, one row per sending
-- country, host country and kind of exchange (`fragments/map_flows.sql`). Each is a list of
-- rows in order, read as a frame with `warehouse.query.nested`.
with country_rows as (
-- include: map_countries
),

flow_rows as (
-- include: map_flows
)

select
    (select list(country_rows order by country_code) from country_rows) as country_rows,
    (select list(flow_rows order by from_country, to_country, kind) from flow_rows) as flow_rows
