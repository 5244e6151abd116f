"""The audit as one self-contained HTML page: no network, no external files, safe to mail around.

Everything is rendered here, on the server side, and every text that comes from analysed
code (messages, paths, rule help) goes through ``html.escape``; the page's only script
sorts and filters the table that is already there and reads no data. A Content Security
Policy allows exactly that script (by its hash) and nothing else, so even a mistake in the
escaping could not run a script hidden in a message.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
from html import escape
from typing import List, Optional, Sequence, Tuple

from .. import __version__
from .data import Audit, Tally
from .terminal import percent

CHART_ROWS = 15  # packages shown in the chart; the table and JSON have all

SCRIPT = """
(function () {
  var table = document.getElementById("findings");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function key(row, i) { return row.cells[i].textContent.trim(); }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.querySelector("button").addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        return key(a, i).localeCompare(key(b, i), undefined, {numeric: true}) * (asc ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  filter.addEventListener("input", function () {
    var q = filter.value.toLowerCase();
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      if (!r.hidden) { n += 1; }
    });
    shown.textContent = String(n);
  });
  table.setAttribute("data-ready", "sortable");
})();
"""

STYLE = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --bg: #f6f7f9; --accent: #2f6fdf; --bad: #d2453b; --good: #2f9e5b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0 0 20px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 16px; background: none; border: 0; padding: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
.num { font-size: 30px; font-weight: 700; }
.label { color: var(--muted); }
.meter { height: 8px; background: #f3d5d3; border-radius: 4px; margin-top: 8px; overflow: hidden; }
.meter span { display: block; height: 100%; background: var(--good); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 20px; background: none; border: 0; padding: 0; }
.charts > div { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
.bar-row { display: grid; grid-template-columns: minmax(120px, 40%) 1fr 56px; gap: 8px; align-items: center; margin: 4px 0; }
.bar-label { overflow-wrap: anywhere; font-size: 13px; }
.bar-track { background: var(--bg); border-radius: 3px; height: 16px; }
.bar { display: block; height: 100%; background: var(--accent); border-radius: 3px; min-width: 2px; }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; font-size: 13px; }
.more { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
td { overflow-wrap: anywhere; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: var(--ink); }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.num-cell, th.num-cell { text-align: right; font-variant-numeric: tabular-nums; }
code, .msg { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.msg { background: #fdf1f0; padding: 1px 4px; border-radius: 3px; white-space: pre-wrap; }
.code { font-size: 12.5px; display: inline-block; background: #e8eefc; color: #1f4fb0; border-radius: 3px; padding: 0 5px; font-weight: 600; white-space: nowrap; }
.help { color: var(--muted); }
ol.worst .help { font-size: 13px; }
.tools { display: flex; gap: 12px; align-items: center; margin-bottom: 10px; }
.tools input { flex: 0 1 320px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
ol.worst { margin: 0; padding-left: 22px; }
ol.worst li { margin-bottom: 10px; }
.loc { color: var(--muted); font-size: 13px; }
"""


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def _bars(rows: Sequence[Tuple[str, str, int]], total_rows: int, empty: str) -> str:
    """CSS bars; ``rows`` are (label, title, value) with already escaped label and title."""
    if not rows:
        return f'<p class="more">{escape(empty)}</p>'
    top = max(value for _, _, value in rows) or 1
    out = [
        f'<div class="bar-row"><span class="bar-label" title="{title}">{label}</span>'
        f'<span class="bar-track"><span class="bar" style="width:{100 * value / top:.1f}%"></span></span>'
        f'<span class="bar-value">{value:,}</span></div>'
        for label, title, value in rows
    ]
    if total_rows > len(rows):
        out.append(f'<p class="more">and {total_rows - len(rows):,} more in the table below and in the JSON report</p>')
    return "\n".join(out)


def _common_prefix(names: Sequence[str]) -> int:
    """Length of the folder prefix all names share, so chart labels show the part that differs."""
    if len(names) < 2:
        return 0
    prefix = posixpath.commonpath(names) if len({n.startswith("/") for n in names}) == 1 else ""
    if prefix in names:  # keep the shared package's own last folder as its label
        prefix = posixpath.dirname(prefix)
    return len(prefix) + 1 if prefix not in ("", "/") else 0


def _card(number: str, label: str, share: Optional[float] = None) -> str:
    meter = "" if share is None else f'<div class="meter"><span style="width:{100 * share:.1f}%"></span></div>'
    return f'<div class="card"><div class="num">{escape(number)}</div><div class="label">{escape(label)}</div>{meter}</div>'


def _tally_table(title: str, tallies: Sequence[Tally]) -> str:
    rows = [t for t in tallies if t.findings][:CHART_ROWS]
    if not rows:
        return ""
    body = "\n".join(
        f"<tr><td><code>{escape(t.name)}</code></td><td class=\"num-cell\">{t.findings:,}</td>"
        f"<td class=\"num-cell\">{t.sites:,}</td><td class=\"num-cell\">{t.guiding:,}/{t.known:,}</td>"
        f"<td class=\"num-cell\">{percent(t.share)}</td></tr>"
        for t in rows
    )
    return (
        f"<section><h2>{escape(title)}</h2><table><thead><tr><th>Name</th><th class=\"num-cell\">Findings</th>"
        f"<th class=\"num-cell\">Message sites</th><th class=\"num-cell\">Guide / known</th><th class=\"num-cell\">Share</th></tr></thead>"
        f"<tbody>{body}</tbody></table></section>"
    )


