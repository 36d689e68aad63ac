"""Hypothesis strategies for valid content: incidents and maintenance that `statusgen check`
accepts, built as model objects (shared by the tests that need generated content)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from types import MappingProxyType
from typing import cast

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
    PhaseStatus,
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


# The factories below are cached: a strategy made once is validated and labelled once, where
# one made per draw costs Hypothesis more than the draw (about 40 ms a site, before).


@cache
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


@cache
def markdown_text() -> st.SearchStrategy[str]:
    """A short Markdown text of one to three lines (lines may be separated by blank ones)."""
    separators = st.sampled_from(["\n", "\n\n"])
    return st.lists(line_text(30), min_size=1, max_size=3).flatmap(
        lambda lines: separators.map(lambda sep: sep.join(lines))
    )


@cache
def moments(
    low: datetime = datetime(2020, 1, 1, tzinfo=UTC), high: datetime = NOW
) -> st.SearchStrategy[datetime]:
    """Aware times to the second, in one of several offsets."""
    return st.builds(
        lambda at, zone: at.astimezone(zone).replace(microsecond=0),
        st.datetimes(low.replace(tzinfo=None), high.replace(tzinfo=None), timezones=st.just(UTC)),
        st.sampled_from(ZONES),
    )


@cache
def _one_of(values: tuple[object, ...]) -> st.SearchStrategy[object]:
    return st.sampled_from(values)


@cache
def _statuses_of(
    ids: tuple[str, ...], statuses: tuple[ComponentStatus, ...], max_size: int | None = None
) -> st.SearchStrategy[dict[str, ComponentStatus]]:
    """Components of `ids` mapped to one of `statuses`."""
    return st.dictionaries(st.sampled_from(ids), st.sampled_from(statuses), max_size=max_size)


MAYBE = st.booleans()
#: `st.none() | st.just(x)` drawn as the same choice, for any x: None, or True for x.
NONE_OR_TRUE = st.none() | st.just(True)
SAID = st.none() | line_text(60)
AUDIENCES = st.sampled_from(Audience)
MINUTES = st.integers(0, 600)
MAINTENANCE_STATUSES = (ComponentStatus.OPERATIONAL, ComponentStatus.UNDER_MAINTENANCE)

#: Minutes between two updates: mostly minutes to hours, sometimes weeks or months (an outage
#: that lasts a whole month, an incident left open for months).
GAPS = st.integers(0, 600) | st.sampled_from([40 * 24 * 60, 75 * 24 * 60, 130 * 24 * 60])


def phases(
    draw: st.DrawFn,
    kind: IncidentType,
    first_at: datetime,
    ids: tuple[str, ...] = ("api", "web"),
    gaps: tuple[int, ...] = (),
) -> tuple[Phase, ...]:
    """An incident's or a maintenance's updates, oldest first, only the last one final;
    `gaps` (minutes) between them, drawn when not given. (Drawn with `draw` here, not made
    a strategy per incident, for the reason above.)"""
    statuses = (
        INCIDENT_PHASE_STATUSES if kind is IncidentType.INCIDENT else (MAINTENANCE_PHASE_STATUSES)
    )
    count = len(gaps) + 1 if gaps else draw(st.integers(1, 4))
    final = draw(MAYBE)
    open_statuses = tuple(s for s in statuses if not s.is_final)
    changes = _statuses_of(
        ids,
        tuple(PHASE_COMPONENT_STATUSES) if kind is IncidentType.INCIDENT else MAINTENANCE_STATUSES,
        2,
    )
    result: list[Phase] = []
    at = first_at
    for index in range(count):
        last = index == count - 1
        choices = open_statuses if not (last and final) else (statuses[-1],)
        status = cast(PhaseStatus, draw(_one_of(choices)))
        open_update = not status.is_final and kind is IncidentType.INCIDENT
        middle = 0 < index < count - 1
        result.append(
            Phase(
                at=at,
                status=status,
                message=draw(markdown_text()),
                next_update_at=at + timedelta(minutes=30) if draw(NONE_OR_TRUE) else None,
                estimate_at=(at + timedelta(hours=2) if draw(NONE_OR_TRUE) else None)
                if open_update
                else None,
                stated=MappingProxyType(
                    {} if not open_update or (said := draw(SAID)) is None else {"affected": said}
                ),
                components=frozen_mapping(draw(changes)),
                audience=draw(AUDIENCES) if middle else Audience.PUBLIC,
            )
        )
        gap = gaps[index] if index < len(gaps) else draw(MINUTES)
        at = at + timedelta(minutes=gap)
    return tuple(result)


WINDOW_MINUTES = st.integers(1, 600)
BODIES = st.just("") | markdown_text().map(lambda text: text + "\n")
WORKAROUNDS = st.just("") | markdown_text()
POSTMORTEM_HOURS = st.integers(0, 24)
STARTED_MINUTES = st.integers(0, 120)
IMPACTS = st.sampled_from(Impact)


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
    maintenance = draw(MAYBE)
    gaps: tuple[int, ...] = ()
    if long and not maintenance:
        gaps = tuple(draw(st.lists(GAPS, min_size=0, max_size=3)))
    latest = NOW - timedelta(days=2, minutes=sum(gaps))
    if maintenance:
        kind, first_at = IncidentType.MAINTENANCE, draw(moments(low))
        start = draw(moments(low, NOW + timedelta(days=60)))
        window = Window(start, start + timedelta(minutes=draw(WINDOW_MINUTES)))
        given = {ids[0]: ComponentStatus.UNDER_MAINTENANCE}
    else:
        kind, first_at = IncidentType.INCIDENT, draw(moments(low, latest))
        window = None
        given = draw(_statuses_of(ids, tuple(INCIDENT_COMPONENT_STATUSES)))
    updates = phases(draw, kind, first_at, ids, gaps)
    closed = updates[-1].status.is_final
    body = draw(BODIES)
    postmortem = None
    if not maintenance and closed and body and draw(MAYBE):
        postmortem = updates[-1].at + timedelta(hours=draw(POSTMORTEM_HOURS))
    started = None
    if not maintenance and draw(MAYBE):
        started = first_at - timedelta(minutes=draw(STARTED_MINUTES))
    return Incident(
        id="generated",
        path="incidents/generated.md",
        title=draw(line_text(80)),
        type=kind,
        impact=draw(IMPACTS),
        components=frozen_mapping(given),
        phases=updates,
        workaround=draw(WORKAROUNDS),
        scheduled=window,
        audience=draw(AUDIENCES),
        body=body,
        postmortem_at=postmortem,
        started=started,
    )


SINCE = (
    st.none()
    | moments(NOW - timedelta(days=400)).map(lambda at: at.astimezone(UTC))
    | moments(NOW - timedelta(days=400)).map(
        lambda at: datetime(at.year, at.month, at.day, tzinfo=UTC)
    )
)
SLAS = st.none() | st.sampled_from([99.0, 99.9, 99.99])


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """One to four components, the first public, others public or internal, some added
    mid-month (`since:` a day or a time), some with an SLA."""
    count = draw(st.integers(1, 4))
    components = []
    for number in range(count):
        since = draw(SINCE)
        components.append(
            Component(
                f"c{number}",
                f"{draw(line_text(20))} {number}",
                "Core",
                since=since,
                sla=draw(SLAS),
                audience=draw(AUDIENCES) if number else Audience.PUBLIC,
            )
        )
    return Catalog((Group("Core", tuple(components)),))


@cache
def _incident_lists(
    ids: tuple[str, ...], low: datetime, most: int
) -> st.SearchStrategy[list[Incident]]:
    return st.lists(incidents(ids, low, long=True), max_size=most)


@st.composite
def status_sites(draw: st.DrawFn, max_incidents: int = 6) -> StatusSite:
    """A whole valid site as of `NOW`: a catalog and incidents of the last year or so, among
    them month-long outages, incidents open for months, maintenance, internal incidents and
    internal-only updates (each incident with its own id and file)."""
    catalog = draw(catalogs())
    ids = tuple(c.id for c in catalog.components)
    low = NOW - timedelta(days=400)
    drawn = draw(_incident_lists(ids, low, max_incidents))
    items = []
    for number, incident in enumerate(drawn):
        identifier = f"{incident.phases[0].at.astimezone(UTC):%Y-%m-%d}-incident-{number}"
        items.append(replace(incident, id=identifier, path=f"incidents/{identifier}.md"))
    return StatusSite(catalog, tuple(items))
