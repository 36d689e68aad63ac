"""`statusgen probe`: run every component's checks once, then open, resolve or leave alone
the monitor's incident files (written by `content/writing.py`, as `statusgen new` and
`statusgen resolve` write them), and keep the state for the next run.

Exit status: 0 every probed component is up, 1 a component is down, 2 a configuration error
(components.yml or the content has problems, a target was refused, a variable is missing)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from statusgen.cli.arguments import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError
from statusgen.cli.editing import find_incident_file, print_problems
from statusgen.cli.languagetexts import language_messages, message_translations, translated_facts
from statusgen.cli.templates import (
    Facts,
    TemplateError,
    TemplateSource,
    built_in,
    fill,
    template_values,
)
from statusgen.clock import load_zone, minute_utc
from statusgen.content import SiteLayout, check_site, incident_files, parse_incident
from statusgen.content.components import load_components
from statusgen.content.monitorconfig import DEFAULT_TITLE, DEFAULT_TITLES, MonitorDefaults
from statusgen.content.placeholders import find_placeholders
from statusgen.content.probehistory import HistoryError, Probe, load_history, save_history
from statusgen.content.translated import gathered
from statusgen.content.writing import (
    AuthoringError,
    append_phase,
    new_incident_id,
    render_new_file,
    schema_reference,
)
from statusgen.gitbranch import BranchError
from statusgen.model import (
    ComponentStatus,
    Impact,
    Phase,
    PhaseStatus,
    StatusSite,
    Translations,
    status_impact,
)
from statusgen.monitors.addresses import Policy
from statusgen.monitors.checks import Outcome, describe_check
from statusgen.monitors.decide import Action, Covered, Hold, Open, Resolve, Verdict, decide, is_due
from statusgen.monitors.history_branch import fetch_history, save_history_branch
from statusgen.monitors.run import Job, run_all
from statusgen.monitors.state import ComponentState, StateError, digest, load_state, save_state
from statusgen.options import Options
from statusgen.options.mkdocs_yml import read_site_language
from statusgen.problems import Problem, plural, printable

EXIT_DOWN = EXIT_INVALID
EXIT_CONFIG = EXIT_USAGE


def state_path(layout: SiteLayout, args: argparse.Namespace) -> Path:
    """Where the probe keeps its state: --state, else .statusgen/probe-state.json."""
    given = getattr(args, "state", None)
    return Path(given) if given else layout.root / ".statusgen" / "probe-state.json"


def history_path(layout: SiteLayout, args: argparse.Namespace, options: Options) -> Path:
    """Where the probe history is: --history, else the probe_history option in the site."""
    given = getattr(args, "history", None)
    return Path(given) if given else layout.root / options.probe_history


def record(path: Path, verdicts: list[Verdict], now: datetime) -> str:
    """Append this run's probes to the history (a component whose check had a configuration
    error is not a measurement); what happened, for the summary. A damaged history is left as
    it is, for the operator to look at, and said: it never keeps the monitor from its work."""
    try:
        history = load_history(path)
    except HistoryError as error:
        print(
            f"statusgen: {printable(str(error))}; this run's probes are not recorded",
            file=sys.stderr,
        )
        return f"history not recorded (damaged: {printable(str(path))})"
    history.append(
        {
            v.component: [Probe(now, v.passed, round(1000 * max(o.elapsed for o in v.outcomes)))]
            for v in verdicts
            if not v.error and v.outcomes
        },
        now,
    )
    save_history(path, history)
    return f"history in {printable(str(path))}"


def command_probe_history(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Merge the probe history from its branch (fetch), or commit it there (save)."""
    path = history_path(layout, args, options)
    action = fetch_history if args.action == "fetch" else save_history_branch
    try:
        said = action(layout.root, path, args.branch, now)
    except (HistoryError, BranchError) as error:
        raise UsageError(str(error)) from None
    print(f"statusgen: probe history: {said}")
    return EXIT_OK


