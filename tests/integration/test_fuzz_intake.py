"""Hundreds of malformed intake files, generated: each is refused with a located message (file,
and sheet, row and column where there is one) and leaves the warehouse byte for byte as it was,
or is accepted; none ends in anything else (a traceback, a half-written warehouse).

The generators are deterministic (a fixed seed), so a failure names a case that can be re-run.
"""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import xlsxwriter

from etl import LoadRefusedError, load
from etl.contract import SHEETS_BY_NAME
from etl.iati.imports import ImportRefusedError, load_conversion, read_iati

SEED = 2026
GOOD = {
    "exchanges": (
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code",
        "EX-2016-901,2012-2016,partner_visit,Good,gender,2016-03-01,2016-03-05,CDT-MA",
    ),
    "exchange_participants": (
        "exchange_id,org_code,role,participations,women",
        "EX-2013-001,CDT-MA,host,4,2",
    ),
    "organisations": (
        "org_code,acronym,name,country_code,org_type,role",
        "NEW-MA,NEW,A new union,MA,union,partner",
    ),
    "outcomes": (
        "outcome_id,programme_code,social_actor,theme_code,level,outcome_type,observed_on,"
        "description,is_positive,substantiation_status",
        "OC-2016-901,2012-2016,Members,gender,policy,campaign,2016-05-01,A change,TRUE,"
        "substantiated",
    ),
}
BAD_VALUES = (
    "",
    " ",
    "n/a",
    "-1",
    "1e999",
    "NaN",
    "2016-13-45",
    "31/02/2016",
    "' OR 1=1 --",
    "Robert'); DROP TABLE fct_exchange;--",
    '=HYPERLINK("http://evil.example")',
    "\u202eevil",
    "\x00",
    "x" * 100_000,
    "🙂" * 50,
    "NOT-A-CODE",
    "EX-2099-999",
    "TRUE FALSE",
)


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the error class it exercises
    write: Callable[[Path], Path]
    iati: bool = False  # read by `atlas import-iati`, not `atlas load`


