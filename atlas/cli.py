"""The `atlas` command.

Exit codes, for every subcommand: 0 done (warnings may be printed), 1 input refused, 2 wrong
usage, 3 internal error (a one-line message and where the log is, never a bare traceback).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from atlas.i18n import _, set_language
from atlas.settings import load_settings
from atlas.state import record_load_attempt

EXIT_DONE, EXIT_REFUSED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
LOG_PATH = Path(tempfile.gettempdir()) / "atlas-error.log"


def _progress_bar(step: str, fraction: float) -> None:
    """A one-line progress bar on a terminal; nothing when output goes to a file or pipe."""
    if sys.stderr.isatty():
        filled = int(fraction * 30)
        print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {step[:50]:<50}", end="", file=sys.stderr)
        if fraction >= 1:
            print(file=sys.stderr)


def _print_refused(problems: Sequence[object]) -> None:
    """Every problem, each naming its place, then what it meant: nothing was written."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        _("refused: {count} problem(s); the warehouse was not changed").format(count=len(problems)),
        file=sys.stderr,
    )


def _load(args: argparse.Namespace) -> int:
    from etl import LoadRefusedError, load

    settings = load_settings(db=args.db, state=args.state)
    started = time.perf_counter()
    user = getpass.getuser()
    try:
        report = load(
            [Path(p) for p in args.paths],
            settings.db_path,
            user,
            _progress_bar,
            mapping=Path(args.mapping) if args.mapping else None,
        )
    except LoadRefusedError as refused:
        _print_refused(refused.problems)
        record_load_attempt(
            settings.state_path, user, args.paths, "refused", None, len(refused.problems)
        )
        return EXIT_REFUSED
    if report.load_id is None:
        print(_("unchanged: every source is identical to its last load; nothing was written"))
        record_load_attempt(settings.state_path, user, report.sources, "unchanged", None)
        return EXIT_DONE
    record_load_attempt(settings.state_path, user, report.sources, "loaded", report.load_id)
    print(
        _("loaded {files} file(s) into {db} as load {load_id} in {seconds:.2f} s").format(
            files=len(report.files),
            db=settings.db_path,
            load_id=report.load_id,
            seconds=time.perf_counter() - started,
        )
    )
    for source, sheets in report.changes.items():
        for sheet, change in sorted(sheets.items()):
            if not (change.loaded or change.removed):
                continue
            print(
                _(
                    "  {source} {sheet}: {loaded} rows, {added} added, {changed} changed, "
                    "{removed} removed"
                ).format(
                    source=source,
                    sheet=sheet,
                    loaded=change.loaded,
                    added=change.added,
                    changed=change.changed,
                    removed=change.removed,
                )
            )
    return EXIT_DONE


def _sample(args: argparse.Namespace) -> int:
    from etl import write_sample

    path = write_sample(Path(args.out), seed=args.seed)
    print(_("wrote {path}").format(path=path))
    return EXIT_DONE


def _template(args: argparse.Namespace) -> int:
    from etl.template import write_template

    settings = load_settings(db=args.db)
    path = write_template(Path(args.out), settings.db_path)
    print(_("wrote {path}").format(path=path))
    return EXIT_DONE


def _synth(args: argparse.Namespace) -> int:
    from etl.synth import synthesize

    started = time.perf_counter()
    rows = synthesize(Path(args.out), args.exchanges, args.seed)
    print(
        _("wrote {rows} rows into {out} in {seconds:.1f} s").format(
            rows=sum(rows.values()), out=args.out, seconds=time.perf_counter() - started
        )
    )
    return EXIT_DONE


