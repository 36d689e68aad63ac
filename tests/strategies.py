"""Hypothesis strategies for valid content: incidents and maintenance that `statusgen check`
accepts, built as model objects (shared by the tests that need generated content)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from types import MappingProxyType

from hypothesis import strategies as st

from statusgen.content.budgets import unclean_character
from statusgen.content.rules import PLACEHOLDER_PREFIX
from statusgen.model import (
    INCIDENT_COMPONENT_STATUSES,
    INCIDENT_PHASE_STATUSES,
    MAINTENANCE_PHASE_STATUSES,
    PHASE_COMPONENT_STATUSES,
    Audience,
    Catalog,
    Component,
    ComponentStatus,
    Group,
    Impact,
    Incident,
    IncidentType,
    Phase,
    StatusSite,
    Window,
    frozen_mapping,
)

#: The "now" of generated content: everything an incident says happened before it.
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
CATALOG = Catalog(
    (
        Group(
            "Core",
            (Component("api", "Public API", "Core"), Component("web", "Website", "Core")),
        ),
    )
)
ZONES = (UTC, timezone(timedelta(hours=2)), timezone(-timedelta(hours=5, minutes=30)))


def _acceptable(text: str) -> bool:
    return (
        bool(text)
        and unclean_character(text) is None
        and "{{" not in text
        and not text.startswith(PLACEHOLDER_PREFIX)
    )


def line_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """One line of text a responder may write: any printable characters, trimmed."""
    return (
        st.text(
            st.characters(blacklist_categories=("Cc", "Cs")),
            min_size=1,
            max_size=max_size,
        )
        .map(str.strip)
        .filter(_acceptable)
    )


def markdown_text() -> st.SearchStrategy[str]:
    """A short Markdown text of one to three lines (lines may be separated by blank ones)."""
    separators = st.sampled_from(["\n", "\n\n"])
    return st.lists(line_text(30), min_size=1, max_size=3).flatmap(
        lambda lines: separators.map(lambda sep: sep.join(lines))
    )


def moments(
    low: datetime = datetime(2020, 1, 1, tzinfo=UTC), high: datetime = NOW
) -> st.SearchStrategy[datetime]:
    """Aware times to the second, in one of several offsets."""
    return st.builds(
        lambda at, zone: at.astimezone(zone).replace(microsecond=0),
        st.datetimes(low.replace(tzinfo=None), high.replace(tzinfo=None), timezones=st.just(UTC)),
        st.sampled_from(ZONES),
    )


#: Minutes between two updates: mostly minutes to hours, sometimes weeks or months (an outage
#: that lasts a whole month, an incident left open for months).
GAPS = st.integers(0, 600) | st.sampled_from([40 * 24 * 60, 75 * 24 * 60, 130 * 24 * 60])


@st.composite
def phases(
    draw: st.DrawFn,
    kind: IncidentType,
    first_at: datetime,
    ids: tuple[str, ...] = ("api", "web"),
    gaps: tuple[int, ...] = (),
) -> tuple[Phase, ...]:
    """An incident's or a maintenance's updates, oldest first, only the last one final;
    `gaps` (minutes) between them, drawn when not given."""
    statuses = (
        INCIDENT_PHASE_STATUSES if kind is IncidentType.INCIDENT else (MAINTENANCE_PHASE_STATUSES)
    )
    count = len(gaps) + 1 if gaps else draw(st.integers(1, 4))
    final = draw(st.booleans())
    result: list[Phase] = []
    at = first_at
    for index in range(count):
        last = index == count - 1
        choices = (
            [s for s in statuses if not s.is_final] if not (last and final) else ([statuses[-1]])
        )
        status = draw(st.sampled_from(choices))
        open_update = not status.is_final and kind is IncidentType.INCIDENT
        middle = 0 < index < count - 1
        result.append(
            Phase(
                at=at,
                status=status,
                message=draw(markdown_text()),
                next_update_at=draw(st.none() | st.just(at + timedelta(minutes=30))),
                estimate_at=(draw(st.none() | st.just(at + timedelta(hours=2))))
                if open_update
                else None,
                stated=MappingProxyType(
                    {}
                    if not open_update or (said := draw(st.none() | line_text(60))) is None
                    else {"affected": said}
                ),
                components=frozen_mapping(
                    draw(
                        st.dictionaries(
                            st.sampled_from(ids),
                            st.sampled_from(
                                PHASE_COMPONENT_STATUSES
                                if kind is IncidentType.INCIDENT
                                else (
                                    ComponentStatus.OPERATIONAL,
                                    ComponentStatus.UNDER_MAINTENANCE,
                                )
                            ),
                            max_size=2,
                        )
                    )
                ),
                audience=draw(st.sampled_from(Audience)) if middle else Audience.PUBLIC,
            )
        )
        gap = gaps[index] if index < len(gaps) else draw(st.integers(0, 600))
        at = at + timedelta(minutes=gap)
    return tuple(result)


@st.composite
def incidents(
    draw: st.DrawFn,
    ids: tuple[str, ...] = ("api", "web"),
    low: datetime = datetime(2020, 1, 1, tzinfo=UTC),
    long: bool = False,
) -> Incident:
    """A valid incident or maintenance as of `NOW`, with any of its optional keys, affecting
    components of `ids`, begun after `low`; `long`: its updates may be weeks or months apart
    (outages that cover whole months, incidents open for months)."""
    maintenance = draw(st.booleans())
    gaps: tuple[int, ...] = ()
    if long and not maintenance:
        gaps = tuple(draw(st.lists(GAPS, min_size=0, max_size=3)))
    latest = NOW - timedelta(days=2, minutes=sum(gaps))
    if maintenance:
        kind, first_at = IncidentType.MAINTENANCE, draw(moments(low))
        start = draw(moments(low, NOW + timedelta(days=60)))
        window = Window(start, start + timedelta(minutes=draw(st.integers(1, 600))))
        given = {ids[0]: ComponentStatus.UNDER_MAINTENANCE}
    else:
        kind, first_at = IncidentType.INCIDENT, draw(moments(low, latest))
        window = None
        given = draw(
            st.dictionaries(st.sampled_from(ids), st.sampled_from(INCIDENT_COMPONENT_STATUSES))
        )
    updates = draw(phases(kind, first_at, ids, gaps))
    closed = updates[-1].status.is_final
    body = draw(st.just("") | markdown_text().map(lambda text: text + "\n"))
    postmortem = None
    if not maintenance and closed and body and draw(st.booleans()):
        postmortem = updates[-1].at + timedelta(hours=draw(st.integers(0, 24)))
    started = None
    if not maintenance and draw(st.booleans()):
        started = first_at - timedelta(minutes=draw(st.integers(0, 120)))
    return Incident(
        id="generated",
        path="incidents/generated.md",
        title=draw(line_text(80)),
        type=kind,
        impact=draw(st.sampled_from(Impact)),
        components=frozen_mapping(given),
        phases=updates,
        workaround=draw(st.just("") | markdown_text()),
        scheduled=window,
        audience=draw(st.sampled_from(Audience)),
        body=body,
        postmortem_at=postmortem,
        started=started,
    )


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """One to four components, the first public, others public or internal, some added
    mid-month (`since:` a day or a time), some with an SLA."""
    count = draw(st.integers(1, 4))
    components = []
    for number in range(count):
        since = draw(
            st.none()
            | moments(NOW - timedelta(days=400)).map(lambda at: at.astimezone(UTC))
            | moments(NOW - timedelta(days=400)).map(
                lambda at: datetime(at.year, at.month, at.day, tzinfo=UTC)
            )
        )
        components.append(
            Component(
                f"c{number}",
                f"{draw(line_text(20))} {number}",
                "Core",
                since=since,
                sla=draw(st.none() | st.sampled_from([99.0, 99.9, 99.99])),
                audience=draw(st.sampled_from(Audience)) if number else Audience.PUBLIC,
            )
        )
    return Catalog((Group("Core", tuple(components)),))


@st.composite
def status_sites(draw: st.DrawFn, max_incidents: int = 6) -> StatusSite:
    """A whole valid site as of `NOW`: a catalog and incidents of the last year or so, among
    them month-long outages, incidents open for months, maintenance, internal incidents and
    internal-only updates (each incident with its own id and file)."""
    catalog = draw(catalogs())
    ids = tuple(c.id for c in catalog.components)
    low = NOW - timedelta(days=400)
    drawn = draw(st.lists(incidents(ids, low, long=True), max_size=max_incidents))
    items = []
    for number, incident in enumerate(drawn):
        identifier = f"{incident.phases[0].at.astimezone(UTC):%Y-%m-%d}-incident-{number}"
        items.append(replace(incident, id=identifier, path=f"incidents/{identifier}.md"))
    return StatusSite(catalog, tuple(items))
