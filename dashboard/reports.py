"""The donor report pack: a print page of the filtered outcomes, printed to PDF by Chromium.

The page is written to a temporary file with plotly.js inline and printed from there, so the
PDF needs no network and no request back to the app. The public variant reads as the public
viewer: public records only, in their public wording.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import plotly.io
import polars as pl

from atlas.i18n import _
from dashboard.figures.outcomes import contribution_sankey, theme_level_table
from dashboard.url_params import ViewState
from warehouse.codes import CODE_LISTS, label_of

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--virtual-time-budget=10000",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("Chromium is needed to print the report")
    return found


def report_page(
    read: Callable[..., pl.DataFrame], state: ViewState, version: int, public: bool
) -> str:
    """The report pack's page, its data read by `read(query_name, **params)`.

    The public variant is what may leave the organisation: `read` must answer as the public
    viewer (public records only), statements are the public wording (an outcome without one is
    left out), and no organisation or exchange is named: their names can point at a country
    where organising is dangerous, or at a person.
    """
    filters = state.outcome_filters()
    outcomes = read("outcomes_export", **filters).with_columns(
        (pl.col("public_description") if public else pl.col("description")).alias("statement")
    )
    if public:
        quotable = pl.col("statement").is_not_null() & ~pl.col("in_high_risk_country")
        outcomes = outcomes.filter(quotable).with_columns(
            pl.lit(None, pl.Utf8).alias("change_agents"),
            pl.lit(None, pl.Utf8).alias("contributing_exchanges"),
        )
    return report_html(
        state,
        outcomes,
        read("outcomes_theme_level", **filters),
        read("outcome_contributions", **filters),
        version,
        public,
    )


def report_html(
    state: ViewState,
    outcomes: pl.DataFrame,
    counts: pl.DataFrame,
    contributions: pl.DataFrame,
    version: int,
    public: bool,
    snapshot: str | None = None,
) -> str:
    """The print page: cover, counts per theme and level, the contribution chart, statements.

    The cover names the warehouse version, and the snapshot's label when the figures come from
    a snapshot, so a figure in the PDF can be found again.
    """
    esc = html.escape
    filters = state.described()
    levels = [c.code for c in CODE_LISTS["outcome_level"]]
    rows = theme_level_table(counts, None)
    sankey = plotly.io.to_json(contribution_sankey(contributions), validate=False)
    statements = []
    for theme in sorted(set(outcomes["theme"])) if outcomes.height else []:
        part = outcomes.filter(pl.col("theme") == theme)
        items = "".join(
            f"<li><b>{esc(str(r['outcome_id']))}</b> · {esc(str(r['observed_on']))} · "
            f"{esc(_(label_of('outcome_level', r['level'])))}"
            + (f" · {esc(r['change_agents'] or '')}" if not public else "")
            + f"<br>{esc(r['statement'] or '')}"
            + (
                f"<br><i>{esc(_('Contributed to by'))}: "
                f"{esc(r['contributing_exchanges'] or '–')}</i>"
                if not public
                else ""
            )
            + "</li>"
            for r in part.iter_rows(named=True)
        )
        statements.append(f"<h3>{esc(_(label_of('canonical_theme', theme)))}</h3><ol>{items}</ol>")
    variant = _("Public version") if public else _("Internal version: not for publication")
    provenance = _("Solidarity Atlas, warehouse version {version}, printed on {day}.").format(
        version=version, day=date.today().isoformat()
    )
    if snapshot:
        provenance += " " + _("Snapshot: {snapshot}.").format(snapshot=snapshot)
    table_rows = "".join(
        "<tr><td>"
        + esc(str(r["theme"]))
        + "</td>"
        + "".join(f"<td>{esc(str(r[lv]))}</td>" for lv in levels)
        + f"<td>{r['total']}</td></tr>"
        for r in rows
    )
    header = "".join(f"<th>{esc(_(label_of('outcome_level', lv)))}</th>" for lv in levels)
    cover = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in filters)
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{esc(_("Outcomes report"))}</title>
<script>{PLOTLY_JS.read_text(encoding="utf-8")}</script>
<style>
body {{ font-family: sans-serif; margin: 2cm; color: #212529; }}
h1 {{ font-size: 24pt; }} h2 {{ page-break-before: always; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 4px 8px; }}
li {{ margin-bottom: 8px; }} .variant {{ color: #842029; font-weight: bold; }}
</style></head><body>
<h1>{esc(_("Outcomes report"))}</h1>
<p class="variant">{esc(variant)}</p>
<p>{esc(provenance)}</p>
<table>{cover}</table>
<p>{esc(_("The programme contributed to these outcomes; others contributed too."))}</p>
<h2>{esc(_("Outcomes by theme and level"))}</h2>
<table><tr><th>{esc(_("Theme"))}</th>{header}<th>{esc(_("Total"))}</th></tr>{table_rows}</table>
<div id="sankey" style="width: 17cm; height: 10cm"></div>
<script>const f = {sankey}; f.layout.width = 640; f.layout.height = 380;
Plotly.newPlot("sankey", f.data, f.layout, {json.dumps({"staticPlot": True})});</script>
<h2>{esc(_("Outcome statements"))}</h2>
{"".join(statements) or esc(_("No outcome matches these filters."))}
</body></html>"""


def print_pdf(page: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.html"
        target = Path(folder) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                chromium(),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={folder}/profile",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return target.read_bytes()