def _export_iati(args: argparse.Namespace) -> int:
    from etl.iati import ExportRefusedError, ReportingOrg, export_activities
    from etl.iati.export import lead_duplicates
    from warehouse.connection import ReadOnlyWarehouse, WarehouseMissingError

    settings = load_settings(db=args.db)
    reporting = ReportingOrg.from_settings(
        args.reporting_org_ref, args.reporting_org_type, args.reporting_org_name
    )
    try:
        with ReadOnlyWarehouse(settings.db_path).lease() as lease:
            for duplicate in lead_duplicates(lease.cursor, args.programme, args.objective):
                print(_("warning: {problem}").format(problem=duplicate), file=sys.stderr)
            document = export_activities(
                lease.cursor,
                reporting,
                args.programme or [],
                args.objective or [],
                args.include_illustrative,
            )
    except WarehouseMissingError:
        print(_("no warehouse at {db}").format(db=settings.db_path), file=sys.stderr)
        return EXIT_REFUSED
    except ExportRefusedError as refused:
        for problem in refused.problems:
            print(_("refused: {problem}").format(problem=problem), file=sys.stderr)
        return EXIT_REFUSED
    Path(args.out).write_bytes(document)
    print(_("wrote {path}").format(path=args.out))
    return EXIT_DONE


def _snapshot(args: argparse.Namespace) -> int:
    from etl.snapshot import SnapshotRefusedError, take_snapshot
    from warehouse.snapshots import list_snapshots

    settings = load_settings(db=args.db)
    if args.list:
        if args.comment is not None:
            print(_("--comment goes with --label, not --list"), file=sys.stderr)
            return EXIT_USAGE
        snapshots = list_snapshots(settings.db_path)
        if not snapshots:
            print(_("no snapshots of {db}").format(db=settings.db_path))
        for s in snapshots:
            when = s.created_at.isoformat(timespec="seconds")
            print("\t".join([s.label, when, str(s.warehouse_version), s.created_by, s.comment]))
        return EXIT_DONE
    started = time.perf_counter()
    try:
        snapshot = take_snapshot(
            settings.db_path, args.label, args.comment or "", getpass.getuser()
        )
    except SnapshotRefusedError as refused:
        print(_("refused: {problem}").format(problem=refused), file=sys.stderr)
        return EXIT_REFUSED
    print(
        _("froze warehouse version {version} as '{label}' in {seconds:.2f} s: {path}").format(
            version=snapshot.warehouse_version,
            label=snapshot.label,
            seconds=time.perf_counter() - started,
            path=snapshot.path,
        )
    )
    return EXIT_DONE


