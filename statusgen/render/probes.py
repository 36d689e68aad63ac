"""What the probes measured, on component pages and in the API: response time per UTC day
(p50 and p95) over the page's days and each probe of the last 24 hours, as inline SVG charts
(titled, described, drawn with more than colour) whose numbers are also in tables, and the
measured availability beside the uptime declared in incidents. Nothing without a history.

The charts follow the report's (`render/report.py`): inline, so they take the page's colours
and need no script nor request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

from markupsafe import Markup, escape

from statusgen.clock import iso_utc
from statusgen.content.probehistory import RAW, Day, Probe, ProbeHistory, availability
from statusgen.derive.snapshot import ComponentView, Snapshot
from statusgen.derive.uptime import UPTIME_WINDOWS, format_percent
from statusgen.render.locale import Translator
from statusgen.render.report import WIDTH, chart_open
from statusgen.render.safejson import render_json

#: The charts' plot area.
LEFT, TOP, BASE, HEIGHT = 52, 26, 176, 200
#: The marks' looks, in the page's colours (inside the SVG: statusgen.css stays as it is for
#: sites without probes). p95 an outline, p50 solid, failures a different shape.
STYLE = (
    "<style>.sg-chart-p50{fill:var(--sg-link)}"
    ".sg-chart-p95{fill:none;stroke:var(--sg-link);stroke-width:1}"
    ".sg-chart-line{fill:none;stroke:var(--sg-link);stroke-width:1.5;stroke-linecap:round;"
    "stroke-linejoin:round}.sg-chart-fail{fill:var(--sg-major_outage)}</style>"
)


@dataclass(frozen=True)
class ProbeView:
    """One component's measurements for its page."""

    component_id: str
    #: The page's days (UTC), oldest first, each with its row or None without probes.
    days: list[tuple[date, Day | None]]
    #: Every probe of the last 24 hours, oldest first.
    recent: list[Probe]
    #: Per uptime window (days): the share of probes that passed, None without probes.
    measured: dict[int, Fraction | None]
    now: datetime

    @property
    def measured_days(self) -> list[Day]:
        """The days that have probes, newest first (the table's rows)."""
        return [row for _, row in reversed(self.days) if row is not None]


