"""Sources: what one load replaces as a whole.

A workbook is one source, named by the `source_id` on its README sheet or else by its file name,
also inside a folder; the CSV and Parquet files of a folder are one source, named by a
`source_id.txt` in it or else by the folder; a single CSV or Parquet file given alone is a source
of its own. Loading a new version of
a source replaces everything that source carried before, including rows it no longer contains.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import fastexcel

from atlas.i18n import _
from etl.errors import Problem
from etl.read import expand

SOURCE_ID_FILE = "source_id.txt"


@dataclass(frozen=True)
class Source:
    source_id: str
    files: tuple[Path, ...]
    digest: str  # of every file's name and bytes: an identical source changes nothing


def _digest(files: tuple[Path, ...], root: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(files):
        sha.update(str(path.relative_to(root) if path != root else path.name).encode())
        sha.update(b"\0")
        sha.update(path.read_bytes() if path.exists() else b"")
    return sha.hexdigest()


def workbook_source_id(path: Path) -> str | None:
    """The `source_id` written on a workbook's README sheet, if any."""
    try:
        reader = fastexcel.read_excel(str(path))
        readme = next((n for n in reader.sheet_names if n.strip().lower() == "readme"), None)
        if readme is None:
            return None
        sheet = reader.load_sheet_by_name(readme, header_row=None, dtypes="string").to_polars()
    except Exception:  # an unreadable workbook is reported by the reader, with its place
        return None
    for row in sheet.iter_rows():
        if len(row) > 1 and (row[0] or "").strip().lower() == "source_id" and row[1]:
            return str(row[1]).strip()
    return None


def _workbook_source(path: Path) -> Source:
    return Source(workbook_source_id(path) or path.stem, (path,), _digest((path,), path))


def sources_of(paths: list[Path]) -> tuple[list[Source], list[Problem]]:
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files = expand([path])
            workbooks = [f for f in files if f.suffix.lower() == ".xlsx"]
            sources += [_workbook_source(f) for f in workbooks]
            tables = tuple(f for f in files if f not in workbooks)
            if tables:
                id_file = path / SOURCE_ID_FILE
                source_id = (
                    id_file.read_text(encoding="utf-8").strip() if id_file.exists() else ""
                ) or path.resolve().name
                sources.append(Source(source_id, tables, _digest(tables, path)))
        elif path.suffix.lower() == ".xlsx" and path.exists():
            sources.append(_workbook_source(path))
        else:
            source_id = f"{path.resolve().parent.name}/{path.name}"
            sources.append(Source(source_id, (path,), _digest((path,), path)))
    seen: dict[str, Source] = {}
    for source in sources:
        if source.source_id in seen:
            problems.append(
                Problem(
                    str(source.files[0]) if source.files else source.source_id,
                    "",
                    0,
                    "",
                    _("source id '{source}' is given twice in one load (also {other})").format(
                        source=source.source_id,
                        other=", ".join(map(str, seen[source.source_id].files)),
                    ),
                )
            )
        seen[source.source_id] = source
    return sources, problems
