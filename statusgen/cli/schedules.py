"""How often a new site's workflows run (`statusgen init`): every 30 minutes for publishing
and every 5 for the probe on a public repository, where GitHub Actions is free; on a private one
the most frequent schedules whose runs fit the GitHub plan's Actions minutes."""

from __future__ import annotations

from dataclasses import dataclass

from statusgen.cli.defaults import PRIVATE_PLANS


@dataclass(frozen=True)
class Schedule:
    """How often the schedule workflow asks whether to publish."""

    words: str
    cron: str
    within: str
    #: Scheduled runs in a 30-day month.
    runs: int


#: The schedules init chooses from, most frequent first, each off the full hour.
SCHEDULES = (
    Schedule("30 minutes", "11,41 * * * *", "30m", 1440),
    Schedule("hour", "11 * * * *", "1h", 720),
    Schedule("2 hours", "11 */2 * * *", "2h", 360),
    Schedule("3 hours", "11 */3 * * *", "3h", 240),
    Schedule("6 hours", "11 */6 * * *", "6h", 120),
)
#: The probe workflow's schedules, most frequent first (5 minutes: the shortest GitHub runs).
PROBE_SCHEDULES = (
    Schedule("5 minutes", "*/5 * * * *", "5m", 8640),
    Schedule("10 minutes", "*/10 * * * *", "10m", 4320),
    Schedule("15 minutes", "*/15 * * * *", "15m", 2880),
    Schedule("30 minutes", "*/30 * * * *", "30m", 1440),
    Schedule("hour", "7 * * * *", "1h", 720),
)
#: Actions minutes a scheduled run costs at most: the `due` job, then (when due) the build,
#: the deploy and the notify job, each billed at least a minute.
RUN_MINUTES = 4
#: The weekly run a month (about 4.3 runs of publish and keep-alive, 4 minutes each), rounded up.
WEEKLY_MINUTES = 20


def schedule_for(private: str | None) -> Schedule:
    """Every 30 minutes for a public repository (free); for a private one, the most frequent
    schedule whose worst month (every run publishes) takes at most half the plan's minutes,
    which the account's other private repositories share."""
    if private is None:
        return SCHEDULES[0]
    budget = PRIVATE_PLANS[private] // 2
    fitting = [s for s in SCHEDULES if s.runs * RUN_MINUTES + WEEKLY_MINUTES <= budget]
    return fitting[0] if fitting else SCHEDULES[-1]


def probe_schedule_for(private: str | None) -> Schedule:
    """Every 5 minutes for a public repository (free); for a private one, the most frequent
    probe schedule whose month of runs (a minute each) takes at most a quarter of the plan's
    minutes: the publish schedule has half, the account's other repositories the rest."""
    if private is None:
        return PROBE_SCHEDULES[0]
    budget = PRIVATE_PLANS[private] // 4
    fitting = [s for s in PROBE_SCHEDULES if s.runs <= budget]
    return fitting[0] if fitting else PROBE_SCHEDULES[-1]
