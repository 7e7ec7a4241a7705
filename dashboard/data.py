"""The dashboard's only door to data: named warehouse queries for the current viewer.

Every request reads through one lease on one warehouse version, taken at its first query and
returned when the request ends, so no response mixes two versions; the version it read goes back
in the `X-Atlas-Warehouse-Version` header.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

import duckdb
import flask
import polars as pl

from atlas.settings import Settings
from warehouse import metrics as metric_definitions
from warehouse import query as named_query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import PUBLIC, STAFF, Viewer

ASSETS = Path(__file__).resolve().parents[1] / "assets"
VERSION_HEADER = "X-Atlas-Warehouse-Version"
_warehouse: ReadOnlyWarehouse | None = None
_settings: Settings | None = None


def configure(server: flask.Flask, settings: Settings) -> None:
    """Point this process at the published warehouse and tie leases to requests."""
    global _warehouse, _settings
    _warehouse = ReadOnlyWarehouse(settings.db_path)
    _settings = settings

    @server.after_request
    def _tell_version(response: flask.Response) -> flask.Response:
        if "atlas_version" in flask.g:
            response.headers[VERSION_HEADER] = str(flask.g.atlas_version)
        return response

    @server.teardown_request
    def _return_lease(_error: BaseException | None) -> None:
        leases: ExitStack | None = flask.g.pop("atlas_leases", None)
        if leases is not None:
            leases.close()


def settings() -> Settings:
    if _settings is None:
        raise RuntimeError("dashboard.data.configure() was not called")
    return _settings


def current_viewer() -> Viewer:
    # Logins and roles arrive with the security issue; until then every user is staff.
    return STAFF


def _cursor() -> duckdb.DuckDBPyConnection:
    if _warehouse is None:
        raise RuntimeError("dashboard.data.configure() was not called")
    if "atlas_leases" not in flask.g:
        leases = ExitStack()
        lease = leases.enter_context(_warehouse.lease())
        flask.g.atlas_leases = leases
        flask.g.atlas_cursor = lease.cursor
        flask.g.atlas_version = lease.version
    cursor: duckdb.DuckDBPyConnection = flask.g.atlas_cursor
    return cursor


def query(name: str, **params: Any) -> pl.DataFrame:
    return named_query.run(_cursor(), name, current_viewer(), **params)


def query_public(name: str, **params: Any) -> pl.DataFrame:
    """The named query as an anonymous member of the public would get it."""
    return named_query.run(_cursor(), name, PUBLIC, **params)


def metrics(programmes: list[str]) -> pl.DataFrame:
    return metric_definitions.compute(_cursor(), current_viewer(), programmes)


def breakdown(item: metric_definitions.Breakdown, programmes: list[str]) -> pl.DataFrame:
    return metric_definitions.compute_breakdown(_cursor(), current_viewer(), item, programmes)
