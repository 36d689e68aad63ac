"""The reliability report's charts (inline SVG, drawn at build time) and CSV files.

The charts are inline so they take the page's colours (CSS variables: light, dark and print
palettes) and need no script nor any request; each has a title and a description
(`role="img"`), its numbers written on it, patterns besides colours, and the same data in a
table and a CSV file. CSV files follow RFC 4180 (CRLF, quotes doubled); a cell that a
spreadsheet would read as a formula (starting with = + - @, tab or CR; titles come from pull
requests) starts with an apostrophe instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from markupsafe import Markup, escape

from statusgen.clock import iso_utc
from statusgen.derive.report import FAILURE_IMPACTS, Month, Report, ResolveTimes, build_report
from statusgen.derive.snapshot import Snapshot
from statusgen.derive.uptime import format_percent
from statusgen.render import urls
from statusgen.render.locale import TimeFormatter, Translator

#: Uptime charts start at the highest of these below the lowest month, so that 99.9 and
#: 99.5 look different; the axis says where it starts.
UPTIME_FLOORS = (99.9, 99.5, 99.0, 98.0, 95.0, 90.0, 75.0, 50.0, 0.0)
WIDTH = 640
#: Characters a spreadsheet takes as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell's text, with an apostrophe before anything a spreadsheet would evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """An RFC 4180 CSV document: CRLF line ends, quotes where needed, formulas defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return out.getvalue()


def minutes(span: timedelta | None) -> str:
    """Minutes with one decimal (exact, rounded half to even); empty for None."""
    if span is None:
        return ""
    micro = (span.days * 86_400 + span.seconds) * 1_000_000 + span.microseconds
    tenths = round(Fraction(micro, 6_000_000))
    return f"{tenths // 10}.{tenths % 10}"


def month_key(month: Month) -> str:
    """2026-11"""
    return f"{month.year}-{month.month:02d}"


def report_csv(report: Report, page_url: dict[str, str]) -> dict[str, str]:
    """The report's CSV files by name (`urls.REPORT_FILES`); `page_url` maps incident ids
    to their absolute URLs."""
    months = report.months
    incidents = render_csv(
        ("month", "first_day", "last_day", *(i.value for i in FAILURE_IMPACTS), "failures"),
        (
            (month_key(m), m.first.isoformat(), m.last.isoformat(), *m.failures, m.total)
            for m in months
        ),
    )
    resolve = render_csv(
        ("impact", "resolved", "mean_minutes", "median_minutes"),
        (
            (t.impact.value if t.impact else "all", t.count, minutes(t.mean), minutes(t.median))
            for t in report.resolve_times
        ),
    )
    uptime = render_csv(
        ("month", "first_day", "last_day", *(u.component.id for u in report.uptime)),
        (
            (
                month_key(m),
                m.first.isoformat(),
                m.last.isoformat(),
                *(
                    "" if u.values[n] is None else format_percent(u.values[n])
                    for u in report.uptime
                ),
            )
            for n, m in enumerate(months)
        ),
    )
    resolutions = render_csv(
        ("id", "title", "impact", "began", "resolved", "minutes", "url"),
        (
            (
                v.id,
                v.incident.title,
                v.incident.impact.value,
                iso_utc(v.incident.started_at),
                iso_utc(v.incident.closed_at) if v.incident.closed_at else "",
                minutes(v.duration),
                page_url[v.id],
            )
            for v in report.resolutions
        ),
    )
    return dict(zip(urls.REPORT_FILES, (incidents, resolve, uptime, resolutions), strict=True))


def report_files(
    snapshot: Snapshot, page_url: dict[str, str], component_id: str | None
) -> dict[str, str]:
    """One report's CSV files (the site's, or a component's), by site path; `page_url`: each
    incident's page's address."""
    documents = report_csv(build_report(snapshot, component_id), page_url)
    return {urls.report_file(name, component_id): text for name, text in documents.items()}


