"""`/public`, the public PDF and IATI on a warehouse built to make them leak.

The documented sample records, plus, in 2017-2021, a public exchange hosted in Colombia (a
high-risk country) with three Latin American organisations, a public seminar with 55
participations from only two African organisations, and an internal exchange of three Asian
organisations; a public outcome in Colombia whose internal texts (description, significance,
contribution, social actor, harvester) carry a marker and a person's name, and an internal
outcome and an internal IATI objective carrying them everywhere. Internal texts, the name and
the high-risk country must reach none of the public outputs; the public wording must.

Participations by programme and region, public records only, by hand (organisations in
brackets; totals count each organisation once, the same unions coming back in 2017-2021):

                africa      asia        latam       europe      total
    2012-2016   37 (5)      32 (3)      15 (3)      2 (1)       86 (12)
    2017-2021   55 (2)      –           15 (3)      –           70 (5)
    total       92 (5)      32 (3)      30 (3)      2 (1)       156 (12)

Europe 2012-2016 (1 organisation), africa 2017-2021 (2, however many participations) and the
europe total (1) are hidden. Row 2012-2016 then hides latam (3 organisations like asia, but 3
exchanges against 5); row 2017-2021 latam, its only other cell; column africa 2012-2016, its
only other cell; the column totals, europe's alone hidden, hide latam's (3 organisations and 4
exchanges, against asia's 3 and 5). Shown: asia 2012-2016, both row totals, the africa and asia
column totals and the grand total; the internal Asian exchange counts nowhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import flask
import flask.testing
import polars as pl
import pytest

from atlas.settings import Settings
from dashboard.public_view import public_figures, register_public_view
from dashboard.reports import report_page
from dashboard.url_params import ViewState
from etl.iati import ReportingOrg, export_activities
from etl.sample import documented
from etl.workbook import write_workbook
from tests.conftest import atlas
from warehouse import query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.disclosure import TOTAL
from warehouse.viewer import PUBLIC

MARKER = "SECRET-MARKER-1234"
NAME = "Maria Fernanda Quintero"
PUBLIC_WORDING = "A union safety committee was set up."
# Colombia and Cambodia (the sample's high-risk countries) in the page's three languages
HIGH_RISK_NAMES = ("Colombia", "Colombie", "Kolombia", "Cambodia", "Cambodge", "Cambodja")
LATAM, EUROPE, AFRICA, ASIA = "latin_america_caribbean", "europe", "africa", "asia"
Record = dict[str, object]


def _exchange(exchange_id: str, visibility: str, title: str, host: str, **more: object) -> Record:
    return {
        "exchange_id": exchange_id,
        "programme_code": "2017-2021",
        "modality": "partner_visit",
        "title": title,
        "theme_code": "trade_union_rights",
        "start_date": date(2018, 5, 7),
        "end_date": date(2018, 5, 11),
        "host_org_code": host,
        "visibility": visibility,
        "source": "test",
        **more,
    }


def _participant(exchange_id: str, org: str, role: str, participations: int) -> Record:
    return {
        "exchange_id": exchange_id,
        "org_code": org,
        "role": role,
        "participations": participations,
        "source": "test",
    }


def _outcome(outcome_id: str, visibility: str, public_description: str | None) -> Record:
    return {
        "outcome_id": outcome_id,
        "programme_code": "2012-2016",
        "social_actor": NAME,
        "theme_code": "trade_union_rights",
        "level": "policy",
        "outcome_type": "internal_policy",
        "observed_on": date(2016, 6, 1),
        "description": f"{MARKER}: {NAME} of CDT Colombia set up a safety committee.",
        "significance": f"{MARKER} significance",
        "contribution": f"{MARKER} contribution",
        "public_description": public_description,
        "substantiation_status": "substantiated",
        "substantiator_role": NAME,
        "harvested_by": NAME,
        "harvested_on": date(2016, 11, 30),
        "is_positive": True,
        "is_intended": True,
        "visibility": visibility,
        "source": "test",
    }


def _objective(objective_id: str, visibility: str, title: str, country: str) -> Record:
    return {
        "objective_id": objective_id,
        "programme_code": "2017-2021",
        "title": title,
        "country_code": country,
        "theme_code": "trade_union_rights",
        "iati_identifier": f"XM-TEST-{objective_id}",
        "visibility": visibility,
        "source": "test",
    }


def records() -> dict[str, list[Record]]:
    themes_2017 = [{**t, "programme_code": "2017-2021"} for t in documented.PROGRAMME_THEMES]
    secret = f"{MARKER} meeting with {NAME}"
    return {
        "organisations": documented.ORGANISATIONS,
        "programmes": documented.PROGRAMMES,
        "programme_themes": [*documented.PROGRAMME_THEMES, *themes_2017],
        "country_risk": documented.COUNTRY_RISK,
        "exchanges": [
            *documented.EXCHANGES,
            _exchange("EX-T-001", "public", "Safety visit", "CDT-CO", demand=secret),
            _exchange("EX-T-002", "public", "Seminar on organising", "CSC-CD"),
            _exchange("EX-T-003", "internal", secret, "CLC-KH", demand=secret),
        ],
        "exchange_participants": [
            *documented.EXCHANGE_PARTICIPANTS,
            _participant("EX-T-001", "CDT-CO", "host", 6),
            _participant("EX-T-001", "CTH-HT", "visiting", 5),
            _participant("EX-T-001", "UGT-BR", "visiting", 4),
            _participant("EX-T-002", "CSC-CD", "host", 30),
            _participant("EX-T-002", "CNT-NE", "visiting", 25),
            *(_participant("EX-T-003", o, "visiting", 40) for o in ("KSBSI-ID", "NDWF-IN")),
            _participant("EX-T-003", "CLC-KH", "host", 40),
        ],
        "innovation_plans": documented.INNOVATION_PLANS,
        "plan_status_changes": documented.PLAN_STATUS_CHANGES,
        "plan_exchanges": documented.PLAN_EXCHANGES,
        "outcomes": [
            *documented.OUTCOMES,
            _outcome("OC-T-001", "public", PUBLIC_WORDING),
            _outcome("OC-T-002", "internal", f"{MARKER} public wording of {NAME}"),
        ],
        "outcome_change_agents": [
            *documented.OUTCOME_CHANGE_AGENTS,
            {"outcome_id": "OC-T-001", "org_code": "CDT-CO"},
            {"outcome_id": "OC-T-002", "org_code": "CLC-KH"},
        ],
        "outcome_exchanges": [
            *documented.OUTCOME_EXCHANGES,
            {"outcome_id": "OC-T-001", "exchange_id": "EX-T-003"},  # internal: never named
            {"outcome_id": "OC-T-002", "exchange_id": "EX-T-003"},
        ],
        "outcome_plans": documented.OUTCOME_PLANS,
        "specific_objectives": [
            _objective("SO-T-PUB", "public", "Union rights in Niger", "NE"),
            _objective("SO-T-RISK", "public", "Union safety", "CO"),  # public, high-risk country
            _objective("SO-T-SECRET", "internal", f"{MARKER} objective for {NAME}", "CO"),
        ],
    }


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("public-view")
    write_workbook(folder / "records.xlsx", records(), source_id="public-view-decoys")
    db = folder / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(folder / "records.xlsx"))
    assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.fixture(scope="module")
def cursor(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with ReadOnlyWarehouse(warehouse).lease() as lease:
        yield lease.cursor


@pytest.fixture(scope="module")
def client(warehouse: Path) -> flask.testing.FlaskClient:
    app = flask.Flask(__name__)
    register_public_view(app, Settings(warehouse, warehouse.with_suffix(".sqlite"), 8050))
    return app.test_client()


def get(client: flask.testing.FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def visible_text(page: str) -> str:
    """The page without its scripts and tags: what a reader sees."""
    page = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def forbidden(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    """Every organisation's name and acronym, the marker, the name, the high-risk countries."""
    organisations = cursor.sql("select acronym, name from dim_organisation").fetchall()
    return [
        MARKER,
        NAME,
        *HIGH_RISK_NAMES,
        *(a for a, _ in organisations),
        *(n for _, n in organisations),
    ]