def command_probe(
    args: argparse.Namespace, layout: SiteLayout, options: Options, now: datetime
) -> int:
    """Probe, decide, write; print progress and a summary."""
    if not 0 < args.deadline <= 3600:
        raise UsageError(f"--deadline {args.deadline:g}: expected seconds from 0 to 3600")
    site, problems = check_site(layout, now)
    _, monitors = load_components(layout, [])
    if problems:
        print("statusgen: probe needs valid content; fix these first:", file=sys.stderr)
        print_problems(problems)
        return EXIT_CONFIG
    if not monitors.checks:
        print("statusgen: no component has `monitors:` in components.yml; nothing to probe")
        return EXIT_OK
    path = state_path(layout, args)
    history = history_path(layout, args, options)
    try:
        states = load_state(path)
    except StateError as error:
        print(f"statusgen: {printable(str(path))}: {error}; starting anew", file=sys.stderr)
        states = {}
    defaults = monitors.defaults
    due = [
        cid
        for cid in monitors.checks
        if args.all or is_due(states.get(cid, ComponentState()), now, defaults)
    ]
    skipped = len(monitors.checks) - len(due)
    jobs = [Job(cid, check) for cid in due for check in monitors.checks[cid]]
    print(f"probing {plural(len(due), 'component')} ({plural(len(jobs), 'check')})")
    outcomes = run_all(
        jobs, Policy(allow_private=args.allow_private), args.deadline, on_done=_progress
    )
    verdicts = [
        Verdict(
            cid, tuple(o for job, o in zip(jobs, outcomes, strict=True) if job.component == cid)
        )
        for cid in due
    ]
    writer = Writer(layout, options, site, now, defaults)
    lines: list[str] = []
    digests = writer.digests()
    for verdict in verdicts:
        state, action = decide(
            verdict,
            states.get(verdict.component, ComponentState()),
            site.incidents,
            digests,
            now,
            defaults,
        )
        states[verdict.component] = writer.apply(action, state, lines)
    save_state(path, states)
    recorded = record(history, verdicts, now)
    down = [v.component for v in verdicts if not v.error and not v.passed]
    errors = [v.component for v in verdicts if v.error] + writer.errors
    up = len(verdicts) - len(down) - len({v.component for v in verdicts if v.error})
    summary = f"{up} up, {len(down)} down" + (f", {len(errors)} with errors" if errors else "")
    if skipped:
        summary += f", {skipped} not due (probed less than their interval ago)"
    for line in lines:
        print(line)
    print(f"summary: {summary}; state in {printable(str(path))}, {recorded}")
    if errors:
        return EXIT_CONFIG
    return EXIT_DOWN if down else EXIT_OK


def _progress(job: Job, outcome: Outcome) -> None:
    mark = "ok  " if outcome.passed else ("ERR " if outcome.error else "FAIL")
    line = f"  {mark} {job.component}: {describe_check(job.check)}: {outcome.detail}"
    print(printable(line), flush=True)
    if outcome.warning:
        print(printable(f"  WARN {job.component}: {outcome.warning}"), flush=True)


def filled(source: TemplateSource, status: PhaseStatus, values: Mapping[str, str]) -> str:
    """`source`'s template for `status` filled, or statusgen's own in its language when the
    site's leaves placeholders only a person can fill."""
    text = fill(source.find(status, None).text, values)
    if find_placeholders(text):
        own = source.read_built_in(built_in(source.language) / f"{status.value}.md")
        text = fill(own.text, values)
    return text


