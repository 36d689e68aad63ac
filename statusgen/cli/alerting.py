"""`statusgen alert FORMAT PAYLOAD`: read an alerting tool's webhook payload and open, update
or resolve the incident of each alert, by the rules of the `alerts` option, with the monitor's
writer (`cli/probing.py`: the phase templates, `content/writing.py`), never on a file a person
has posted on or edited.

Exit status: 0 done (an alert no rule matches, or a repeated delivery, changes nothing), 2 a
payload that is not as its tool documents it, or content or configuration to fix first."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from statusgen.alerts.decide import Action, Held, Open, Resolve, Worsen, decide, ownership
from statusgen.alerts.held import load_held, save_held
from statusgen.alerts.payloads import (
    MAX_PAYLOAD_BYTES,
    AlertEvent,
    Ignored,
    PayloadError,
    read_payload,
)
from statusgen.cli.arguments import EXIT_OK, EXIT_USAGE, UsageError
from statusgen.cli.editing import find_incident_file, print_problems
from statusgen.cli.probing import Writer
from statusgen.cli.templates import Facts, TemplateError
from statusgen.content import SiteLayout, check_site, parse_incident
from statusgen.content.alertfields import set_alert_digest, updates_digest
from statusgen.content.components import load_components
from statusgen.content.writing import AuthoringError, append_phase, set_impact
from statusgen.model import (
    AlertMark,
    ComponentStatus,
    Impact,
    Incident,
    PhaseStatus,
    frozen_mapping,
)
from statusgen.options import Options
from statusgen.options.alerts import alert_problems_for_catalog, matching_rule
from statusgen.problems import printable


def read_input(given: str) -> bytes:
    """The payload's bytes from a file, or from standard input for `-`."""
    try:
        if given == "-":
            return sys.stdin.buffer.read(MAX_PAYLOAD_BYTES + 1)
        with Path(given).open("rb") as handle:
            return handle.read(MAX_PAYLOAD_BYTES + 1)
    except OSError as error:
        raise UsageError(
            f"{given}: cannot be read ({error.strerror}); expected a JSON file"
        ) from None


def command_alert(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Read the payload, then decide and write for each of its alerts; say what was done."""
    try:
        found = read_payload(args.format, read_input(args.payload))
    except PayloadError as error:
        print(f"statusgen: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(found, Ignored):
        print(
            f"ignored: {printable(found.what)} (statusgen acts on firing, acknowledged and "
            "resolved alerts only)"
        )
        return EXIT_OK
    site, problems = check_site(layout, now)
    ids = {c.id for c in site.catalog.components}
    problems += alert_problems_for_catalog(
        options.alerts, ids, layout.label(layout.root / "mkdocs.yml")
    )
    if problems:
        print("statusgen: alert needs valid content and rules; fix these first:", file=sys.stderr)
        print_problems(problems)
        return EXIT_USAGE
    if not found:
        print(f"statusgen: the {args.format} payload holds no alert; nothing to do")
        return EXIT_OK
    _, monitors = load_components(layout, [])
    for event in found:
        writer = AlertWriter(layout, options, site, now, monitors.defaults)
        action = decide(event, matching_rule(options.alerts, event.labels), site.incidents)
        print(printable(writer.act(action)))
        if writer.errors:
            return EXIT_USAGE
        if isinstance(action, Open | Worsen | Resolve):  # the next alert sees this one's file
            site, _ = check_site(layout, now)
    return EXIT_OK


def describe_event(event: AlertEvent) -> str:
    labels = ", ".join(f"{k}={'|'.join(v)}" for k, v in sorted(event.labels.items()))
    return f"{event.key} ({labels})"


class AlertWriter(Writer):
    """The monitor's writer, for alerts: new incidents marked `opened_by: alert` with the
    alert's key, and updates that keep the digest of the alert's updates current."""

    def act(self, action: Action) -> str:
        """Write what the action says; a line saying what happened."""
        event = action.event
        if isinstance(action, Open):
            rule = action.rule
            written = self.write_new(
                rule.component,
                rule.status,
                rule.impact,
                event.started,
                alert=AlertMark(event.key, ""),  # the digest is the writer's
            )
            if written is None:
                return f"not written: {describe_event(event)}"
            _, path, _ = written
            return (
                f"opened: {self.layout.label(path)} ({rule.component} {rule.status.value}, "
                f"alert {event.key})"
            )
        if isinstance(action, Worsen):
            rule = action.rule
            incident = action.incident
            impact = rule.impact if rule.impact.severity > incident.impact.severity else None
            phase_status = incident.last_phase.status
            where = self.update(incident, phase_status, {rule.component: rule.status}, impact)
            return f"updated: {where} ({rule.component} now {rule.status.value}, alert {event.key})"
        if isinstance(action, Resolve):
            where = self.update(action.incident, PhaseStatus.RESOLVED, {}, None)
            self.hold(action.incident.id, None)
            return f"resolved: {where} (alert {event.key})"
        if isinstance(action, Held):
            self.hold(action.incident.id, event.key)
            return (
                f"held: alert {event.key} resolved, but {action.incident.id} stays open: "
                f"{action.why}; the responder resolves it (statusgen resolve {action.incident.id})"
            )
        return f"nothing to write: {describe_event(event)}: {action.why}"

    def hold(self, incident_id: str, key: str | None) -> None:
        """Record (or, with None, forget) that the incident's alert resolved while a person
        owned it, for `statusgen status`."""
        held = load_held(self.layout.root)
        if key is None and incident_id not in held:
            return
        if key is None:
            del held[incident_id]
        else:
            held[incident_id] = key
        save_held(self.layout.root, held)

    def update(
        self,
        incident: Incident,
        status: PhaseStatus,
        components: dict[str, ComponentStatus],
        impact: Impact | None,
    ) -> str:
        """Append an update with the status's template (and raise the impact to `impact`),
        and set the alert's digest to that of the updates now; the file's label."""
        path = find_incident_file(self.layout, incident.id)
        facts = Facts.of(incident)
        try:
            phase = self.phase(
                status, facts, incident.translations, components=frozen_mapping(components)
            )
            text = append_phase(path.read_bytes().decode("utf-8"), phase, self.layout.languages)
            text = set_alert_digest(text, updates_digest((*incident.phases, phase)))
            if impact is not None:
                text = set_impact(text, impact)
        except (TemplateError, AuthoringError, ValueError) as error:
            print(f"statusgen: {printable(self.layout.label(path))}: {error}", file=sys.stderr)
            self.errors.append(incident.id)
            return self.layout.label(path)
        if self.valid(text, incident.id, path):
            path.write_text(text, encoding="utf-8")
        return self.layout.label(path)

    def valid(self, text: str, incident_id: str, path: Path) -> bool:
        """Whether the text passes the check, and reads back with the digest it was written
        with (else the alert would take its own updates for a person's)."""
        if not super().valid(text, incident_id, path):
            return False
        incident = parse_incident(
            text,
            incident_id,
            self.layout.label(path),
            self.site.catalog,
            self.now,
            [],
            languages=self.layout.languages,
        )
        if incident is None or incident.alert is None or ownership(incident):
            print(
                f"statusgen: {printable(self.layout.label(path))}: the alert's digest does not "
                "match its updates as written; not written (a bug: please report it)",
                file=sys.stderr,
            )
            self.errors.append(incident_id)
            return False
        return True