def test_the_tempting_table_is_suppressed_as_worked_out_by_hand(
    cursor: duckdb.DuckDBPyConnection,
) -> None:
    table = public_figures(cursor).exchanges
    assert table.rows == ("2012-2016", "2017-2021")
    assert table.columns == (AFRICA, ASIA, LATAM, EUROPE)
    seen = {
        key: (cell.amount, cell.organisations, cell.status) for key, cell in table.cells.items()
    }
    assert seen == {
        ("2012-2016", AFRICA): (37, 5, "complementary"),
        ("2012-2016", ASIA): (32, 3, "shown"),
        ("2012-2016", LATAM): (15, 3, "complementary"),
        ("2012-2016", EUROPE): (2, 1, "primary"),
        ("2017-2021", AFRICA): (55, 2, "primary"),  # 55 participations, two organisations
        ("2017-2021", LATAM): (15, 3, "complementary"),
        ("2012-2016", TOTAL): (86, 12, "shown"),
        ("2017-2021", TOTAL): (70, 5, "shown"),
        (TOTAL, AFRICA): (92, 5, "shown"),
        (TOTAL, ASIA): (32, 3, "shown"),
        (TOTAL, LATAM): (30, 3, "complementary"),
        (TOTAL, EUROPE): (2, 1, "primary"),
        (TOTAL, TOTAL): (156, 12, "shown"),
    }


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_the_page_shows_counts_and_hides_small_cells_in_every_language(
    client: flask.testing.FlaskClient, lang: str
) -> None:
    page = get(client, f"/public?lang={lang}")
    exchanges = re.search(r'<table [^>]*id="public-exchanges".*?</table>', page, re.S)
    assert exchanges is not None
    table = exchanges.group(0)
    # 5 inner cells and 2 column totals hidden (see the module's docstring)
    assert table.count('data-suppressed="1"') == 7
    figures = re.findall(r"<strong>([^<]+)</strong>", table)
    assert figures == ["32", "86", "70", "92", "32", "156"]  # row by row, totals last
    assert f'<html lang="{lang}">' in page
    assert "/assets/vendor/bootstrap/bootstrap.min.css" in page
    assert "http://" not in page.split("<body>")[0] and "https://" not in page.split("<body>")[0]


