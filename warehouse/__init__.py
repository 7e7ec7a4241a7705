"""The warehouse: schema, models, checks, metric definitions and the named queries that read it."""