@dataclass(frozen=True)
class ProbeCharts:
    """The probe history as one build shows it."""

    history: ProbeHistory
    now: datetime
    t: Translator
    days: int
    #: The components the audience sees, by id (an internal one never in a public build).
    components: dict[str, ComponentView]

    def of(self, component_id: str) -> ProbeView | None:
        """The component's view; None when it was never probed (nothing is shown)."""
        rows = self.history.daily(component_id, self.now)
        if not rows or component_id not in self.components:
            return None
        today = self.now.astimezone(UTC).date()
        span = [today - timedelta(days=n) for n in range(self.days - 1, -1, -1)]
        history = self.history.components[component_id]
        measured = {
            window: availability(r for d, r in rows.items() if d > today - timedelta(days=window))
            for window in UPTIME_WINDOWS
        }
        recent = [p for p in history.recent if self.now - p.at < RAW and p.at <= self.now]
        return ProbeView(component_id, [(d, rows.get(d)) for d in span], recent, measured, self.now)

    def percent(self, value: Fraction | None) -> str:
        """A share as the language writes it, truncated to two decimals; "–" for none."""
        return self.t.number(format_percent(value)) + ("\u00a0%" if value is not None else "")

    def day_percent(self, row: Day) -> str:
        """A day's share of passed probes."""
        return self.percent(availability([row]))

    def ms(self, value: int | None) -> str:
        """Milliseconds for readers; "–" for none."""
        return "–" if value is None else self.t("probes.ms", ms=value)

    def day_chart(self, view: ProbeView) -> Markup:
        """p95 as an outlined bar, p50 as a solid bar inside it, per day; gaps for days
        without passed probes."""
        ident = f"sg-probes-{view.component_id}-days"
        ceiling = nice_ceiling(max((r.p95 or 0) for _, r in view.days if r) or 1)
        out = chart_open(
            ident,
            HEIGHT,
            self.t("probes.days_title", days=len(view.days)),
            self.t("probes.days_desc"),
        )
        out.append(STYLE)
        out.append(self._legend([("p95", self.t("probes.p95")), ("p50", self.t("probes.p50"))]))
        out += self._grid(ceiling)
        slot = (WIDTH - LEFT) / len(view.days)
        for n, (_, row) in enumerate(view.days):
            if row is None or row.p50 is None or row.p95 is None:
                continue
            x, width = LEFT + slot * n + slot * 0.15, slot * 0.7
            for key, value in (("p95", row.p95), ("p50", row.p50)):
                height = max((BASE - TOP) * value / ceiling, 0.5)
                out.append(
                    f'<rect class="sg-chart-{key}" x="{x:.1f}" y="{BASE - height:.1f}" '
                    f'width="{width:.1f}" height="{height:.1f}"/>'
                )
        first, last = view.days[0][0], view.days[-1][0]
        out.append(self._label(LEFT, first.isoformat(), "start"))
        out.append(self._label(WIDTH, last.isoformat(), "end"))
        out.append("</svg>")
        return Markup("".join(out))

    def recent_chart(self, view: ProbeView) -> Markup:
        """Each probe's response time over the last 24 hours as a line (broken at failures
        and at missed probes); each failure as a mark at the top."""
        ident = f"sg-probes-{view.component_id}-recent"
        passed = [p for p in view.recent if p.passed]
        ceiling = nice_ceiling(max((p.ms for p in passed), default=1) or 1)
        out = chart_open(ident, HEIGHT, self.t("probes.recent_title"), self.t("probes.recent_desc"))
        out.append(STYLE)
        out.append(
            self._legend([("line", self.t("probes.response")), ("fail", self.t("probes.failed"))])
        )
        out += self._grid(ceiling)
        start = view.now - RAW

        def x_of(moment: datetime) -> float:
            return LEFT + (WIDTH - LEFT) * (moment - start) / RAW

        steps = sorted(b.at - a.at for a, b in zip(view.recent, view.recent[1:], strict=False))
        gap = 3 * steps[len(steps) // 2] if steps else RAW
        path: list[str] = []
        previous: Probe | None = None
        for probe in view.recent:
            if not probe.passed:
                x = x_of(probe.at)
                out.append(f'<path class="sg-chart-fail" d="M{x:.1f} {TOP - 2}l-3 -6h6z"/>')
            else:
                y = BASE - (BASE - TOP) * probe.ms / ceiling
                joined = previous is not None and previous.passed and probe.at - previous.at <= gap
                path.append(f"{'L' if joined else 'M'}{x_of(probe.at):.1f} {y:.1f}")
                if not joined:
                    path.append("h0")  # a probe alone is a dot (round caps)
            previous = probe
        if path:
            out.append(f'<path class="sg-chart-line" d="{"".join(path)}"/>')
        out.append(self._label(LEFT, f"{start:%H:%M} UTC", "start"))
        out.append(self._label(WIDTH, f"{view.now:%H:%M} UTC", "end"))
        out.append("</svg>")
        return Markup("".join(out))

    def _grid(self, ceiling: int) -> list[str]:
        out = []
        for value in (0, ceiling // 2, ceiling):
            y = BASE - (BASE - TOP) * value / ceiling
            out.append(
                f'<line class="sg-chart-grid" x1="{LEFT}" x2="{WIDTH}" y1="{y:g}" y2="{y:g}"/>'
            )
            out.append(
                f'<text x="{LEFT - 6}" y="{y + 4:g}" text-anchor="end">'
                f"{escape(self.ms(value))}</text>"
            )
        return out

    @staticmethod
    def _label(x: float, text: str, anchor: str) -> str:
        return f'<text x="{x:g}" y="{BASE + 16}" text-anchor="{anchor}">{escape(text)}</text>'

    @staticmethod
    def _legend(items: list[tuple[str, str]]) -> str:
        parts, x = [], float(LEFT)
        for key, label in items:
            if key == "fail":
                parts.append(f'<path class="sg-chart-fail" d="M{x + 6:g} 16l-5 -10h10z"/>')
            elif key == "line":
                parts.append(f'<path class="sg-chart-line" d="M{x:g} 10h12"/>')
            else:
                parts.append(
                    f'<rect class="sg-chart-{key}" x="{x:g}" y="4" width="12" height="12"/>'
                )
            parts.append(f'<text x="{x + 17:g}" y="14">{escape(label)}</text>')
            x += 30 + 6.5 * len(label)
        return '<g class="sg-chart-legend">' + "".join(parts) + "</g>"


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2 and 5 times a power of ten (from 10) that holds `value`."""
    power = 10
    while True:
        for factor in (1, 2, 5):
            ceiling = power * factor
            if ceiling >= value:
                return ceiling
        power *= 10


def probe_charts(
    history: ProbeHistory | None, snapshot: Snapshot, t: Translator
) -> ProbeCharts | None:
    """The build's probe charts: None without a history (nothing shown, no file)."""
    if not history:
        return None
    return ProbeCharts(history, snapshot.now, t, snapshot.history_days, dict(snapshot.components))


def response_times_file(charts: ProbeCharts) -> str:
    """api/v2/response-times.json: per probed component the audience sees, its measured
    availability, its days and its last 24 hours (Statuspage's files stay as they are)."""
    components = []
    for component_id, shown in charts.components.items():
        view = charts.of(component_id)
        if view is None:
            continue
        components.append(
            {
                "id": component_id,
                "name": shown.component.name,
                "availability": {
                    f"{window}d": None if share is None else float(round(share, 4))
                    for window, share in view.measured.items()
                },
                "days": [
                    {
                        "date": row.day.isoformat(),
                        "checks": row.checks,
                        "failures": row.failures,
                        "p50_ms": row.p50,
                        "p95_ms": row.p95,
                    }
                    for _, row in view.days
                    if row is not None
                ],
                "recent": [
                    {"at": iso_utc(p.at), "passed": p.passed, "ms": p.ms} for p in view.recent
                ],
            }
        )
    return render_json({"generated_at": iso_utc(charts.now), "components": components})
