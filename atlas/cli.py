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
from collections.abc import Callable
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
        for problem in refused.problems:
            print(problem, file=sys.stderr)
        print(
            _("refused: {count} problem(s); the warehouse was not changed").format(
                count=len(refused.problems)
            ),
            file=sys.stderr,
        )
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
    from warehouse.connection import ReadOnlyWarehouse, WarehouseMissingError

    settings = load_settings(db=args.db)
    reporting = ReportingOrg(
        args.reporting_org_ref or os.environ.get("ATLAS_IATI_REPORTING_ORG_REF", ""),
        args.reporting_org_type or os.environ.get("ATLAS_IATI_REPORTING_ORG_TYPE", "22"),
        args.reporting_org_name or os.environ.get("ATLAS_IATI_REPORTING_ORG_NAME", ""),
    )
    try:
        with ReadOnlyWarehouse(settings.db_path).lease() as lease:
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