def _csv(sheet: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / f"{sheet}.csv"
        path.write_bytes(text.encode(encoding, errors="surrogatepass"))
        return path

    return write


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return write


def _workbook(
    name: str, sheets: Mapping[str, Sequence[Sequence[object]]]
) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / name
        book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": True})
        for title, rows in sheets.items():
            sheet = book.add_worksheet(title)
            for number, row in enumerate(rows):
                sheet.write_row(number, 0, row)
        book.close()
        return path

    return write


def cell_cases(rng: random.Random) -> Iterator[Case]:
    """Every column of a good row, spoiled with values chosen for its type."""
    for sheet, (header, row) in GOOD.items():
        names, values = header.split(","), row.split(",")
        for index, column in enumerate(names):
            for bad in rng.sample(BAD_VALUES, 6):
                spoiled = values.copy()
                spoiled[index] = '"' + bad.replace('"', '""') + '"'
                text = header + "\n" + ",".join(spoiled) + "\n"
                yield Case(f"{sheet}.{column}={bad[:12]!r}", f"cell:{sheet}", _csv(sheet, text))


def structure_cases(rng: random.Random) -> Iterator[Case]:
    header, row = GOOD["exchanges"]
    columns = header.split(",")
    yield Case("empty file", "structure", _csv("exchanges", ""))
    yield Case("header only", "structure", _csv("exchanges", header + "\n"))
    yield Case("no header", "structure", _csv("exchanges", row + "\n"))
    yield Case("duplicated column", "structure", _csv("exchanges", f"{header},title\n{row},x\n"))
    yield Case("ragged row", "structure", _csv("exchanges", f"{header}\n{row},extra,cells\n"))
    yield Case("short row", "structure", _csv("exchanges", f"{header}\nEX-2016-902,2012-2016\n"))
    yield Case(
        "tab separated", "structure", _csv("exchanges", f"{header}\n{row}\n".replace(",", "\t"))
    )
    yield Case("unknown sheet", "structure", _csv("visits", f"{header}\n{row}\n"))
    yield Case("text file", "structure", _bytes("notes.txt", b"just notes"))
    yield Case("unclosed quote", "structure", _csv("exchanges", f'{header}\n"{row}\n'))
    for missing in rng.sample(columns, 4):
        kept = [c for c in columns if c != missing]
        values = [v for c, v in zip(columns, row.split(","), strict=True) if c != missing]
        yield Case(
            f"missing {missing}",
            "structure",
            _csv("exchanges", ",".join(kept) + "\n" + ",".join(values)),
        )
    for n in range(6):
        junk = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
        yield Case(f"binary junk {n}", "encoding", _bytes("exchanges.csv", junk))
    yield Case("UTF-16", "encoding", _csv("exchanges", f"{header}\n{row}\n", "utf-16"))
    yield Case("lone surrogate", "encoding", _csv("exchanges", f"{header}\n{row}\ud800\n"))
    many = "\n".join(row.replace("901", str(1000 + n)) for n in range(60_000))
    yield Case("oversized: 60,000 rows of one id", "size", _csv("exchanges", f"{header}\n{many}\n"))
    yield Case(
        "oversized cell: 5 MB title",
        "size",
        _csv("exchanges", header + "\n" + row.replace("Good", "y" * 5_000_000) + "\n"),
    )
    duplicate = f"{header}\n{row}\n{row}\n"
    yield Case("duplicate identifier", "keys", _csv("exchanges", duplicate))


def workbook_cases(rng: random.Random) -> Iterator[Case]:
    header, row = GOOD["exchanges"]
    columns, values = header.split(","), row.split(",")
    good = [columns, values]
    yield Case("workbook: random bytes", "workbook", _bytes("book.xlsx", rng.randbytes(3000)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    yield Case(
        "workbook: zip without a workbook", "workbook", _bytes("book.xlsx", buffer.getvalue())
    )
    yield Case("workbook: unknown sheet", "workbook", _workbook("a.xlsx", {"Visits": good}))
    yield Case("workbook: empty sheet", "workbook", _workbook("b.xlsx", {"exchanges": []}))
    yield Case(
        "workbook: header on row 3",
        "workbook",
        _workbook("c.xlsx", {"exchanges": [[], ["notes"], columns, values]}),
    )
    yield Case(
        "workbook: formulas and errors",
        "workbook",
        _workbook(
            "d.xlsx",
            {"exchanges": [columns, [*values[:5], "=1/0", "=NA()", "=A2&A2"]]},
        ),
    )
    yield Case(
        "workbook: numbers where text and dates belong",
        "workbook",
        _workbook("e.xlsx", {"exchanges": [columns, [1, 2, 3, 4, 5, 6.5, 7, 8]]}),
    )
    yield Case(
        "workbook: 20,000 empty-ish rows",
        "workbook",
        _workbook("f.xlsx", {"exchanges": [columns] + [[" "] * 8 for _ in range(20_000)]}),
    )

    def truncated(folder: Path) -> Path:
        whole = _workbook("g-whole.xlsx", {"exchanges": good})(folder)
        path = folder / "g.xlsx"
        path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
        whole.unlink()
        return path

    yield Case("workbook: truncated", "workbook", truncated)


IATI_FIXTURE = (
    Path(__file__).parents[1] / "fixtures" / "iati" / "gdihub_GB-COH-11126312_activities.xml"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b']><iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;'
    b"</iati-identifier></iati-activity></iati-activities>"
)


def iati_cases(rng: random.Random) -> Iterator[Case]:
    def xml(name: str, data: bytes) -> Case:
        return Case(name, "iati", _bytes("activities.xml", data), iati=True)

    real = IATI_FIXTURE.read_bytes()
    yield xml("billion laughs", LAUGHS)
    yield xml(
        "external entity",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<iati-activities version="2.03"><iati-activity><iati-identifier>&e;'
        b"</iati-identifier></iati-activity></iati-activities>",
    )
    yield xml(
        "external DTD",
        b'<?xml version="1.0"?><!DOCTYPE iati-activities SYSTEM "http://127.0.0.1:9/x.dtd">'
        b'<iati-activities version="2.03"/>',
    )
    yield xml(
        "deeply nested",
        b"<iati-activities>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</iati-activities>",
    )
    yield xml("not XML", rng.randbytes(2000))
    yield xml("empty", b"")
    yield xml("wrong root", b'<?xml version="1.0"?><html><body>hello</body></html>')
    yield xml("truncated real file", real[: len(real) // 3])
    yield xml("huge attribute", b'<iati-activities version="' + b"9" * 5_000_000 + b'"/>')
    yield xml("no activities", b'<iati-activities version="2.03"></iati-activities>')
    yield xml("undeclared prefix", b'<iati-activities version="2.03"><x:y/></iati-activities>')
    yield xml(
        "a thousand activities without identifiers",
        b'<iati-activities version="2.03">' + b"<iati-activity/>" * 1000 + b"</iati-activities>",
    )
    for n in range(12):
        spoiled = bytearray(real)
        for _ in range(rng.randrange(1, 40)):
            spoiled[rng.randrange(len(spoiled))] = rng.randrange(256)
        yield xml(f"real file with flipped bytes {n}", bytes(spoiled))
    for n, (old, new) in enumerate(
        [
            (b'iso-date="20', b'iso-date="99'),
            (b'value="', b'value="x'),
            (b'percentage="', b'percentage="-'),
            (b'code="', b'code="??'),
            (b"<narrative", b'<narrative xml:lang="Q!"'),
        ]
    ):
        yield xml(f"real file, every {old.decode()!r} spoiled ({n})", real.replace(old, new))


def all_cases() -> list[Case]:
    rng = random.Random(SEED)
    return [*cell_cases(rng), *structure_cases(rng), *workbook_cases(rng), *iati_cases(rng)]


CASES = all_cases()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def pristine(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fuzz-pristine") / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    return db


def test_there_are_enough_cases_of_every_class() -> None:
    kinds = {c.kind.split(":")[0] for c in CASES}
    assert len(CASES) >= 200
    assert kinds == {"cell", "structure", "encoding", "size", "keys", "workbook", "iati"}
    assert {c.kind for c in CASES if c.kind.startswith("cell:")} == {f"cell:{s}" for s in GOOD}
    assert set(GOOD) <= set(SHEETS_BY_NAME)


def test_every_malformed_input_is_refused_by_place_or_loaded(
    pristine: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(pristine, db)
    outcomes: dict[str, int] = {"refused": 0, "loaded": 0}
    by_kind: dict[str, int] = {}
    failures: list[str] = []
    for number, case in enumerate(CASES):
        folder = tmp_path / f"case-{number}"
        folder.mkdir()
        path = case.write(folder)
        before = digest(db.resolve())
        by_kind[case.kind.split(":")[0]] = by_kind.get(case.kind.split(":")[0], 0) + 1
        try:
            if case.iati:
                report = load_conversion(read_iati(path, db), db, "fuzz")
            else:
                report = load([path], db, loaded_by="fuzz")
        except (LoadRefusedError, ImportRefusedError) as refused:
            outcomes["refused"] += 1
            if digest(db.resolve()) != before:
                failures.append(f"{case.name}: refused but the warehouse changed")
            problems = [str(p) for p in refused.problems]
            if not problems or any(path.name not in p for p in problems):
                failures.append(f"{case.name}: a problem does not name the file")
        except Exception as exc:  # the one outcome that must never happen
            failures.append(f"{case.name}: {type(exc).__name__}: {str(exc)[:200]}")
        else:
            outcomes["loaded"] += 1
            if report.load_id is None or digest(db.resolve()) == before:
                failures.append(f"{case.name}: accepted but nothing was published")
            db.unlink()  # back to the pristine warehouse for the next case
            shutil.copyfile(pristine, db)
    print(f"\n{len(CASES)} malformed inputs by class {by_kind}: {outcomes}")
    assert failures == []
    assert outcomes["refused"] > len(CASES) * 0.7  # the generator does make bad input
