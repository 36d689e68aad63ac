"""The optional facts an update or an incident states beside its message, where each has a
reading of its own: the estimated resolution (`estimate`; the update fields' common reading is
`content/fieldregistry.py`'s), the postmortem's publication
(`postmortem: {at: ...}`) and when an incident began before its first update (`started`).
Read node by node like the rest of an incident file, every problem recorded as
`path:line: what is wrong; expected what`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import yaml

from statusgen.clock import TIME_EXAMPLE, iso_utc
from statusgen.content.rules import (
    NO_ESTIMATE,
    OPENED_BY_ALERT,
    OPENED_BY_MONITOR,
    PLACEHOLDER_PREFIX,
    POSTMORTEM_KEYS,
)
from statusgen.content.yamlsource import YamlSource, describe
from statusgen.model import Phase, PhaseStatus
from statusgen.problems import Problem


class FieldReader(Protocol):
    """What reading these fields needs of the incident file's reader (`content.incidents`)."""

    src: YamlSource
    now: datetime
    draft: bool
    #: The site's languages, the default first (`content/translated.py`); () or one: one.
    languages: tuple[str, ...]

    def value(self, key: str) -> yaml.Node | None:
        """The front matter's node for `key`, or None."""


def read_estimate(
    reader: FieldReader,
    node: yaml.Node,
    at: object,
    status: object,
    maintenance: bool,
) -> dict[str, object]:
    """`estimate:` of one update, as Phase fields (`estimate_at` or `withdraws_estimate`); {}
    after recording a problem."""
    src = reader.src
    if maintenance:
        src.report(
            node,
            "'estimate' is for incidents; expected a maintenance to say when it ends in its "
            "`scheduled: {end: ...}` window",
        )
        return {}
    if isinstance(node, yaml.ScalarNode) and node.value == NO_ESTIMATE and not node.style:
        return {"withdraws_estimate": True}
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        src.report(node, f"estimate is empty; expected {TIME_EXAMPLE}, or none to withdraw it")
        return {}
    estimate = src.time(node, "estimate")
    if estimate is None:
        return {}
    if isinstance(at, datetime) and estimate < at:
        src.report(
            node,
            f"estimate {iso_utc(estimate)} is before the update itself ({iso_utc(at)}); "
            "expected the time the incident should be resolved, at or after the update",
        )
        return {}
    if isinstance(status, PhaseStatus) and status.is_final:
        src.report(
            node,
            f"estimate on the final {status.value!r} update; expected no estimate: "
            "the resolution ends it",
        )
        return {}
    return {"estimate_at": estimate}


def read_postmortem(
    reader: FieldReader,
    maintenance: bool,
    phases: tuple[Phase, ...],
    body: str,
    body_line: int,
    sections: Sequence[tuple[str, int]] = (),
) -> datetime | None:
    """`postmortem: {at: <time>}`: when the postmortem in the body was published. It follows
    the resolution, is not in the future, and the body holds its text (no placeholder left in
    any language's section: `sections` are (text, first line) of each, the default's first)."""
    node = reader.value("postmortem")
    if node is None:
        return None
    src = reader.src
    if maintenance:
        src.report(node, "'postmortem' is for incidents; expected it on an incident file")
        return None
    entries = src.mapping(node, "postmortem", POSTMORTEM_KEYS)
    if entries is None:
        return None
    if "at" not in entries:
        src.report(node, f"postmortem has no 'at'; expected when it was published, {TIME_EXAMPLE}")
        return None
    at_node = entries["at"][1]
    at = src.time(at_node, "postmortem at")
    if at is None:
        return None
    final = phases[-1]
    if not final.status.is_final:
        src.report(
            node,
            "postmortem on an incident that is not resolved; expected a final 'resolved' update "
            "first (post the postmortem after the resolution)",
        )
        return None
    if at < final.at:
        src.report(
            at_node,
            f"postmortem at {iso_utc(at)} is before the resolution at {iso_utc(final.at)} "
            f"(line {final.line}); expected a time at or after it",
        )
        return None
    if at > reader.now:
        src.report(
            at_node,
            f"postmortem time {iso_utc(at)} is in the future (now is {iso_utc(reader.now)}); "
            "expected the time it was published",
        )
        return None
    if not body.strip():
        src.report(
            node,
            "postmortem without text; expected the postmortem in the body, "
            "below the closing `---` line",
        )
        return None
    if not reader.draft:
        # Every section left to write at once, so one run of the check lists them all.
        left = [
            Problem(
                src.path,
                first + offset,
                "the postmortem still holds the template's placeholder; "
                "expected the section's text for readers",
            )
            for text, first in sections or [(body, body_line)]
            for offset, line in enumerate(text.split("\n"))
            if line.strip().startswith(PLACEHOLDER_PREFIX)
        ]
        if left:
            src.problems.extend(left)
            return None
    return at


def read_started(
    reader: FieldReader, maintenance: bool, phases: tuple[Phase, ...]
) -> datetime | None:
    """`started: <time>`: when an incident began, if before its first update was posted
    (Statuspage's `started_at`). At or before the first update, and not in the future."""
    node = reader.value("started")
    if node is None:
        return None
    src = reader.src
    if maintenance:
        src.report(
            node,
            "'started' is for incidents; expected a maintenance to say when it begins in its "
            "`scheduled: {start: ...}` window",
        )
        return None
    started = src.time(node, "started")
    if started is None:
        return None
    if started > reader.now:
        src.report(
            node,
            f"started time {iso_utc(started)} is in the future (now is {iso_utc(reader.now)}); "
            "expected when the incident began",
        )
        return None
    first = phases[0]
    if started > first.at:
        src.report(
            node,
            f"started time {iso_utc(started)} is after the first update at {iso_utc(first.at)} "
            f"(line {first.line}); expected a time at or before it (the incident began before "
            "it was first posted)",
        )
        return None
    return started


def read_opened_by(reader: FieldReader, maintenance: bool) -> str:
    """`opened_by: monitor` (`statusgen probe` opened the incident) or `opened_by: alert`
    (`statusgen alert` did); "" when a person did."""
    node = reader.value("opened_by")
    if node is None:
        return ""
    if maintenance:
        reader.src.report(node, "'opened_by' is for incidents; expected it only on an incident")
        return ""
    allowed = (OPENED_BY_MONITOR, OPENED_BY_ALERT)
    if not (isinstance(node, yaml.ScalarNode) and node.value in allowed):
        reader.src.report(
            node,
            f"opened_by is {describe(node)}; expected {OPENED_BY_MONITOR} or {OPENED_BY_ALERT} "
            "(or no key)",
        )
        return ""
    return str(node.value)
