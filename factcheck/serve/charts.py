"""Charts for the sites page (``/-/factcheck/sites``) as inline SVG, made here: no script, no
chart library, nothing fetched, so the page works offline and in any browser.

Pure functions of rows (dicts, as the queries below return them); text is escaped by
MarkupSafe before it goes into the markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# per site and day: articles checked, mean share of article sentences supported, warnings
SITE_DAYS_SQL = """
select coalesce(d.site, '') as site, substr(r.started_at, 1, 10) as day,
       count(distinct r.article_id) as articles, count(*) as runs,
       avg(r.article_support) as support, sum(r.error_count + r.warning_count) as warnings
from runs r join documents d on d.id = r.article_id
group by 1, 2 order by 1, 2"""

# per site and kind, over the latest check of every article
SITE_KINDS_SQL = """
select coalesce(l.site, '') as site, f.kind, count(*) as findings
from latest_runs l join findings f on f.run_id = l.run_id
group by 1, 2 order by 1, 3 desc"""

PALETTE = [
    "#1b6ca8",
    "#d1495b",
    "#edae49",
    "#00798c",
    "#66a182",
    "#8d6a9f",
    "#2e4057",
    "#e07a5f",
    "#3d405b",
    "#81b29a",
]
WIDTH, HEIGHT = 560, 180
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 14, 34


def _num(value) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def over_time(days: list[dict], title: str) -> Markup:
    """Bars: articles checked per day (left axis); line: the mean share of article sentences
    supported that day (right axis, 0-100 %)."""
    n = len(days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = max([_num(d["articles"]) for d in days] + [1.0])
    step = plot_w / max(n, 1)
    bar_w = max(2.0, min(40.0, step * 0.7))
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="fc-chart" role="img" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>{t}</title>'
        ).format(w=WIDTH, h=HEIGHT, t=title)
    ]
    base = TOP + plot_h
    parts.append(
        Markup('<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="#999"/>').format(
            x1=LEFT, x2=LEFT + plot_w, y=base
        )
    )
    for frac in (0.0, 0.5, 1.0):
        y = base - frac * plot_h
        parts.append(
            Markup(
                '<text x="{x}" y="{y:.1f}" font-size="10" text-anchor="end" fill="#555">{v}</text>'
                '<text x="{x2}" y="{y:.1f}" font-size="10" fill="#1b6ca8">{p}%</text>'
            ).format(
                x=LEFT - 4,
                x2=LEFT + plot_w + 4,
                y=y + 3,
                v=f"{top * frac:.0f}",
                p=f"{100 * frac:.0f}",
            )
        )
    points = []
    for i, d in enumerate(days):
        cx = LEFT + step * (i + 0.5)
        h = plot_h * _num(d["articles"]) / top
        parts.append(
            Markup(
                '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#c9d6df">'
                "<title>{day}: {a} articles checked</title></rect>"
            ).format(x=cx - bar_w / 2, y=base - h, w=bar_w, h=h, day=d["day"], a=d["articles"])
        )
        if d.get("support") is not None:
            points.append((cx, base - plot_h * _num(d["support"]), d))
        if n <= 12 or i in (0, n - 1) or i % max(1, n // 6) == 0:
            parts.append(
                Markup(
                    '<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="middle" '
                    'fill="#555">{day}</text>'
                ).format(x=cx, y=base + 14, day=str(d["day"])[5:])
            )
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            Markup('<polyline points="{p}" fill="none" stroke="#1b6ca8" stroke-width="2"/>').format(
                p=path
            )
        )
    for x, y, d in points:
        parts.append(
            Markup(
                '<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1b6ca8"><title>{day}: '
                "{s}% of article sentences supported</title></circle>"
            ).format(x=x, y=y, day=d["day"], s=f"{100 * _num(d['support']):.0f}")
        )
    parts.append(
        Markup(
            '<text x="{x}" y="{y}" font-size="10" fill="#555">articles checked '
            "(bars) · sentences supported (line)</text>"
        ).format(x=LEFT, y=HEIGHT - 4)
    )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def kinds_bars(rows: list[dict], sites: list[str]) -> Markup:
    """One stacked horizontal bar per site: its findings per kind (latest checks)."""
    kinds = sorted({r["kind"] for r in rows})
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(kinds)}
    per_site: dict[str, dict[str, int]] = {s: {} for s in sites}
    for r in rows:
        if r["site"] in per_site:
            per_site[r["site"]][r["kind"]] = int(r["findings"])
    top = max([sum(v.values()) for v in per_site.values()] + [1])
    label_w, bar_h, gap = 180, 16, 6
    width = 620
    legend: list[tuple[float, int, str]] = []  # x, row, kind: wrapped to the width
    lx, row = 10.0, 0
    for kind in kinds:
        need = 20 + 6.2 * len(kind)
        if lx + need > width and lx > 10.0:
            lx, row = 10.0, row + 1
        legend.append((lx, row, kind))
        lx += need
    rows_h = 16 * (row + 1)
    height = TOP + len(sites) * (bar_h + gap) + rows_h + 14
    scale = (width - label_w - 50) / top
    parts = [
        Markup(
            '<svg xmlns="http://www.w3.org/2000/svg" class="fc-chart" role="img" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}"><title>Findings per kind '
            "and site</title>"
        ).format(w=width, h=height)
    ]
    for i, site in enumerate(sites):
        y = TOP + i * (bar_h + gap)
        parts.append(
            Markup('<text x="{x}" y="{y}" font-size="11" text-anchor="end">{s}</text>').format(
                x=label_w - 6, y=y + bar_h - 4, s=site[:30] or "(no site)"
            )
        )
        x = float(label_w)
        for kind in kinds:
            count = per_site[site].get(kind, 0)
            if not count:
                continue
            w = count * scale
            parts.append(
                Markup(
                    '<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{h}" '
                    'fill="{c}"><title>{s}: {n} {k}</title></rect>'
                ).format(x=x, y=y, w=w, h=bar_h, c=colour[kind], s=site, n=count, k=kind)
            )
            x += w
        parts.append(
            Markup('<text x="{x:.1f}" y="{y}" font-size="10" fill="#555">{n}</text>').format(
                x=x + 4, y=y + bar_h - 4, n=sum(per_site[site].values())
            )
        )
    first = TOP + len(sites) * (bar_h + gap) + 16
    for x, row, kind in legend:
        ly = first + 16 * row
        parts.append(
            Markup(
                '<rect x="{x:.1f}" y="{y}" width="10" height="10" fill="{c}"/>'
                '<text x="{tx:.1f}" y="{ty}" font-size="10">{k}</text>'
            ).format(x=x, y=ly - 9, c=colour[kind], tx=x + 13, ty=ly, k=kind)
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def sites_fragment(day_rows: list[dict], kind_rows: list[dict], *, limit: int = 12) -> Markup:
    """The body of the sites page: the findings per kind of the busiest sites, then for each
    of them its checks over time, each chart followed by its numbers as a table."""
    by_site: dict[str, list[dict]] = {}
    for r in day_rows:
        by_site.setdefault(r["site"], []).append(r)
    if not by_site:
        return Markup("<p>No check stored yet.</p>")
    busiest = sorted(by_site, key=lambda s: (-sum(_num(d["articles"]) for d in by_site[s]), s))
    shown = busiest[:limit]
    out = [
        Markup("<h2>Findings per kind (latest check of each article)</h2>"),
        kinds_bars(kind_rows, shown),
    ]
    for site in shown:
        days = by_site[site]
        rows = Markup("").join(
            Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
                d["day"],
                d["articles"],
                d["runs"],
                "" if d["support"] is None else f"{100 * _num(d['support']):.0f}%",
                d["warnings"] or 0,
            )
            for d in days
        )
        out.append(
            Markup(
                "<h2>{site}</h2>{chart}<details><summary>the numbers</summary>"
                '<table class="fc-pairs"><thead><tr><th>day</th><th>articles checked</th>'
                "<th>runs</th><th>sentences supported</th><th>errors and warnings</th></tr>"
                "</thead><tbody>{rows}</tbody></table></details>"
            ).format(
                site=site or "(no site)",
                chart=over_time(days, f"{site}: checks over time"),
                rows=rows,
            )
        )
    if len(busiest) > limit:
        out.append(
            Markup("<p>{} more sites: see the site_over_time query.</p>").format(
                len(busiest) - limit
            )
        )
    return Markup("").join(out)


__all__ = ["SITE_DAYS_SQL", "SITE_KINDS_SQL", "over_time", "kinds_bars", "sites_fragment", "escape"]
