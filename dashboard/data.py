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
from dash.exceptions import PreventUpdate

from atlas import accounts
from atlas.i18n import current_language
from atlas.settings import Settings
from etl.iati import ReportingOrg, export_activities
from warehouse import metrics as metric_definitions
from warehouse import query as named_query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.snapshots import (
    Revisions,
    Snapshot,
    SnapshotError,
    find_snapshot,
    list_snapshots,
    revisions,
    run_on_snapshot,
)
from warehouse.viewer import PUBLIC, Viewer

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


def current_user() -> accounts.User | None:
    return flask.g.get("atlas_user") if flask.has_request_context() else None


def has_role(*roles: str) -> bool:
    user = current_user()
    return user is not None and user.role in roles


def remember_language(code: str) -> None:
    user = current_user()
    if user is not None and accounts.preference(settings().state_path, user.name, "lang") != code:
        accounts.remember(settings().state_path, user.name, "lang", code)


def audit(action: str, **detail: object) -> None:
    """Record what the signed-in user did (exports, loads) in the app-state audit log."""
    user = current_user()
    accounts.audit(settings().state_path, user.name if user else "anonymous", action, **detail)


def audit_log() -> list[dict[str, object]]:
    """The latest audit entries, for admins only."""
    if not has_role("admin"):
        return []
    return accounts.audit_entries(settings().state_path)


def allow_export(what: str, state_filters: list[tuple[str, str]]) -> None:
    """Exports are for staff: refuse anyone else (whatever the request claims), and write who
    exported what under which filter in the audit log."""
    if not has_role("admin", "staff"):
        raise PreventUpdate
    audit("export", what=what, filter=dict(state_filters))


def current_viewer() -> Viewer:
    """The signed-in user as the query layer sees them; nobody signed in reads as the public."""
    user = current_user()
    if user is None:
        return PUBLIC
    return Viewer(role=user.role, organisation=user.org_code)


def _cursor() -> duckdb.DuckDBPyConnection:
    if _warehouse is None:
        raise RuntimeError("dashboard.data.configure() was not called")
    if "atlas_leases" not in flask.g:
        leases = ExitStack()
        lease = leases.enter_context(_warehouse.lease())
        flask.g.atlas_leases = leases
        flask.g.atlas_cursor = lease.cursor
        flask.g.atlas_version = lease.version
        flask.g.atlas_opened = lease.opened
    cursor: duckdb.DuckDBPyConnection = flask.g.atlas_cursor
    return cursor


# Answers of queries without parameters of their own, per warehouse version and reader: every
# page asks for the programme list, and the version's file never changes once published.
_kept: dict[tuple[object, ...], pl.DataFrame] = {}
_KEPT_MAX = 512


def query(name: str, **params: Any) -> pl.DataFrame:
    cursor, viewer = _cursor(), current_viewer()
    if params or not named_query.depends_only_on_reader(name):
        return named_query.run(cursor, name, viewer, **params)
    key = (
        flask.g.atlas_opened,
        name,
        tuple(viewer.visible_levels()),
        viewer.organisation,
        current_language(),
    )
    answer = _kept.get(key)
    if answer is None:
        if len(_kept) >= _KEPT_MAX:
            _kept.clear()  # versions and readers come and go; starting afresh is enough
        answer = _kept[key] = named_query.run(cursor, name, viewer)
    return answer


def query_public(name: str, **params: Any) -> pl.DataFrame:
    """The named query as an anonymous member of the public would get it."""
    return named_query.run(_cursor(), name, PUBLIC, **params)


def snapshots() -> list[Snapshot]:
    return list_snapshots(settings().db_path)


def snapshot_query(label: str, name: str, **params: Any) -> pl.DataFrame | None:
    """The named query as the snapshot `label` answers it (None: no such snapshot)."""
    try:
        snapshot = find_snapshot(settings().db_path, label)
        return run_on_snapshot(snapshot, name, current_viewer(), **params)
    except SnapshotError:  # unknown, or its file changed since it was frozen
        return None


def revisions_since(label: str, programme: str | None = None) -> Revisions | None:
    """What changed in reported figures since the snapshot `label` (None: no such snapshot)."""
    try:
        snapshot = find_snapshot(settings().db_path, label)
        return revisions(_cursor(), snapshot, current_viewer(), programme)
    except SnapshotError:
        return None


def iati_document(programmes: list[str]) -> bytes:
    """The programme's public objectives as IATI 2.03 (ExportRefusedError says what is missing)."""
    return export_activities(_cursor(), ReportingOrg.from_settings(), programmes)


def warehouse_version() -> int:
    return int(query("data_as_of")["version"][0])


def metrics(programmes: list[str]) -> pl.DataFrame:
    return metric_definitions.compute(_cursor(), current_viewer(), programmes)