def _import_iati(args: argparse.Namespace) -> int:
    from etl import LoadRefusedError
    from etl.iati.imports import ImportRefusedError, load_conversion, read_iati

    settings = load_settings(db=args.db)
    user = getpass.getuser()
    try:
        conversion = read_iati(Path(args.file), settings.db_path)
    except ImportRefusedError as unusable:
        for line in unusable.problems:
            print(line, file=sys.stderr)
        print(
            _("refused: nothing usable in {file}; the warehouse was not changed").format(
                file=args.file
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    for warning in conversion.warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    if conversion.not_imported:
        elements = ", ".join(f"{tag} ×{n}" for tag, n in sorted(conversion.not_imported.items()))
        print(_("not imported (no place in the warehouse): {elements}").format(elements=elements))
    try:
        report = load_conversion(conversion, settings.db_path, user, _progress_bar)
    except LoadRefusedError as refused:
        _print_refused(refused.problems)
        record_load_attempt(
            settings.state_path,
            user,
            [conversion.source_id],
            "refused",
            None,
            len(refused.problems),
        )
        return EXIT_REFUSED
    counts = conversion.counts
    summary = _(
        "activities {activities}, results {results}, indicators {indicators}, periods {periods}, "
        "budget lines {budgets}, organisations {organisations}, warnings {warnings}"
    ).format(warnings=len(conversion.warnings), **counts)
    if report.load_id is None:
        record_load_attempt(settings.state_path, user, report.sources, "unchanged", None)
        print(
            _("unchanged: {source} is identical to its last import; nothing was written").format(
                source=conversion.source_id
            )
        )
        return EXIT_DONE
    record_load_attempt(settings.state_path, user, report.sources, "loaded", report.load_id)
    print(
        _("imported {file} into {db} as source {source}, load {load_id}: {summary}").format(
            file=args.file,
            db=settings.db_path,
            source=conversion.source_id,
            load_id=report.load_id,
            summary=summary,
        )
    )
    return EXIT_DONE


def _read_password() -> str:
    """From standard input: asked twice on a terminal, one line from a pipe."""
    if sys.stdin.isatty():
        first = getpass.getpass(_("Password: "))
        if getpass.getpass(_("Same password again: ")) != first:
            raise ValueError(_("the two passwords differ"))
        return first
    return sys.stdin.readline().rstrip("\n")


def _users(args: argparse.Namespace) -> int:
    import secrets

    from atlas import accounts

    settings = load_settings(db=args.db, state=args.state)
    state = settings.state_path
    if args.action == "list":
        for user in accounts.list_users(state):
            print("\t".join([user.name, user.role, user.org_code or ""]))
        return EXIT_DONE
    if args.action == "remove":
        if not accounts.remove_user(state, args.name):
            print(
                _("refused: there is no user called {name}").format(name=args.name), file=sys.stderr
            )
            return EXIT_REFUSED
        accounts.audit(state, getpass.getuser(), "users", removed=args.name)
        print(_("removed {name}").format(name=args.name))
        return EXIT_DONE
    if args.action == "bootstrap":
        # `make run` on a fresh machine: one local admin, its password in a file only we read.
        secret = state.with_name("admin-password.txt")
        if not accounts.has_users(state):
            password = secrets.token_urlsafe(12)
            accounts.add_user(state, "admin", "admin", password)
            secret.touch(mode=0o600)
            secret.write_text(password + "\n", encoding="utf-8")
        if secret.exists():
            print(_("Sign in as 'admin' with the password in {path}").format(path=secret.resolve()))
        return EXIT_DONE
    if not args.name or not args.role:
        print(_("atlas users add needs a NAME and --role"), file=sys.stderr)
        return EXIT_USAGE
    try:
        password = _read_password()
        user = accounts.add_user(state, args.name, args.role, password, args.org)
    except ValueError as refused:
        print(_("refused: {problem}").format(problem=refused), file=sys.stderr)
        return EXIT_REFUSED
    accounts.audit(state, getpass.getuser(), "users", added=user.name, role=user.role)
    print(_("added {name} ({role})").format(name=user.name, role=user.role))
    return EXIT_DONE


def _backup(args: argparse.Namespace) -> int:
    from etl.backup import BackupError, backup

    settings = load_settings(db=args.db, state=args.state)
    started = time.perf_counter()
    try:
        files = backup(settings.db_path, settings.state_path, Path(args.dir))
    except BackupError as refused:
        print(_("refused: {problem}").format(problem=refused), file=sys.stderr)
        return EXIT_REFUSED
    print(
        _("backed up {count} files into {dir} in {seconds:.2f} s").format(
            count=len(files), dir=args.dir, seconds=time.perf_counter() - started
        )
    )
    return EXIT_DONE


def _restore(args: argparse.Namespace) -> int:
    from etl.backup import BackupError, restore

    settings = load_settings(db=args.db, state=args.state)
    try:
        manifest = restore(Path(args.dir), settings.db_path, settings.state_path)
    except BackupError as refused:
        print(_("refused: {problem}").format(problem=refused), file=sys.stderr)
        return EXIT_REFUSED
    print(
        _("restored the backup of {when} into {db}").format(
            when=manifest["created_at"], db=settings.db_path
        )
    )
    return EXIT_DONE


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="atlas", description="Solidarity Atlas")
    root.add_argument(
        "--lang", default=os.environ.get("LANG"), help="language of messages: en, fr or nl"
    )
    commands = root.add_subparsers(dest="command", required=True)

    load_cmd = commands.add_parser("load", help="validate intake files and publish them")
    load_cmd.add_argument("paths", nargs="+", help="workbooks, CSV or Parquet files, or folders")
    load_cmd.add_argument("--db", help="warehouse path (default: $ATLAS_DB)")
    load_cmd.add_argument("--state", help="app-state store path (default: $ATLAS_STATE)")
    load_cmd.add_argument(
        "--mapping", help="read the files as KoboToolbox exports through this column mapping"
    )
    load_cmd.set_defaults(run=_load)

    sample_cmd = commands.add_parser("sample", help="write the sample intake files")
    sample_cmd.add_argument("--out", required=True, help="folder to write into")
    sample_cmd.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    sample_cmd.set_defaults(run=_sample)

    template_cmd = commands.add_parser("template", help="write a blank intake workbook")
    template_cmd.add_argument("out", help="the .xlsx file to write")
    template_cmd.add_argument(
        "--db", help="warehouse whose organisations the drop-downs offer (default: $ATLAS_DB)"
    )
    template_cmd.set_defaults(run=_template)

    synth_cmd = commands.add_parser("synth", help="write a large synthetic history (benchmarks)")
    synth_cmd.add_argument("--exchanges", type=int, required=True, help="how many exchanges")
    synth_cmd.add_argument("--out", required=True, help="folder to write Parquet files into")
    synth_cmd.add_argument("--seed", type=int, default=7, help="same seed, same files")
    synth_cmd.set_defaults(run=_synth)

    iati_cmd = commands.add_parser(
        "export-iati", help="publish public specific objectives as IATI 2.03 activities"
    )
    iati_cmd.add_argument("out", help="the XML file to write")
    iati_cmd.add_argument("--db", help="warehouse path (default: $ATLAS_DB)")
    iati_cmd.add_argument("--programme", action="append", help="only this programme")
    iati_cmd.add_argument("--objective", action="append", help="only this specific objective")
    iati_cmd.add_argument(
        "--include-illustrative",
        action="store_true",
        help="publish illustrative objectives, titled [ILLUSTRATIVE]",
    )
    iati_cmd.add_argument("--reporting-org-ref", help="$ATLAS_IATI_REPORTING_ORG_REF")
    iati_cmd.add_argument("--reporting-org-type", help="$ATLAS_IATI_REPORTING_ORG_TYPE (22)")
    iati_cmd.add_argument("--reporting-org-name", help="$ATLAS_IATI_REPORTING_ORG_NAME")
    iati_cmd.set_defaults(run=_export_iati)

    import_cmd = commands.add_parser(
        "import-iati",
        help="import an IATI activity file: programmes, objectives, results, indicators, budgets",
    )
    import_cmd.add_argument("file", help="the IATI activities XML file")
    import_cmd.add_argument("--db", help="warehouse path (default: $ATLAS_DB)")
    import_cmd.set_defaults(run=_import_iati)

    snapshot_cmd = commands.add_parser(
        "snapshot", help="freeze the published warehouse under a label, or list snapshots"
    )
    what = snapshot_cmd.add_mutually_exclusive_group(required=True)
    what.add_argument("--label", help="the snapshot's unique label, e.g. 'DGD 2026'")
    what.add_argument("--list", action="store_true", help="list the snapshots, oldest first")
    snapshot_cmd.add_argument("--comment", help="why the snapshot was taken")
    snapshot_cmd.add_argument("--db", help="warehouse path (default: $ATLAS_DB)")
    snapshot_cmd.set_defaults(run=_snapshot)

    users_cmd = commands.add_parser("users", help="add, list or remove the app's users")
    users_cmd.add_argument("action", choices=["add", "list", "remove", "bootstrap"])
    users_cmd.add_argument("name", nargs="?", help="user name (add, remove)")
    users_cmd.add_argument("--role", choices=["admin", "staff", "partner"])
    users_cmd.add_argument("--org", help="a partner's organisation code, e.g. CSC-CD")
    users_cmd.add_argument("--db", help="warehouse path (default: $ATLAS_DB)")
    users_cmd.add_argument("--state", help="app-state store path (default: $ATLAS_STATE)")
    users_cmd.set_defaults(run=_users)

    for name, run, about in (
        ("backup", _backup, "copy the warehouse, its snapshots and the app-state store to DIR"),
        ("restore", _restore, "put a backup made by `atlas backup` back"),
    ):
        command = commands.add_parser(name, help=about)
        command.add_argument("dir", help="the backup folder")
        command.add_argument("--db", help="warehouse path (default: $ATLAS_DB)")
        command.add_argument("--state", help="app-state store path (default: $ATLAS_STATE)")
        command.set_defaults(run=run)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits with 2 on wrong usage
    run: Callable[[argparse.Namespace], int] = args.run
    set_language(args.lang)
    try:
        return run(args)
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_DONE
    except Exception:
        logging.basicConfig(filename=LOG_PATH, level=logging.ERROR)
        logging.getLogger("atlas").error(
            "atlas %s failed\n%s", args.command, traceback.format_exc()
        )
        print(
            _("atlas {command}: internal error; details in {log}").format(
                command=args.command, log=LOG_PATH
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