def chart_open(ident: str, height: int, title: str, desc: str) -> list[str]:
    """The opening of an inline SVG chart `WIDTH` wide, titled and described for readers."""
    return [
        f'<svg class="sg-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


@dataclass(frozen=True)
class Charts:
    """Draws one report's charts in one page's language; ids start with `prefix`."""

    report: Report
    t: Translator
    fmt: TimeFormatter
    prefix: str = "sg-chart"

    def _open(self, name: str, height: int, title: str, desc: str) -> list[str]:
        return chart_open(f"{self.prefix}-{name}", height, title, desc)

    def _patterns(self, name: str) -> str:
        """Stripes cut in the page's colour: horizontal for minor, diagonal for major
        (critical is solid), so impacts differ by more than hue."""
        ident = f"{self.prefix}-{name}"
        return (
            f'<defs><pattern id="{ident}-minor" width="6" height="6" patternUnits="userSpaceOnUse">'
            '<rect width="6" height="6" class="sg-chart-minor"/>'
            '<rect y="4" width="6" height="2" class="sg-chart-gap"/></pattern>'
            f'<pattern id="{ident}-major" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" class="sg-chart-major"/>'
            '<rect width="2" height="6" class="sg-chart-gap"/></pattern>'
            f'<pattern id="{ident}-mean" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" class="sg-chart-bar"/>'
            '<rect width="2.5" height="6" class="sg-chart-gap"/></pattern></defs>'
        )

    def _fill(self, name: str, key: str, extra: str = "") -> str:
        """A shape's fill: a solid colour (critical, median) or one of the patterns."""
        if key in ("critical", "median"):
            solid = "sg-chart-critical" if key == "critical" else "sg-chart-bar"
            return f'class="{solid}{extra}"'
        return f'fill="url(#{self.prefix}-{name}-{key})"' + (
            f' class="{extra.strip()}"' if extra else ""
        )

    def _legend(self, name: str, items: list[tuple[str, str]]) -> str:
        parts, x = [], 0.0
        for key, label in items:
            parts.append(f'<rect x="{x:g}" y="4" width="12" height="12" {self._fill(name, key)}/>')
            parts.append(f'<text x="{x + 17:g}" y="14">{escape(label)}</text>')
            x += 30 + 6.5 * len(label)
        return '<g class="sg-chart-legend">' + "".join(parts) + "</g>"

    @staticmethod
    def _value_above(x: float, y: float, text: str) -> str:
        """A bar's value, centred above it."""
        return (
            f'<text class="sg-chart-value" x="{x:.1f}" y="{y:.1f}" '
            f'text-anchor="middle">{text}</text>'
        )

    def _month_label(self, month: Month, x: float, y: float) -> str:
        text = self.t.month(month.month) + ("*" if month.so_far else "")
        label = f'<text x="{x:g}" y="{y:g}" text-anchor="middle">{escape(text)}</text>'
        if month.month == 1 or month is self.report.months[0]:
            label += f'<text x="{x:g}" y="{y + 13:g}" text-anchor="middle">{month.year}</text>'
        return label

    def incidents(self) -> Markup:
        """Failures per month, stacked by impact, with each month's total above its bar."""
        months = self.report.months
        top, base, left = 30, 196, 36
        most = max([m.total for m in months] + [1])
        step = -(-most // 4)
        ceiling = step * -(-most // step)
        slot = (WIDTH - left) / len(months)
        out = self._open(
            "incidents",
            230,
            self.t("report.incidents_title"),
            self.t("report.incidents_desc", count=len(self.report.failures)),
        )
        out.append(self._patterns("incidents"))
        keys = [i.value for i in FAILURE_IMPACTS]
        out.append(self._legend("incidents", [(k, self.t("impact." + k)) for k in keys]))
        for value in range(0, ceiling + 1, step):
            y = base - (base - top) * value / ceiling
            out.append(
                f'<line class="sg-chart-grid" x1="{left}" x2="{WIDTH}" y1="{y:g}" y2="{y:g}"/>'
            )
            out.append(f'<text x="{left - 6}" y="{y + 4:g}" text-anchor="end">{value}</text>')
        for n, month in enumerate(months):
            x = left + slot * n + slot * 0.2
            width = slot * 0.6
            y = float(base)
            for key, count in zip(keys, month.failures, strict=True):
                if count:
                    height = (base - top) * count / ceiling
                    y -= height
                    out.append(
                        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                        f"{self._fill('incidents', key, ' sg-chart-seg')}/>"
                    )
            centre = x + width / 2
            out.append(self._value_above(centre, y - 4, str(month.total)))
            out.append(self._month_label(month, centre, base + 14))
        out.append("</svg>")
        return Markup("".join(out))

    def resolve(self) -> Markup:
        """Median (solid) and mean (striped) time to resolve per impact, and over all."""
        rows = self.report.resolve_times
        spans = [s for r in rows for s in (r.mean, r.median) if s is not None]
        longest = max(spans, default=timedelta(0)) or timedelta(minutes=1)
        left, right, top, row_height = 150, WIDTH - 110, 30, 42
        out = self._open(
            "resolve",
            top + row_height * len(rows) + 6,
            self.t("report.resolve_title"),
            self.t("report.resolve_desc"),
        )
        out.append(self._patterns("resolve"))
        out.append(
            self._legend(
                "resolve",
                [("median", self.t("report.median")), ("mean", self.t("report.mean"))],
            )
        )
        for n, row in enumerate(rows):
            y = top + row_height * n
            out.append(
                f'<text x="{left - 8}" y="{y + 22}" text-anchor="end">'
                f"{escape(self.impact_name(row))}</text>"
            )
            if row.count == 0:
                out.append(
                    f'<text x="{left}" y="{y + 22}">{escape(self.t("report.none_resolved"))}</text>'
                )
                continue
            for offset, key, span in ((2, "median", row.median), (19, "mean", row.mean)):
                assert span is not None
                width = max((right - left) * (span / longest), 1.0)
                out.append(
                    f'<rect x="{left}" y="{y + offset}" width="{width:.1f}" height="14" '
                    f"{self._fill('resolve', key)}/>"
                )
                out.append(
                    f'<text class="sg-chart-value" x="{left + width + 5:.1f}" '
                    f'y="{y + offset + 11}">{escape(self.duration(span))}</text>'
                )
        out.append("</svg>")
        return Markup("".join(out))

    def uptime(self) -> Markup:
        """One component's uptime per month; the axis starts at a floor it states."""
        (row,) = self.report.uptime[:1]
        values = [v for v in row.values if v is not None]
        lowest = min(values, default=Fraction(100))
        floor = next((f for f in UPTIME_FLOORS if f < lowest), UPTIME_FLOORS[-1])
        top, base, left = 14, 196, 44
        slot = (WIDTH - left) / len(self.report.months)
        out = self._open(
            "uptime",
            230,
            self.t("report.uptime_title"),
            self.t("report.uptime_desc", floor=f"{floor:g}"),
        )
        for tick in (floor, (floor + 100) / 2, 100.0):
            y = base - (base - top) * (tick - floor) / (100 - floor)
            out.append(
                f'<line class="sg-chart-grid" x1="{left}" x2="{WIDTH}" y1="{y:g}" y2="{y:g}"/>'
            )
            out.append(f'<text x="{left - 6}" y="{y + 4:g}" text-anchor="end">{tick:g}</text>')
        for n, (month, value) in enumerate(zip(self.report.months, row.values, strict=True)):
            x = left + slot * n + slot * 0.15
            width = slot * 0.7
            centre = x + width / 2
            if value is None:
                label, y = "–", base - 4.0
            else:
                height = (base - top) * float((value - Fraction(floor)) / (100 - Fraction(floor)))
                y = base - height
                out.append(
                    f'<rect class="sg-chart-bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                    f'height="{height:.1f}"/>'
                )
                label, y = self.t.number(format_percent(value)), y - 4
            out.append(self._value_above(centre, max(y, 10), label))
            out.append(self._month_label(month, centre, base + 14))
        out.append("</svg>")
        return Markup("".join(out))

    def impact_name(self, row: ResolveTimes) -> str:
        """The impact's words, or "All impacts"."""
        return self.t("impact." + row.impact.value) if row.impact else self.t("report.all_impacts")

    def duration(self, span: timedelta | None) -> str:
        """A time to resolve or between failures for readers; "–" when there is none."""
        if span is None:
            return "–"
        if span < timedelta(minutes=1):
            return self.t("bars.under_a_minute")
        return self.fmt.duration(span)
