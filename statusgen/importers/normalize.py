"""Every repair of an import: a source's incident made into one statusgen accepts (the
component statuses in `statuses`).

Each repair is an `Entry` of the incident's report; nothing is changed without one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from statusgen.content import budgets
from statusgen.content.placeholders import escape_braces
from statusgen.content.rules import PLACEHOLDER_PREFIX
from statusgen.importers.catalog import CatalogPlan
from statusgen.importers.draft import Draft, DraftPhase
from statusgen.importers.records import Entry, SourceIncident, SourceUpdate
from statusgen.importers.statuses import ComponentFixes
from statusgen.importers.text import clean, fit_markdown, format_time
from statusgen.importers.translations import translate
from statusgen.model import (
    ComponentStatus,
    IncidentType,
    PhaseStatus,
    phase_statuses_for,
)

OPERATIONAL = ComponentStatus.OPERATIONAL
MAINTENANCE = ComponentStatus.UNDER_MAINTENANCE
#: What an update says when the source gave it no text (or when the import adds it).
STANDARD_MESSAGES = {
    PhaseStatus.INVESTIGATING: "We are investigating this issue.",
    PhaseStatus.IDENTIFIED: "The issue has been identified.",
    PhaseStatus.MONITORING: "A fix is in place; we are monitoring the results.",
    PhaseStatus.RESOLVED: "This incident has been resolved.",
    PhaseStatus.SCHEDULED: "This maintenance is scheduled.",
    PhaseStatus.IN_PROGRESS: "This maintenance is in progress.",
    PhaseStatus.VERIFYING: "The work is done; we are verifying the results.",
    PhaseStatus.COMPLETED: "This maintenance has been completed.",
}
UNTITLED = "Untitled incident"
#: How long a maintenance window is taken to last when the source says nothing.
DEFAULT_WINDOW = timedelta(hours=1)


def normalize(src: SourceIncident, plan: CatalogPlan, now: datetime) -> tuple[Draft, list[Entry]]:
    """The incident as statusgen will hold it, and every repair made to get there."""
    fixer = _Fixer(src, plan, now)
    return fixer.draft(), fixer.entries


class _Fixer(ComponentFixes):
    def __init__(self, src: SourceIncident, plan: CatalogPlan, now: datetime) -> None:
        self.src = src
        self.plan = plan
        self.now = now
        self.entries: list[Entry] = list(src.entries)
        self.maintenance = src.kind is IncidentType.MAINTENANCE
        self.statuses = phase_statuses_for(src.kind)
        self.started: datetime | None = None

    def note(self, kind: str, message: str, update: int | None = None, **detail: object) -> None:
        self.entries.append(Entry(kind, message, update, dict(detail)))

    def draft(self) -> Draft:
        phases = self.phases()
        self.statuses_in_order(phases)
        self.resolution(phases)
        initial = self.components(phases)
        for phase in phases:
            phase.message = self.message(phase)
        impact = self.impact(initial)
        audience = self.audience(initial, phases)
        body = self.body(phases)
        draft = Draft(
            id=self.src.id,
            source_id=self.src.source_id,
            kind=self.src.kind,
            title=self.title(),
            impact=impact,
            components=initial,
            phases=phases,
            scheduled=self.window(phases) if self.maintenance else None,
            audience=audience,
            body=body,
            started=self.started,
            postmortem_at=self.postmortem_at(phases, body),
        )
        self.fit_total(draft)
        translate(self, self.src, draft)
        return draft

    # -- title --------------------------------------------------------------------------------
    def title(self, text: str | None = None, language: str = "") -> str:
        """The title (or its translation into `language`) as statusgen accepts it."""
        what = f"the {language} title" if language else "the title"
        title, removed = clean(self.src.title if text is None else text)
        if removed:
            self.note("control_characters", f"{removed} control character(s) removed from {what}")
        if "\n" in title:
            title = " ".join(part.strip() for part in title.split("\n") if part.strip())
            self.note("title_lines", f"{what}'s line breaks became spaces")
        title = title.strip()
        if not title:
            title = UNTITLED
            self.note("title_missing", f"the source has no title; {UNTITLED!r} is written")
        limit = budgets.TITLE.limit
        if len(title) > limit:
            self.note(
                "title_cut",
                f"{what} has {len(title)} characters; cut to {limit}",
                original=title,
            )
            title = title[: limit - 1].rstrip() + "…"
        return title

    # -- times and order ------------------------------------------------------------------------
    def phases(self) -> list[DraftPhase]:
        src = self.src
        known = [u.at for u in src.updates if u.at is not None]
        start = src.started_at
        if start is None:
            candidates = [*known, src.resolved_at, src.scheduled_start]
            start = min((t for t in candidates if t is not None), default=None)
            if start is None:
                start = self.now
                self.note("no_time", "the source gives no time at all; the import's time is used")
        phases: list[DraftPhase] = []
        previous = start
        for number, update in enumerate(src.updates, start=1):
            at = update.at
            if at is None:
                at = previous
                self.note(
                    "update_without_time",
                    f"update {number} has no time; the time before it ({format_time(at)}) is used",
                    number,
                )
            previous = at
            phases.append(self.phase_of(update, at, number))
        order = sorted(range(len(phases)), key=lambda i: phases[i].at)
        if order != list(range(len(phases))):
            self.note(
                "updates_out_of_order",
                "the updates are not in time order in the source; they are written oldest first",
                source_order=[phases[i].source for i in order],
            )
            phases = [phases[i] for i in order]
        if not self.maintenance:
            for phase in phases:
                if phase.at > self.now:
                    self.note(
                        "update_in_future",
                        f"update at {format_time(phase.at)} is after the import's time; "
                        f"dated {format_time(self.now)}",
                        phase.source,
                        original=format_time(phase.at),
                    )
                    phase.at = self.now
        if not phases:
            phases.append(self.first_from_text(start))
        if not self.maintenance:
            self.started = self.began_before(phases, start)
        return phases

    def first_from_text(self, start: datetime) -> DraftPhase:
        """The first update of a source that has none (a cState issue, an Upptime issue
        without comments): its own text, at its start, as its page showed it; the text leaves
        the body. Only a source without text (or with more than an update holds) gets
        statusgen's standard sentence, and that is reported as an added update."""
        first = self.statuses[0]
        text = self.src.body.strip()  # cleaned, and what is removed reported, as a message
        if text and len(text) <= budgets.MESSAGE.limit and self.src.postmortem_at is None:
            self.src.body = ""
            return DraftPhase(start, first, text, source=1)
        self.note(
            "update_added",
            f"the source has no update and no text for one; a {first.value!r} update with "
            "statusgen's standard sentence is written at its start",
        )
        return DraftPhase(start, first, "")

    def phase_of(self, update: SourceUpdate, at: datetime, number: int) -> DraftPhase:
        status = update.status
        phase = DraftPhase(at, status, update.message, source=number)
        if status is None or status not in self.statuses:
            phase.status = None
            said = update.status_text or (status.value if status else "")
            self.note(
                "unknown_status",
                f"update {number} has the status {said!r}, which a {self.src.kind.value} cannot "
                "have; it keeps the status before it"
                if said
                else f"update {number} has no status; it keeps the status before it",
                number,
                source_status=update.status_text or (status.value if status else None),
            )
        phase.transitions = [(t.key, t.after, t.name, t.after_text) for t in update.transitions]
        phase.before = {t.key: t.before for t in update.transitions}
        return phase

    def began_before(self, phases: list[DraftPhase], start: datetime) -> datetime | None:
        """When the source says an incident began before its first update, that time, to be
        written as `started:`; no update is added and no update's time is changed. A start
        after the first update is not kept (the incident begins with it), and reported."""
        first = phases[0].at
        if start < first:
            return start
        if start > first:
            self.note(
                "start_after_update",
                f"the source says the incident began at {format_time(start)}, after its first "
                f"update ({format_time(first)}); it begins with that update",
                original=format_time(start),
            )
        return None

    def postmortem_at(self, phases: list[DraftPhase], body: str) -> datetime | None:
        """When the source published the postmortem (the body), kept as the postmortem event:
        on a resolved incident with a body, at or after the resolution and not after the
        import's time (moved there, and reported, when the source says otherwise)."""
        at = self.src.postmortem_at
        if at is None:
            return None
        if self.maintenance or not body.strip() or not phases[-1].final:
            self.note(
                "lost_field",
                f"the postmortem published at {format_time(at)} is not kept: statusgen holds a "
                "postmortem only on a resolved incident with its text in the body",
            )
            return None
        moved = min(max(at, phases[-1].at), self.now)
        if moved != at:
            why = "after the import's time" if at > self.now else "before the resolution"
            self.note(
                "postmortem_time",
                f"the postmortem was published at {format_time(at)}, {why}; "
                f"dated {format_time(moved)}",
                original=format_time(at),
            )
        return moved

    # -- statuses ---------------------------------------------------------------------------
    def statuses_in_order(self, phases: list[DraftPhase]) -> None:
        previous = self.statuses[0]
        for phase in phases:
            if phase.status is None:
                phase.status = previous if not previous.is_final else self.statuses[2]
            previous = phase.status

    def resolution(self, phases: list[DraftPhase]) -> None:
        """Only the last update may be final; a resolved source incident ends with one."""
        src = self.src
        final = self.statuses[-1]
        reopened = self.statuses[2]  # monitoring / verifying
        last = len(phases) - 1
        for index, phase in enumerate(phases):
            if phase.final and index != last:
                self.note(
                    "final_update_not_last",
                    f"update {phase.source} is {phase.decided.value!r} but more updates follow; "
                    f"written as {reopened.value!r}",
                    phase.source,
                )
                phase.status = reopened
        ends_final = phases[-1].final
        if src.resolved and not ends_final:
            at = src.resolved_at
            if at is None:
                at = phases[-1].at
                self.note(
                    "resolution_without_time",
                    f"the source says resolved but gives no time; resolved at its last update "
                    f"({format_time(at)})",
                )
            elif at < phases[-1].at:
                self.note(
                    "resolution_before_update",
                    f"the source resolves at {format_time(at)}, before its last update; resolved "
                    f"at that update ({format_time(phases[-1].at)})",
                    original=format_time(at),
                )
                at = phases[-1].at
            phases.append(DraftPhase(at, final, ""))
            self.note(
                "resolution_written",
                f"the source marks it resolved at {format_time(at)} without an update saying "
                f"so; the resolution is written as a {final.value!r} update then, with "
                "statusgen's standard sentence",
            )
        elif ends_final and src.resolved_at is not None and src.resolved_at != phases[-1].at:
            self.note(
                "resolved_at_differs",
                f"the source's resolution time {format_time(src.resolved_at)} differs from its "
                f"final update's ({format_time(phases[-1].at)}); the update's time is kept",
                original=format_time(src.resolved_at),
            )
        elif ends_final and not src.resolved:
            self.note("resolved_by_update", "the source calls it open; its last update closes it")
        if not self.maintenance and phases[-1].final and phases[-1].at == phases[0].at:
            self.note(
                "zero_length",
                "the incident begins and ends at the same second: it is kept so, and shows "
                "without a duration and without downtime",
            )

    def window(self, phases: list[DraftPhase]) -> tuple[datetime, datetime]:
        start, end = self.src.scheduled_start, self.src.scheduled_end
        if start is None:
            started = [p.at for p in phases if p.status is PhaseStatus.IN_PROGRESS]
            start = min(started, default=self.src.started_at or phases[0].at)
            self.note("window_assumed", f"the source has no window start; {format_time(start)}")
        if end is None:
            end = phases[-1].at if phases[-1].final else start + DEFAULT_WINDOW
            self.note("window_assumed", f"the source has no window end; {format_time(end)}")
        if end <= start:
            self.note(
                "window_empty",
                f"the window ends at {format_time(end)}, not after its start; it is made to "
                "last one minute",
                original=format_time(end),
            )
            end = start + timedelta(minutes=1)
        return start, end

    # -- text -------------------------------------------------------------------------------
    def message(self, phase: DraftPhase, text: str | None = None, language: str = "") -> str:
        """The update's message (or `text`, its translation into `language`) as accepted."""
        text, removed = clean(phase.message if text is None else text)
        text = text.strip()
        where = phase.source
        said = f"update {where}" + (f" ({language})" if language else "")
        if removed:
            self.note("control_characters", f"{removed} control character(s) removed", where)
        if not text:
            text = STANDARD_MESSAGES[phase.decided]
            if where is not None:
                self.note(
                    "empty_message", f"update {where} has no text; {text!r} is written", where
                )
        text, escaped = escape_braces(text)
        if escaped:
            self.note(
                "braces_escaped",
                f"{said}: {escaped} '{{{{' outside code written as '&#123;{{' (shown as "
                "'{{'), as statusgen would take them for a template placeholder left unfilled",
                where,
            )
        if text.startswith(PLACEHOLDER_PREFIX):
            text = f"{phase.decided.label}: {text}"
            self.note(
                "placeholder_prefix",
                f"{said} starts with {PLACEHOLDER_PREFIX!r}, which statusgen takes for an "
                "unfilled template; its status is written before it",
                where,
            )
        fitted, changes = fit_markdown(text, budgets.MESSAGE.limit)
        for change in changes:
            self.note("text_fitted", f"{said}: {change}", where)
        return fitted.strip()

    def body(self, phases: list[DraftPhase]) -> str:
        if len(phases) > budgets.PHASES.limit:
            keep = budgets.PHASES.limit
            moved = phases[1 : len(phases) - keep + 1]
            del phases[1 : len(phases) - keep + 1]
            self.note(
                "too_many_updates",
                f"{len(moved)} updates over the limit of {keep} are written into the body",
            )
            lines = [f"**{format_time(p.at)}, {p.decided.label}**: {p.message}" for p in moved]
            self.src.body += "\n\n## Further updates\n\n" + "\n\n".join(lines)
        return self.body_text(self.src.body)

    def body_text(self, text: str, language: str = "") -> str:
        """The body (or its translation into `language`) as statusgen accepts it."""
        what = f"the {language} body" if language else "the body"
        text, removed = clean(text)
        if removed:
            self.note("control_characters", f"{removed} control character(s) removed from {what}")
        text = text.strip("\n")
        fitted, changes = fit_markdown(text, budgets.BODY.limit)
        for change in changes:
            self.note("text_fitted", f"{what[4:]}: {change}")
        return fitted

    def fit_total(self, draft: Draft) -> None:
        total = len(draft.title) + len(draft.body) + sum(len(p.message) for p in draft.phases)
        limit = budgets.INCIDENT_TEXT.limit
        if total > limit and draft.body:
            room = max(0, len(draft.body) - (total - limit) - 200)
            draft.body, _ = fit_markdown(draft.body, room)
            self.note(
                "text_fitted",
                f"body cut to {room:,} characters: the incident's text is over {limit:,}",
            )
