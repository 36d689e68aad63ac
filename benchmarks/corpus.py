"""Seeded corpora for the benchmarks: a complete statusgen site, and the plain-MkDocs floor.

`write_corpus` writes a site that `statusgen check` accepts (DESIGN sections 2 and 3): C
components in G groups, N incidents spread over Y years before a fixed "now", with phases that
escalate and recover components, maintenance windows, workarounds and postmortems of realistic
length. The same seed always writes the same bytes.

`write_floor_site` writes what statusgen is compared against: plain MkDocs + Material with one
hand-written Markdown page per incident holding the same text, read back with statusgen's own
loader so both sites hold exactly the same words.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

#: The fixed moment every corpus is "as of": 2026-11-23T12:00:00Z.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
#: NOW as SOURCE_DATE_EPOCH, which MkDocs (and so statusgen) uses as the build time.
SOURCE_DATE_EPOCH = 1795435200
assert int(NOW.timestamp()) == SOURCE_DATE_EPOCH
DEFAULT_SEED = 20261123

#: The Markdown extensions both sites use (MkDocs adds toc, tables and fenced_code anyway).
MARKDOWN_EXTENSIONS_YAML = """\
markdown_extensions:
  - tables
  - admonition
  - attr_list
  - toc:
      permalink: true
"""

# -- vocabulary -----------------------------------------------------------------------------------
GROUP_NAMES = [
    "Core platform",
    "Compute",
    "Data & storage",
    "Networking & providers",
    "Developer tools",
    "Observability",
    "Messaging",
    "Regions",
]
#: (id, name, description); more components than this are numbered services.
COMPONENT_POOL = [
    ("api", "Public API", "REST and GraphQL endpoints"),
    ("dashboard", "Dashboard", "The web console"),
    ("auth", "Authentication", "Sign-in, single sign-on and API tokens"),
    ("webhooks", "Webhooks", "Delivery of event notifications to your endpoints"),
    ("billing", "Billing", "Invoices, usage metering and plan changes"),
    ("cli", "Command-line tools", "The acme CLI and its update service"),
    ("virtual-machines", "Virtual machines", "Provisioning and running virtual machines"),
    ("kubernetes", "Managed Kubernetes", "Control planes and node pools"),
    ("functions", "Serverless functions", "Deploying and invoking functions"),
    ("builds", "Builds", "Container image builds and build caches"),
    ("scheduled-jobs", "Scheduled jobs", "Cron-style jobs and background workers"),
    ("gpu-instances", "GPU instances", "GPU-backed machines for training and inference"),
    ("database", "Managed databases", "PostgreSQL clusters, backups and read replicas"),
    ("object-storage", "Object storage", "S3-compatible buckets in all regions"),
    ("block-storage", "Block storage", "Volumes and snapshots"),
    ("cache", "Managed Redis", "In-memory caches and queues"),
    ("search-service", "Search", "Managed full-text search clusters"),
    ("backups", "Backups", "Scheduled and on-demand backups"),
    ("cdn", "CDN", "Edge caching and TLS for static assets and custom domains"),
    ("load-balancers", "Load balancers", "Regional and global load balancing"),
    ("private-networking", "Private networking", "VPCs, peering and VPN gateways"),
    ("email-delivery", "Email delivery", "Transactional email"),
    ("payments-provider", "Payments provider", "Card payments for plan upgrades and invoices"),
    ("dns-provider", "DNS provider", "Authoritative DNS for our domains"),
    ("sms-provider", "SMS provider", "Two-factor codes and alerts by text message"),
    ("logging", "Log streaming", "Log drains and live tail"),
    ("metrics", "Metrics", "Dashboards, alerts and the metrics API"),
    ("queues", "Message queues", "Managed queues and topics"),
]
THIRD_PARTY = {"payments-provider", "dns-provider", "sms-provider", "email-delivery"}
REGIONS = ["us-east", "us-west", "eu-west", "eu-central", "ap-southeast", "ap-northeast", "sa-east"]

SYMPTOMS = [
    "elevated error rates",
    "increased latency",
    "intermittent timeouts",
    "failed requests",
    "slow responses",
    "delayed processing",
    "connection resets",
    "partial unavailability",
    "stale data",
    "failed deployments",
    "login failures",
    "queued jobs not starting",
]
TITLE_FORMS = [
    "{Symptom} on {name}",
    "{Symptom} for {name}",
    "{name}: {symptom}",
    "{Symptom} on {name} in {region}",
    "{name} degraded in {region}",
    "{name} unavailable for some customers",
    "{Symptom} affecting {name} and {name2}",
    "Delays in {name}",
]
CAUSES = [
    "a configuration change to the load balancer pool that removed healthy backends",
    "a faulty deploy of the routing service",
    "connection pool exhaustion on the primary database",
    "an expired certificate on an internal endpoint",
    "a hardware failure in one of our {region} racks",
    "a surge of traffic from a single tenant that bypassed rate limiting",
    "a bug in the retry logic of the queue consumers",
    "DNS resolution failures at our upstream provider",
    "full disks on the log pipeline nodes",
    "a memory leak in the request proxy introduced last week",
    "a network partition between two availability zones in {region}",
    "a schema migration that locked a heavily used table",
    "a misconfigured autoscaling policy that scaled the fleet down during peak traffic",
    "a degraded storage array behind the metadata service",
    "an upstream provider incident affecting {region}",
]
ACTIONS = [
    "We are rolling back the change.",
    "We are failing over to the standby.",
    "We are adding capacity in {region}.",
    "We are restarting the affected nodes one by one.",
    "We are working with the provider on a fix.",
    "A fix is being deployed now.",
    "We are draining traffic away from the affected zone.",
    "We are replaying the queued work.",
]
EXTRAS = [
    "Running workloads are not affected.",
    "No data has been lost.",
    "Other regions are operating normally.",
    "Retries succeed for most requests.",
    "API keys and existing sessions keep working.",
    "Scheduled jobs may start late.",
    "Customers in {region} are the most affected.",
    "About {pct} % of requests are failing.",
]
MONITORING = [
    "The fix is in place and {metric} is back to normal. We are monitoring the results.",
    "Traffic has been moved back and {metric} has recovered. We continue to watch it closely.",
    "The backlog of about {count} jobs is draining; new work is processed without delay.",
    "All nodes are healthy again. We are monitoring {metric} for the next hour.",
    "Error rates have dropped to their usual level. We will keep monitoring before closing this "
    "incident.",
]
RESOLVED = [
    "This incident has been resolved. {name} has been operating normally for {minutes} minutes.",
    "{metric} has been normal for over an hour. This incident is resolved.",
    "Everything is back to normal and the backlog is cleared. We will publish a postmortem.",
    "The issue is resolved. Thank you for your patience, and sorry for the disruption.",
    "Resolved: {name} is fully operational again. No data was lost.",
]
UPDATES = [
    "We are still investigating. {extra}",
    "We continue to work on a fix. {extra} Next update within the hour.",
    "The fix is rolling out region by region; {pct} % of traffic is served by fixed nodes.",
]
METRICS = ["the error rate", "p99 latency", "the queue depth", "the success rate", "response time"]
WORKAROUNDS = [
    "Retry failed requests with exponential backoff; most succeed on the second attempt.",
    "Use the {region} endpoint, which is not affected, until this is resolved.",
    "Existing sessions keep working: avoid signing out until this incident is resolved.",
    "Trigger the job by hand from the Dashboard if it has not started within ten minutes.",
    "Pin your deploys to the previous runtime version with `runtime: previous` in your config.",
]
MAINTENANCE_TITLES = [
    "{name} upgrade in {region}",
    "Scheduled maintenance of {name}",
    "Network maintenance in {region}",
    "{name} storage migration",
    "Certificate rotation for {name}",
]
MAINTENANCE_MESSAGES = {
    "scheduled": [
        "We will upgrade {name} in {region}. Requests may fail for up to two minutes at a time "
        "during the window; our SDKs retry automatically. No action is needed.",
        "We will migrate {name} to new hardware in {region}. Each cluster fails over once, with a "
        "single interruption of 10 to 30 seconds.",
    ],
    "in_progress": [
        "The maintenance has started.",
        "The maintenance is in progress; work proceeds in batches.",
    ],
    "verifying": [
        "The work is done; we are verifying health checks and latency before we close the window."
    ],
    "completed": [
        "The maintenance is complete. Thank you for your patience.",
        "The maintenance is complete; the median interruption was {seconds} seconds.",
    ],
}
POSTMORTEM_SENTENCES = [
    "The change had passed every test in staging, where the traffic pattern that triggered it "
    "does not occur.",
    "Our alerting fired within {minutes} minutes, but the first alert went to a team that does "
    "not own the service.",
    "Retries from clients amplified the load, which kept the service saturated after the initial "
    "cause was gone.",
    "We had seen a smaller version of this problem in {region} earlier in the year and had not "
    "followed it up.",
    "Capacity planning assumed that one zone could absorb the traffic of another, which was no "
    "longer true at current volumes.",
    "The runbook for this failure described a tool that has since been replaced, which slowed the "
    "response.",
    "Once the cause was clear, the rollback itself took {minutes} minutes because it had to run "
    "node by node.",
    "No data was lost: every write that was accepted was stored, and every rejected write "
    "returned an error to the client.",
    "Dashboards showed the service as healthy because the health check only tested a cached path.",
    "The incident commander split the response into a mitigation and a communication track after "
    "the first half hour.",
    "A dependency that we treated as optional turned out to be on the critical path of every "
    "request.",
    "The feature flag that would have disabled the new code path was not wired into this service.",
    "Customers who had configured retries with jitter saw almost no failures; those retrying in "
    "tight loops saw most of them.",
    "We are grateful to the customers who reported the problem with request ids, which shortened "
    "the investigation.",
]
CHANGES = [
    "Add a canary stage that receives production traffic before any full rollout.",
    "Alert on the ratio of failed requests, not only on the absolute number of errors.",
    "Make the health check exercise the same path as customer requests.",
    "Rate limit per tenant before requests reach the shared queue.",
    "Rehearse the failover every quarter and keep the runbook next to the alert.",
    "Give the rollback a single command that runs on all nodes in parallel.",
    "Keep at least 40 % spare capacity in every zone, and review it monthly.",
    "Wire the feature flag into every service that uses the new code path.",
    "Post the first update on this page within 10 minutes of the first alert.",
]


# A small grammar for varied, specific sentences (hosts, versions, numbers), so the corpus does
# not compress far better than real postmortems would: template-only text gzips 2-3x smaller.
SERVICES = [
    "router",
    "ledger",
    "gatekeeper",
    "shipper",
    "indexer",
    "relay",
    "keystone",
    "nimbus",
    "pulsar",
    "beacon",
    "courier",
    "harbor",
    "lattice",
    "quarry",
    "sentinel",
    "tributary",
    "vault",
    "warden",
    "atlas",
    "forge",
    "meridian",
    "orbit",
    "prism",
    "summit",
    "tundra",
    "zephyr",
]
TABLES = [
    "accounts",
    "sessions",
    "events",
    "invoices",
    "deployments",
    "tokens",
    "usage_records",
    "webhook_attempts",
    "audit_log",
    "projects",
    "buckets",
    "members",
]
FLAG_SUFFIXES = ["fast_path", "v2_router", "async_writes", "new_pool", "strict_tls"]
SUBJECTS = [
    "the {svc} service",
    "our deploy pipeline",
    "a background job in {svc}",
    "the primary of {host}",
    "the connection pooler in front of {svc}",
    "the canary for {version}",
    "the control plane in {region}",
    "the scheduler",
    "one of the {small} shards of {svc}",
    "the config service",
    "the edge proxy on {host}",
    "the retry queue of {svc}",
    "the storage layer under {table}",
    "the health checker",
    "the TLS terminator",
    "our paging system",
    "the metrics pipeline",
    "the autoscaler for {svc}",
    "a cron job that compacts {table}",
    "the rate limiter",
    "the {svc} migration script",
]
VERBS = [
    "rejected",
    "retried",
    "dropped",
    "throttled",
    "misrouted",
    "cached",
    "restarted",
    "replayed",
    "delayed",
    "recomputed",
    "evicted",
    "locked",
    "duplicated",
    "truncated",
    "queued",
    "ignored",
    "double-counted",
    "reordered",
    "timed out on",
    "stopped acknowledging",
]
OBJECTS = [
    "{big} requests per second",
    "the stale routing table",
    "writes to {table}",
    "long-running transactions on {table}",
    "health checks from {region}",
    "the rotated certificate",
    "a batch of {big} jobs",
    "the DNS records of {svc}.internal",
    "every third connection",
    "heartbeats from {host}",
    "the schema change {ticket}",
    "uploads larger than {small} MB",
    "the feature flag {flag}",
    "{small} % of the read traffic",
    "replication from {host}",
    "the backlog of {table} rows",
    "retries from the {svc} client",
    "the lease held by {host}",
]
QUALIFIERS = [
    "within {small} seconds",
    "for about {small} minutes",
    "after the {version} rollout",
    "until we intervened",
    "because its limit was set to {big}",
    "without raising an alert",
    "on {small} % of nodes",
    "during the peak at {clock} UTC",
    "once the cache expired",
    "while {svc} was being redeployed",
    "in {region} only",
    "as tracked in {ticket}",
    "since a change merged {small} days earlier",
    "at a rate of {big} per minute",
]


def _specifics(rng: random.Random, ctx: dict[str, str]) -> dict[str, str]:
    svc = rng.choice(SERVICES)
    region = ctx.get("region") or rng.choice(REGIONS)
    return {
        "svc": svc,
        "region": region,
        "table": rng.choice(TABLES),
        "host": f"{rng.choice(SERVICES)}-{region}-{rng.randrange(1, 40):02d}",
        "version": f"v{rng.randrange(2021, 2027)}.{rng.randrange(1, 13)}.{rng.randrange(0, 30)}",
        "ticket": f"INC-{rng.randrange(1000, 99999)}",
        "flag": f"{rng.choice(SERVICES)}_{rng.choice(FLAG_SUFFIXES)}",
        "small": str(rng.randrange(2, 60)),
        "big": f"{rng.randrange(120, 90000):,}",
        "clock": f"{rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}",
    }


def _grammar_sentence(rng: random.Random, ctx: dict[str, str]) -> str:
    values = _specifics(rng, ctx)
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)]
    opener = rng.choice(
        [
            "",
            "",
            "At first, ",
            "Meanwhile, ",
            "As a result, ",
            "We found that ",
            "In hindsight, ",
            "Shortly after, ",
            "Later, ",
        ]
    )
    text = " ".join(parts).format(**values)
    return _sentence_case(opener + text) + "."


def _fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    values = dict(ctx)
    values.setdefault("region", rng.choice(REGIONS))
    values.update(
        pct=str(rng.choice([3, 5, 8, 12, 20, 35, 60])),
        count=f"{rng.randrange(2, 400) * 500:,}",
        minutes=str(rng.randrange(4, 55)),
        seconds=str(rng.randrange(5, 40)),
        metric=rng.choice(METRICS),
        extra=_fill_simple(rng, rng.choice(EXTRAS), ctx),
    )
    return template.format(**values)


def _fill_simple(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    return template.format(
        region=ctx.get("region") or rng.choice(REGIONS), pct=str(rng.choice([3, 5, 8, 12, 20]))
    )


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- YAML writing ---------------------------------------------------------------------------------
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ,.;'()/%&+=_-]*$")


def _scalar(text: str) -> str:
    """A YAML scalar for text: plain when that reads back as the same string, else JSON-quoted."""
    if (
        _PLAIN.match(text)
        and not text.endswith(" ")
        and text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
        and not re.fullmatch(r"[0-9.eE_+-]+", text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _slug(text: str, words: int = 6) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words]) or "incident"


# -- the corpus -----------------------------------------------------------------------------------
@dataclass
class CorpusSummary:
    """What was written, for progress lines and the results file."""

    root: Path
    incidents: int = 0
    maintenance: int = 0
    phases: int = 0
    with_body: int = 0
    with_workaround: int = 0
    escalations: int = 0
    bytes: int = 0
    #: The newest incident with a postmortem (a heavy incident page, for the reader measurements).
    newest_with_postmortem: str = ""
    impacts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Component:
    id: str
    name: str
    description: str
    group: str
    since: datetime | None


def _components(
    rng: random.Random, count: int, groups: int, earliest: datetime
) -> list[_Component]:
    pool = list(COMPONENT_POOL)
    while len(pool) < count:
        n = len(pool) + 1
        pool.append((f"service-{n}", f"Service {n}", f"Internal service number {n}"))
    chosen = pool[:count]
    names = GROUP_NAMES + [f"Group {n}" for n in range(len(GROUP_NAMES) + 1, groups + 1)]
    out = []
    for index, (cid, name, description) in enumerate(chosen):
        group = names[min(index * groups // count, groups - 1)]
        # A few components were added later: history and uptime start at `since`.
        since = None
        if index % 11 == 10:
            since = (earliest + (NOW - earliest) * rng.uniform(0.2, 0.6)).replace(
                hour=0, minute=0, second=0, microsecond=0
            )
        out.append(_Component(cid, name, description, group, since))
    return out


def _components_yaml(components: list[_Component], rng: random.Random) -> str:
    lines = ["# Generated by benchmarks/corpus.py", "groups:"]
    current = None
    for component in components:
        if component.group != current:
            current = component.group
            lines += [f"  - name: {_scalar(current)}", "    components:"]
        lines += [
            f"      - id: {component.id}",
            f"        name: {_scalar(component.name)}",
            f"        description: {_scalar(component.description)}",
        ]
        if component.id in THIRD_PARTY:
            lines.append(f"        upstream: https://status.{component.id}.example.com")
        elif rng.random() < 0.7:
            lines.append(f"        sla: {rng.choice(['99.9', '99.95', '99.99', '99.5'])}")
        if component.since is not None:
            lines.append(f"        since: {component.since.date().isoformat()}")
    return "\n".join(lines) + "\n"


def _pick_impact(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.10:
        return "none"
    if roll < 0.60:
        return "minor"
    if roll < 0.90:
        return "major"
    return "critical"


_INITIAL_STATUS = {
    "none": ["degraded_performance"],
    "minor": ["degraded_performance", "degraded_performance", "partial_outage"],
    "major": ["partial_outage", "partial_outage", "major_outage"],
    "critical": ["major_outage"],
}
_WORSE = {"degraded_performance": "partial_outage", "partial_outage": "major_outage"}
_STATUS_SEQUENCES = {
    2: ["investigating", "resolved"],
    3: ["investigating", "identified", "resolved"],
    4: ["investigating", "identified", "monitoring", "resolved"],
    5: ["investigating", "investigating", "identified", "monitoring", "resolved"],
    6: ["investigating", "identified", "identified", "monitoring", "monitoring", "resolved"],
}


def _status_word(status: str) -> str:
    return status.replace("_", " ").capitalize()


def _postmortem(rng: random.Random, ctx: dict[str, str], phases: list[dict[str, Any]]) -> str:
    """A postmortem of 150-600 words: headings, a table, lists."""
    target = rng.randrange(150, 601)
    start = phases[0]["at"]
    end = phases[-1]["at"]
    duration = int((end - start).total_seconds() // 60)
    parts = [
        "## Summary",
        "",
        f"Between {start:%H:%M} and {end:%H:%M} UTC on {start:%d %B %Y} ({duration} minutes), "
        f"{ctx['name']} showed {ctx['symptom']}. {_fill(rng, rng.choice(EXTRAS), ctx)}",
        "",
        "## Timeline",
        "",
        "| Time (UTC) | Event |",
        "|---|---|",
    ]
    for phase in phases:
        event = " ".join(phase["message"].split(". ")[0].split()[:12]).rstrip(".")
        parts.append(f"| {phase['at']:%H:%M} | {_status_word(phase['status'])}: {event} |")
    parts += ["", "## Root cause", ""]
    words = sum(len(p.split()) for p in parts)
    paragraph: list[str] = [f"The incident was caused by {_fill(rng, rng.choice(CAUSES), ctx)}."]
    body_paragraphs = []
    changes = rng.sample(CHANGES, rng.randrange(3, 6))
    tail_words = 12 + sum(len(c.split()) for c in changes) + 6
    while words + sum(len(s.split()) for s in paragraph) + tail_words < target:
        if rng.random() < 0.35:
            paragraph.append(_fill(rng, rng.choice(POSTMORTEM_SENTENCES), ctx))
        else:
            paragraph.append(_grammar_sentence(rng, ctx))
        if len(paragraph) >= rng.randrange(3, 6):
            body_paragraphs.append(" ".join(paragraph))
            words += sum(len(s.split()) for s in paragraph)
            paragraph = []
    if paragraph:
        body_paragraphs.append(" ".join(paragraph))
    for text in body_paragraphs:
        parts += [text, ""]
    parts += ["## What we are changing", ""]
    parts += [f"- {change}" for change in changes]
    if rng.random() < 0.4:
        parts += [
            "",
            "## Follow-up",
            "",
            "1. Publish the action items in our changelog.",
            "2. Review this postmortem with the affected customers who asked for it.",
        ]
    return "\n".join(parts) + "\n"


def _incident(
    rng: random.Random,
    index: int,
    start: datetime,
    components: list[_Component],
    ongoing: bool,
    summary: CorpusSummary,
) -> tuple[str, str]:
    """One incident file: (id, text)."""
    usable = [c for c in components if c.since is None or c.since <= start]
    impact = _pick_impact(rng)
    count = min(len(usable), rng.choice([1, 1, 1, 2, 2, 3]))
    affected = rng.sample(usable, count)
    region = rng.choice(REGIONS)
    symptom = rng.choice(SYMPTOMS)
    ctx = {
        "name": affected[0].name,
        "name2": (affected[1] if len(affected) > 1 else rng.choice(usable)).name,
        "region": region,
        "symptom": symptom,
        "Symptom": _sentence_case(symptom),
    }
    title = rng.choice(TITLE_FORMS).format(**ctx)
    statuses = {c.id: rng.choice(_INITIAL_STATUS[impact]) for c in affected}
    initial = dict(statuses)
    sequence = list(_STATUS_SEQUENCES[rng.randrange(2, 7)])
    if ongoing:
        sequence = sequence[:-1] or ["investigating"]
    phases: list[dict[str, Any]] = []
    at = start
    escalate = len(sequence) >= 3 and rng.random() < 0.4
    for n, status in enumerate(sequence):
        if n:
            at += timedelta(minutes=rng.randrange(3, 15) if ongoing else rng.randrange(6, 150))
        phase: dict[str, Any] = {"at": at, "status": status}
        if status == "investigating":
            template = (
                rng.choice(
                    [
                        "We are investigating reports of {symptom} on {name}. {extra}",
                        "Some customers are seeing {symptom} when using {name} in {region}. We "
                        "are investigating.",
                        "We are investigating {symptom} affecting {name}. {extra}",
                    ]
                )
                if n == 0
                else rng.choice(UPDATES[:2])
            )
        elif status == "identified":
            template = (
                "We have identified the cause: " + rng.choice(CAUSES) + ". " + rng.choice(ACTIONS)
            )
            if escalate and n == sequence.index("identified"):
                changed = {}
                for cid, current in statuses.items():
                    if current in _WORSE:
                        changed[cid] = _WORSE[current]
                extra = [c for c in usable if c.id not in statuses]
                if not changed and extra:
                    newcomer = rng.choice(extra)
                    changed[newcomer.id] = "degraded_performance"
                if changed:
                    statuses.update(changed)
                    phase["components"] = changed
                    summary.escalations += 1
        elif status == "monitoring":
            template = rng.choice(MONITORING)
            if escalate and rng.random() < 0.6 and n == sequence.index("monitoring"):
                phase["components"] = {cid: "operational" for cid in statuses}
        else:
            template = rng.choice(RESOLVED)
        phase["message"] = _sentence_case(_fill(rng, template, ctx))
        if status != "resolved" and rng.random() < 0.4:
            phase["message"] += " " + _grammar_sentence(rng, ctx)
        if status != "resolved" and rng.random() < 0.35:
            phase["next_update"] = at + timedelta(minutes=rng.choice([15, 30, 30, 60]))
        phases.append(phase)
    if ongoing:
        # Keep every promise and update before now.
        for phase in phases:
            phase.pop("next_update", None)

    incident_id = f"{start:%Y-%m-%d}-{_slug(title)}-{index}"
    lines = ["---", f"title: {_scalar(title)}", f"impact: {impact}", "components:"]
    lines += [f"  {cid}: {status}" for cid, status in initial.items()]
    if rng.random() < 0.12:
        lines.append(f"workaround: {_scalar(_fill(rng, rng.choice(WORKAROUNDS), ctx))}")
        summary.with_workaround += 1
    lines.append("phases:")
    for phase in phases:
        lines += _phase_lines(phase)
    lines.append("---")
    text = "\n".join(lines) + "\n"
    if not ongoing and rng.random() < 0.30:
        text += _postmortem(rng, ctx, phases)
        summary.with_body += 1
        summary.newest_with_postmortem = incident_id
    summary.phases += len(phases)
    summary.impacts[impact] = summary.impacts.get(impact, 0) + 1
    return incident_id, text


def _phase_lines(phase: dict[str, Any]) -> list[str]:
    lines = [f"  - at: {_time(phase['at'])}", f"    status: {phase['status']}"]
    if phase.get("components"):
        lines.append("    components:")
        lines += [f"      {cid}: {status}" for cid, status in phase["components"].items()]
    lines.append(f"    message: {_scalar(phase['message'])}")
    if phase.get("next_update") is not None:
        lines.append(f"    next_update: {_time(phase['next_update'])}")
    return lines


def _maintenance(
    rng: random.Random,
    index: int,
    announced: datetime,
    components: list[_Component],
    summary: CorpusSummary,
) -> tuple[str, str]:
    """One completed maintenance: announced days ahead, a window of 1-4 hours, all before now."""
    start = (announced + timedelta(days=rng.randrange(2, 10))).replace(minute=0, second=0)
    start = start.replace(hour=rng.choice([1, 2, 3, 22, 23]))
    end = start + timedelta(hours=rng.randrange(1, 5))
    if end >= NOW:  # keep the whole window in the past
        shift = end - NOW + timedelta(days=1)
        announced, start, end = announced - shift, start - shift, end - shift
    usable = [c for c in components if c.since is None or c.since <= announced]
    affected = rng.sample(usable, min(len(usable), rng.choice([1, 1, 2])))
    ctx = {"name": affected[0].name, "region": rng.choice(REGIONS)}
    title = rng.choice(MAINTENANCE_TITLES).format(**ctx)
    phases: list[dict[str, Any]] = [
        {
            "at": announced,
            "status": "scheduled",
            "message": _fill(rng, rng.choice(MAINTENANCE_MESSAGES["scheduled"]), ctx),
        },
        {
            "at": start,
            "status": "in_progress",
            "message": rng.choice(MAINTENANCE_MESSAGES["in_progress"]),
        },
    ]
    finish = end - timedelta(minutes=rng.randrange(0, 40))
    if rng.random() < 0.5:
        phases.append(
            {
                "at": finish - timedelta(minutes=15),
                "status": "verifying",
                "message": MAINTENANCE_MESSAGES["verifying"][0],
            }
        )
    phases.append(
        {
            "at": finish,
            "status": "completed",
            "message": _fill(rng, rng.choice(MAINTENANCE_MESSAGES["completed"]), ctx),
        }
    )
    if len(affected) > 1 and rng.random() < 0.5:
        phases[-2]["components"] = {affected[0].id: "operational"}
    incident_id = f"{announced:%Y-%m-%d}-{_slug(title)}-{index}"
    lines = ["---", f"title: {_scalar(title)}", "type: maintenance"]
    if rng.random() < 0.3:
        lines.append("impact: minor")
        summary.impacts["minor"] = summary.impacts.get("minor", 0) + 1
    else:
        summary.impacts["none"] = summary.impacts.get("none", 0) + 1
    lines += ["components:", *[f"  {c.id}: under_maintenance" for c in affected]]
    lines += ["scheduled:", f"  start: {_time(start)}", f"  end: {_time(end)}", "phases:"]
    for phase in phases:
        lines += _phase_lines(phase)
    lines.append("---")
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.3:
        text += (
            "If you run long jobs against " + ctx["name"] + ", schedule them outside this window.\n"
        )
        summary.with_body += 1
    summary.phases += len(phases)
    summary.maintenance += 1
    return incident_id, text


def _mkdocs_yml(name: str, extra: str) -> str:
    return (
        f"site_name: {name}\n"
        "site_url: https://status.example.com/\n"
        "theme:\n"
        "  name: material\n"
        "  font: false\n"
        f"{extra}"
        f"{MARKDOWN_EXTENSIONS_YAML}"
    )


STATUSGEN_MKDOCS_YML = _mkdocs_yml(
    "Benchmark Status",
    "nav:\n"
    "  - Status: index.md\n"
    "  - History: history/index.md\n"
    "plugins:\n"
    "  - search\n"
    "  - statusgen\n",
)
FLOOR_MKDOCS_YML = _mkdocs_yml(
    "Benchmark Floor",
    "nav:\n"
    "  - Home: index.md\n"
    "  - About: about.md\n"
    "not_in_nav: |\n"
    "  /incidents/\n"
    "plugins:\n"
    "  - search\n",
)


def write_corpus(
    root: Path | str,
    n_incidents: int,
    components: int = 24,
    groups: int = 4,
    years: int = 5,
    seed: int = DEFAULT_SEED,
) -> CorpusSummary:
    """Write a complete statusgen site into `root`: components.yml, incidents/<year>/<id>.md,
    mkdocs.yml and an empty docs/. Deterministic for a given seed."""
    if n_incidents < 1 or components < 1 or not 1 <= groups <= components or years < 1:
        raise ValueError("need n_incidents >= 1, 1 <= groups <= components and years >= 1")
    root = Path(root)
    rng = random.Random(seed)
    earliest = NOW - timedelta(days=365 * years)
    latest = NOW - timedelta(days=1)
    catalog = _components(rng, components, groups, earliest)
    summary = CorpusSummary(root=root)
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(STATUSGEN_MKDOCS_YML, encoding="utf-8")
    (root / "components.yml").write_text(_components_yaml(catalog, rng), encoding="utf-8")
    span = (latest - earliest).total_seconds()
    starts = sorted(
        (earliest + timedelta(seconds=rng.uniform(0, span))).replace(second=0, microsecond=0)
        for _ in range(n_incidents)
    )
    incidents_dir = root / "incidents"
    for index, start in enumerate(starts, start=1):
        ongoing = index == n_incidents  # the newest incident is still open, started 75 minutes ago
        if ongoing:
            start = NOW - timedelta(minutes=75)
        if not ongoing and rng.random() < 0.05:
            incident_id, text = _maintenance(rng, index, start, catalog, summary)
        else:
            incident_id, text = _incident(rng, index, start, catalog, ongoing, summary)
        folder = incidents_dir / incident_id[:4]
        folder.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{incident_id}.md").write_bytes(data)
        summary.incidents += 1
        summary.bytes += len(data)
    return summary


# -- the floor ------------------------------------------------------------------------------------
def _status_label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def floor_page(incident: Any, names: dict[str, str]) -> str:
    """One hand-written Markdown page with an incident's text: the title as H1, the impact and
    affected components, the workaround, each phase's time, status and message as paragraphs
    (oldest first, as in the file), and the body."""
    affected = ", ".join(names.get(cid, cid) for cid in incident.affected_component_ids())
    lines = [
        f"# {incident.title}",
        "",
        f"Impact: {incident.impact.value}. Affected: {affected}.",
        "",
    ]
    if incident.workaround:
        lines += [f"Workaround: {incident.workaround}", ""]
    for phase in incident.phases:
        lines += [
            f"**{phase.at:%Y-%m-%d %H:%M} UTC** · {_status_label(phase.status.value)}",
            "",
            phase.message,
            "",
        ]
    if incident.body:
        lines += [incident.body.rstrip("\n"), ""]
    return "\n".join(lines)


def write_floor_site(root: Path | str, corpus_root: Path | str) -> int:
    """Write the floor: plain MkDocs + Material (search on, a two-entry nav) with one Markdown
    page per incident of the corpus, read with statusgen's loader. Returns the page count."""
    from statusgen.content import SiteLayout, load_site

    root, corpus_root = Path(root), Path(corpus_root)
    site = load_site(SiteLayout(corpus_root), NOW)
    docs = root / "docs"
    (docs / "incidents").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(FLOOR_MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text(
        "# Benchmark Floor\n\nPlain MkDocs with one hand-written page per incident.\n",
        encoding="utf-8",
    )
    (docs / "about.md").write_text(
        "# About\n\nThe floor statusgen is compared against.\n", encoding="utf-8"
    )
    names = {c.id: c.name for c in site.catalog.components}
    for incident in site.incidents:
        (docs / "incidents" / f"{incident.id}.md").write_text(
            floor_page(incident, names), encoding="utf-8"
        )
    return len(site.incidents)


if __name__ == "__main__":  # pragma: no cover - a quick manual check
    import sys

    target = Path(sys.argv[1])
    print(write_corpus(target, int(sys.argv[2]) if len(sys.argv) > 2 else 100))