def _worst(audit: Audit) -> str:
    if not audit.worst_messages:
        return ""
    items = []
    for m in audit.worst_messages:
        codes = " ".join(f'<span class="code">{escape(f.code)}</span>' for f in m.findings)
        helps = "".join(f'<div class="help" title="{escape(f.message)}">{escape(f.help or f.message)}</div>' for f in m.findings)
        items.append(
            f'<li><span class="msg">{escape(m.text)}</span> {codes}'
            f'<div class="loc">{escape(m.path)}:{m.line}:{m.column + 1}</div>{helps}</li>'
        )
    return f'<section><h2>Worst messages</h2><ol class="worst">{"".join(items)}</ol></section>'


def _findings_table(audit: Audit) -> str:
    if not audit.findings:
        return '<section><h2>All findings</h2><p>No findings: every message that could be read guides the reader.</p></section>'
    rows: List[str] = []
    for f in audit.findings:
        text = f'<span class="msg">{escape(f.text)}</span>' if f.text else ""
        rows.append(
            f'<tr><td><span class="code">{escape(f.code)}</span></td>'
            f"<td><code>{escape(f.path)}:{f.line}:{f.column + 1}</code></td>"
            f"<td>{text}</td><td>{escape(f.message)}</td><td class=\"help\">{escape(f.help)}</td></tr>"
        )
    heads = "".join(f'<th scope="col"><button type="button">{name}</button></th>' for name in ("Rule", "Location", "Message", "Finding", "Help"))
    return (
        '<section><h2>All findings</h2><div class="tools">'
        '<input id="filter" type="search" placeholder="Filter by any text" aria-label="Filter findings">'
        f'<span class="more">showing <span id="shown">{len(audit.findings):,}</span> of {len(audit.findings):,}; '
        "click a column title to sort</span></div>"
        f'<table id="findings"><thead><tr>{heads}</tr></thead><tbody>\n{chr(10).join(rows)}\n</tbody></table></section>'
    )


def render(audit: Audit, title: str = "Error message audit") -> str:
    """The whole page as a string."""
    t = audit.total
    heading = f"{title}: {audit.project}" if audit.project else title
    dated = f", audited on {audit.date}" if audit.date else ""
    left_out = f" Left out: {audit.left_out} (pass --all-code to include them)." if audit.left_out else ""
    cards = "".join(
        (
            _card(f"{t.sites:,}", "message sites"),
            _card(percent(t.share), f"guide the reader ({t.guiding:,} of {t.known:,} fully known messages)", t.share or 0.0),
            _card(f"{len(audit.findings):,}", "findings"),
            _card(f"{t.files:,}", "files analysed" if not audit.unanalyzable else f"files analysed, {audit.unanalyzable:,} could not be"),
        )
    )
    failed = ""
    if audit.unanalyzable_paths:
        named = "".join(f"<li><code>{escape(p)}</code></li>" for p in audit.unanalyzable_paths)
        failed = (
            "<section><h2>Files that could not be analysed</h2>"
            f"<ul>{named}</ul><p class=\"more\">Run <code>helpful-errors check --select HEM000</code> on them to see why.</p></section>"
        )
    rule_rows = [(f"{escape(r.code)} {escape(r.name)}", escape(f"{r.code} {r.name}"), r.count) for r in audit.rules]
    packages = [p for p in audit.packages if p.findings]
    by_findings = sorted(packages, key=lambda p: (-p.findings, p.name))
    cut = _common_prefix([p.name for p in packages])
    package_rows = [(escape(p.name[cut:] or p.name), escape(f"{p.name}: {percent(p.share)} guide"), p.findings) for p in by_findings[:CHART_ROWS]]
    charts = (
        '<section class="charts">'
        f"<div><h2>Findings per rule</h2>{_bars(rule_rows, len(rule_rows), 'No findings.')}</div>"
        f"<div><h2>Findings per package</h2>{_bars(package_rows, len(packages), 'No findings.')}</div>"
        "</section>"
    )
    body = "\n".join(
        (
            f"<h1>{escape(heading)}</h1>",
            f'<p class="sub">{t.files:,} {"file" if t.files == 1 else "files"}{escape(dated)}, generated by helpful-errors {escape(__version__)}. '
            f"Each finding says how to rewrite the message so that it tells the reader what to do.{escape(left_out)}</p>",
            f'<section class="cards">{cards}</section>',
            charts,
            failed,
            _worst(audit),
            _tally_table("Worst packages", audit.packages),
            _tally_table("Worst files", audit.files),
            _findings_table(audit),
        )
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n<style>{STYLE}</style></head>\n"
        f"<body><main>\n{body}\n</main>\n<script>{SCRIPT}</script>\n</body></html>\n"
    )


__all__ = ["render"]