def test_the_chart_needs_no_inline_script(client: flask.testing.FlaskClient) -> None:
    page = get(client, "/public")
    scripts = re.findall(r"<script\b([^>]*)>", page)
    # plotly.js and chart.js from this server; the figure as inert JSON (the sign-in layer's
    # Content-Security-Policy runs no inline script)
    assert scripts == [
        ' src="/public/plotly.min.js"',
        ' type="application/json" class="public-figure" data-target="public-participation-chart"',
        ' src="/public/chart.js"',
    ]
    [data] = re.findall(r'class="public-figure"[^>]*>(.*?)</script>', page, re.S)
    figure = json.loads(data)
    assert [trace["name"] for trace in figure["data"]] == ["2012-2016"]  # 2017-2021: all hidden
    assert figure["data"][0]["y"] == [32]  # asia 2012-2016, the one inner cell shown
    chart = client.get("/public/chart.js")
    assert chart.status_code == 200 and b"Plotly.newPlot" in chart.get_data()


def test_the_view_follows_the_apps_url_prefix(warehouse: Path) -> None:
    app = flask.Flask(__name__)
    settings = Settings(warehouse, warehouse.with_suffix(".sqlite"), 8050)
    register_public_view(app, settings, routes_prefix="/atlas/", requests_prefix="/atlas/")
    client = app.test_client()
    assert client.get("/public").status_code == 404
    page = get(client, "/atlas/public")
    assert '<link rel="stylesheet" href="/atlas/assets/vendor/bootstrap/bootstrap.min.css">' in page
    assert '<script src="/atlas/public/plotly.min.js"></script>' in page
    assert client.get("/atlas/public/plotly.min.js").status_code == 200


def test_no_internal_text_name_organisation_or_high_risk_country_reaches_the_page(
    client: flask.testing.FlaskClient, cursor: duckdb.DuckDBPyConnection
) -> None:
    for lang in ("en", "fr", "nl"):
        page = get(client, f"/public?lang={lang}")
        for text in forbidden(cursor):
            assert text not in page, (lang, text)
        # no country code at all: the page names regions only
        for code in ("CO", "KH", "COL", "KHM"):
            assert not re.search(rf"\b{code}\b", visible_text(page)), (lang, code)
            assert f'"{code}"' not in page, (lang, code)


