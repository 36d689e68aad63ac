"""How long what is derived from a site stays as it is: the first moment after `now` at which
deriving the site again could give another result (issue 22: `statusgen check` keeps its
verdict until then, `render/checkverdict.py`).

Derived state reads the clock in three ways only: a time of the site against `now` (an update
posted, a maintenance window starting or ending, a next-update estimate passing, a component
retired), a time of the site plus a span against `now` (an incident leaving the feeds after
`history_days`, a raw probe older than a day), and `now`'s day (the uptime bars, the reports'
months, the calendar, the years of the archive: in the site's time zone, and in UTC for the
probes' days). Between two such moments every comparison gives the same answer, so the
derivation takes the same branches; only lengths that grow with the clock (how long an open
incident has lasted, its uptime so far) differ, and no check's verdict depends on them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo

from statusgen.derive.uptime import day_start, local_day
from statusgen.model import StatusSite


def site_times(site: StatusSite) -> Iterator[datetime]:
    """Every time the model of `site` holds (a test holds this to the model's fields)."""
    for component in site.catalog.components:
        if component.since is not None:
            yield component.since
        if component.retired is not None:
            yield component.retired
    for incident in site.incidents:
        if incident.started is not None:
            yield incident.started
        if incident.postmortem_at is not None:
            yield incident.postmortem_at
        if incident.scheduled is not None:
            yield incident.scheduled.start_at
            yield incident.scheduled.end_at
        for phase in incident.phases:
            yield phase.at
            if phase.next_update_at is not None:
                yield phase.next_update_at
            if phase.estimate_at is not None:
                yield phase.estimate_at


def unchanged_until(
    site: StatusSite,
    now: datetime,
    zone: tzinfo,
    spans: Iterable[timedelta],
    extra: Iterable[datetime] = (),
) -> datetime:
    """The first moment at or after `now` at which deriving `site` may change: a time of the
    site (or of `extra`, such as the probes' times) plus any of `spans` (zero is always one),
    or the start of a day in `zone` or in UTC. Deriving at any moment in [now, that moment)
    gives what deriving at `now` gives, but for lengths that grow with the clock; when the
    result is `now` itself (a time falls on it), only `now` does."""
    times = sorted([*site_times(site), *extra])
    found = [
        day_start(local_day(now, day_zone) + timedelta(days=days), day_zone)
        for day_zone in (zone, UTC)
        for days in (0, 1)
    ]
    for span in {timedelta(0), *spans}:
        # The first time whose moment plus the span is not before now.
        index = bisect.bisect_left(times, now - span)
        if index < len(times):
            found.append(times[index] + span)
    return min(moment for moment in found if moment >= now)