class Writer:
    """Turns decisions into files, and says what it did."""

    def __init__(
        self,
        layout: SiteLayout,
        options: Options,
        site: StatusSite,
        now: datetime,
        defaults: MonitorDefaults,
    ) -> None:
        self.layout, self.options, self.site, self.now = layout, options, site, now
        self.defaults = defaults
        self.language = read_site_language(layout.root)
        self.errors: list[str] = []

    def digests(self) -> dict[str, str]:
        """The digest of each open incident file the monitor opened."""
        found: dict[str, str] = {}
        for incident in self.site.incidents:
            if incident.opened_by_monitor and not incident.is_closed:
                path = find_incident_file(self.layout, incident.id)
                found[incident.id] = digest(path.read_bytes().decode("utf-8"))
        return found

    def apply(
        self, action: Action | None, state: ComponentState, lines: list[str]
    ) -> ComponentState:
        if isinstance(action, Open):
            return self.open(action, state, lines)
        if isinstance(action, Resolve):
            return self.resolve(action, state, lines)
        if isinstance(action, Hold):
            lines.append(
                f"held: {action.component} passes again, but {action.incident.id} stays open: "
                f"{action.why}; the responder resolves it (statusgen resolve {action.incident.id})"
            )
        elif isinstance(action, Covered):
            lines.append(f"down: {action.component} (incident {action.incident.id} is open)")
        return state

    def message(self, status: PhaseStatus, facts: Facts) -> str:
        """The update's text from the site's template, or statusgen's own when the site's
        leaves placeholders only a person can fill."""
        values = template_values(
            facts, self.site.catalog, load_zone(self.options.timezone), self.language
        )
        source = TemplateSource.of(self.layout, self.options, self.language)
        return filled(source, status, values)

    def phase(self, status: PhaseStatus, facts: Facts, texts: Translations, **fields: Any) -> Phase:
        """An update with the status's message in every site language: the default's from
        `facts`, each other's from its own templates (`cli/languagetexts.py`, as `statusgen
        new` fills them) with its `texts` (language -> field -> text: its title, workaround)."""
        messages = language_messages(
            self.layout,
            self.options,
            self.layout.languages[1:],
            translated_facts(facts, texts),
            self.site.catalog,
            lambda source, values: filled(source, status, values),
        )
        return Phase(
            at=self.now,
            status=status,
            message=self.message(status, facts),
            translations=message_translations(messages, self.layout.languages),
            **fields,
        )

    def titles(self, components: Callable[[str], str]) -> tuple[str, dict[str, str]]:
        """The new incident's title, and its translations, from the monitors' `title` with the
        component's name (`components(language)`): on a site of several languages the default
        title in each language (`DEFAULT_TITLES`), or the site's own in the languages it is
        written in (`title: {en: ..., fr: ...}`; `statusgen check` warns of the others)."""
        languages = self.layout.languages
        if len(languages) < 2:
            return fill(self.defaults.title, {"components": components(self.language)}), {}
        own = dict(self.defaults.titles)
        if self.defaults.title != DEFAULT_TITLE or own:
            own[languages[0]] = self.defaults.title
        else:
            own = DEFAULT_TITLES
        titles = {c: fill(own[c], {"components": components(c)}) for c in languages if c in own}
        return titles[languages[0]], {c: t for c, t in titles.items() if c != languages[0]}

    def open(self, action: Open, state: ComponentState, lines: list[str]) -> ComponentState:
        written = self.write_new(
            action.component,
            action.status,
            status_impact(action.status),
            action.started,
            opened_by_monitor=True,
        )
        if written is None:
            return state
        incident_id, path, text = written
        lines.append(
            f"opened: {printable(self.layout.label(path))} ({action.component} "
            f"{action.status.value} since {minute_utc(action.started)} UTC)"
        )
        return ComponentState(
            failures=state.failures,
            first_failure=state.first_failure,
            last_probe=state.last_probe,
            incident=incident_id,
            digest=digest(text),
        )

    def write_new(
        self,
        component_id: str,
        status: ComponentStatus,
        impact: Impact,
        started: datetime | None,
        **marks: Any,
    ) -> tuple[str, Path, str] | None:
        """Write a new incident for one component, titled from the monitors' `title`, with
        the investigating template's message and `marks` (who opened it); its id, path and
        text, or None after printing why it was not written."""
        component = self.site.catalog.get(component_id)
        assert component is not None  # the monitors and rules are checked against the catalog
        facts = Facts(
            title="", component_ids=[component.id], impact=impact, audience=component.audience
        )
        zone = load_zone(self.options.timezone)

        def names(language: str) -> str:
            values = template_values(facts, self.site.catalog, zone, language)
            return values.get("components", component.name)

        title, others = self.titles(names)
        try:
            texts = {code: {"title": text} for code, text in others.items()}
            phase = self.phase(PhaseStatus.INVESTIGATING, facts, texts)
        except TemplateError as error:
            print_problems(error.problems)
            self.errors.append(component.id)
            return None
        taken = {p.stem for p in incident_files(self.layout, [])}
        incident_id = new_incident_id(title, self.now, taken)
        folder = self.layout.incidents_folder / f"{self.now:%Y}"
        path = folder / f"{incident_id}.md"
        text = render_new_file(
            title,
            impact,
            {component.id: status},
            phase,
            schema=schema_reference(self.layout.root, folder),
            started=started if started is not None and started < self.now else None,
            audience=component.audience,
            translations=gathered({"title": others}, self.layout.languages[1:]),
            languages=self.layout.languages,
            **marks,
        )
        if not self.valid(text, incident_id, path):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return incident_id, path, text

    def resolve(self, action: Resolve, state: ComponentState, lines: list[str]) -> ComponentState:
        incident = action.incident
        path = find_incident_file(self.layout, incident.id)
        facts = Facts.of(incident)
        try:
            phase = self.phase(PhaseStatus.RESOLVED, facts, incident.translations)
            text = append_phase(path.read_bytes().decode("utf-8"), phase, self.layout.languages)
        except (TemplateError, AuthoringError) as error:
            print(f"statusgen: {printable(self.layout.label(path))}: {error}", file=sys.stderr)
            self.errors.append(action.component)
            return state
        if not self.valid(text, incident.id, path):
            return state
        path.write_text(text, encoding="utf-8")
        lines.append(f"resolved: {printable(self.layout.label(path))} ({action.component} passes)")
        return ComponentState(passes=state.passes, last_probe=state.last_probe)

    def valid(self, text: str, incident_id: str, path: Path) -> bool:
        """Whether the text passes the check as it is (no placeholder left)."""
        problems: list[Problem] = []
        parse_incident(
            text,
            incident_id,
            self.layout.label(path),
            self.site.catalog,
            self.now,
            problems,
            languages=self.layout.languages,
        )
        if problems:
            print_problems(problems)
            self.errors.append(incident_id)
        return not problems