@pytest.mark.parametrize(
    "query_string",
    [
        "programme=' or 1=1 --",
        "programme=2017-2021",
        "country=CO",
        "region=latin_america_caribbean",
        "organisation=CDT-CO",
        "visibility=internal&role=staff",
        "illustrative=yes",
        "lang=xx",
    ],
)
def test_a_crafted_query_string_changes_nothing(
    client: flask.testing.FlaskClient, query_string: str
) -> None:
    plain = get(client, "/public")
    assert get(client, "/public?" + query_string) == plain
    assert get(client, "/public/?" + query_string) == plain


def test_a_crafted_language_is_cut_to_a_known_one(client: flask.testing.FlaskClient) -> None:
    page = get(client, "/public?lang=fr'><script>alert(1)</script>&programme=2017-2021")
    assert page == get(client, "/public?lang=fr")
    assert "alert(1)" not in page


def test_only_get_is_served(client: flask.testing.FlaskClient) -> None:
    for method in (client.post, client.put, client.delete, client.patch):
        assert method("/public", data={"programme": "2012-2016"}).status_code == 405
    assert client.post("/public/plotly.min.js").status_code == 405


def test_plotly_is_served_locally(client: flask.testing.FlaskClient) -> None:
    response = client.get("/public/plotly.min.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b"plotly.js" in response.get_data()[:2000]


def test_the_page_names_the_version_it_read(client: flask.testing.FlaskClient) -> None:
    response = client.get("/public")
    assert response.headers["X-Atlas-Warehouse-Version"] == "1"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_missing_warehouse_is_said_not_shown(tmp_path: Path) -> None:
    app = flask.Flask(__name__)
    db = tmp_path / "none.duckdb"
    register_public_view(app, Settings(db, tmp_path / "state.sqlite", 8050))
    response = app.test_client().get("/public")
    assert response.status_code == 503
    assert "No public records have been published yet." in response.get_data(as_text=True)


def public_report(cursor: duckdb.DuckDBPyConnection) -> str:
    """The public PDF's page as the outcomes page makes it (illustrative records left out),
    without the inline plotly.js library (which lists every country's name)."""
    state = ViewState(programmes=("2012-2016",)).with_(illustrative="no")

    def read(name: str, **params: object) -> pl.DataFrame:
        return query.run(cursor, name, PUBLIC, **params)

    version = int(query.run(cursor, "data_as_of", PUBLIC)["version"][0])
    page = report_page(read, state, version, public=True)
    return re.sub(r"<script>/\*\*\n\* plotly\.js.*?</script>", "", page, count=1, flags=re.S)


def test_the_public_pdf_carries_the_public_wording_only(cursor: duckdb.DuckDBPyConnection) -> None:
    page = public_report(cursor)
    assert "basic committees were installed" in page and "OC-2016-003" in page
    # OC-T-001 is public, but claimed in Colombia: counted in the tables, never quoted.
    assert PUBLIC_WORDING not in page and "OC-T-001" not in page
    assert "OC-2016-005" not in page  # CDT Colombia and CLC Cambodia
    assert MARKER not in page and NAME not in page
    assert "OC-T-002" not in page and "EX-T-003" not in page


def test_the_iati_export_carries_public_objectives_only(cursor: duckdb.DuckDBPyConnection) -> None:
    document = export_activities(cursor, ReportingOrg("XM-TEST", "22", "Test org"))
    text = document.decode("utf-8")
    assert "XM-TEST-SO-T-PUB" in text
    assert MARKER not in text and NAME not in text
    assert "SO-T-SECRET" not in text


# Known gaps outside the public view, left to the PDF pack's and the IATI export's owners: strict,
# so the day they are closed these tests fail until the mark is removed.
def test_the_public_pdf_names_no_high_risk_country(cursor: duckdb.DuckDBPyConnection) -> None:
    page = public_report(cursor)
    for name in HIGH_RISK_NAMES:
        assert name not in page, name


def test_the_iati_export_names_no_high_risk_country(cursor: duckdb.DuckDBPyConnection) -> None:
    text = export_activities(cursor, ReportingOrg("XM-TEST", "22", "Test org")).decode("utf-8")
    assert "XM-TEST-SO-T-RISK" in text  # the objective itself is public
    assert 'recipient-country code="CO"' not in text
    assert 'recipient-region code="498" vocabulary="1"' in text  # Latin America, regional
    for name in HIGH_RISK_NAMES:
        assert name not in text, name
