"""Incident files: front matter read node by node, every rule of the format checked, every
problem recorded as `path:line: what is wrong; expected what`. The updates (`phases:`) are
read by `phases.py`."""

from __future__ import annotations

from datetime import datetime

import yaml

from statusgen.content import budgets
from statusgen.content.alertfields import read_alert
from statusgen.content.files import split_front_matter
from statusgen.content.phases import read_phases
from statusgen.content.rules import (
    INCIDENT_KEYS,
    OPENED_BY_MONITOR,
    WINDOW_KEYS,
)
from statusgen.content.translated import (
    NO_TEXTS,
    ReadOne,
    Texts,
    body_sections,
    gathered,
    read_body,
    read_texts,
)
from statusgen.content.updatefields import (
    read_opened_by,
    read_postmortem,
    read_started,
)
from statusgen.content.yamlsource import YamlSource
from statusgen.model import (
    INCIDENT_COMPONENT_STATUSES,
    MAINTENANCE_COMPONENT_STATUSES,
    Audience,
    Catalog,
    ComponentStatus,
    Impact,
    Incident,
    IncidentType,
    Window,
    frozen_mapping,
)
from statusgen.problems import Problem


def parse_incident(
    text: str,
    incident_id: str,
    label: str,
    catalog: Catalog,
    now: datetime,
    problems: list[Problem],
    *,
    draft: bool = False,
    languages: tuple[str, ...] = (),
) -> Incident | None:
    """Validate one incident file's text; None (with problems recorded) when it is invalid.

    A `draft` (a file `statusgen new` is about to write) may still hold the message placeholder.
    `languages` are the site's (`options.site_languages`, the default first): with two or more,
    each text may be written in each (`content/translated.py`).
    """
    before = len(problems)
    split = split_front_matter(text)
    if split is None:
        problems.append(
            Problem(
                label,
                1,
                "no front matter; expected the file to start with a `---` line, "
                "YAML, then a closing `---` line",
            )
        )
        return None
    src = YamlSource(label, problems, line_offset=split.line_offset)
    root = src.compose(split.yaml)
    if root is None:
        if len(problems) == before:
            problems.append(
                Problem(label, 1, "front matter is empty; expected title, impact and phases")
            )
        return None
    entries = src.mapping(root, "front matter", INCIDENT_KEYS)
    if entries is None:
        return None
    reader = _IncidentReader(src, root, entries, catalog, now, draft, languages)
    body = split.body.lstrip("\n")
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    incident = reader.read(incident_id, label, body, body_line)
    return incident if len(problems) == before else None


class _IncidentReader:
    """Reads one incident's front matter, recording problems in its YamlSource."""

    def __init__(
        self,
        src: YamlSource,
        root: yaml.Node,
        entries: dict[str, tuple[yaml.Node, yaml.Node]],
        catalog: Catalog,
        now: datetime,
        draft: bool,
        languages: tuple[str, ...] = (),
    ) -> None:
        self.src = src
        self.root = root
        self.entries = entries
        self.catalog = catalog
        self.now = now
        self.draft = draft
        self.languages = languages

    def value(self, key: str) -> yaml.Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def require(self, key: str, expected: str) -> yaml.Node | None:
        node = self.value(key)
        if node is None:
            self.src.report(self.root, f"missing key {key!r}; expected {expected}")
        return node

    def read(self, incident_id: str, label: str, body: str, body_line: int) -> Incident | None:
        src = self.src
        kind = IncidentType.INCIDENT
        if (node := self.value("type")) is not None:
            kind = src.choice(node, "type", tuple(IncidentType)) or kind
        maintenance = kind is IncidentType.MAINTENANCE

        title_node = self.require("title", "a short title readers understand")
        titles = None
        if title_node is not None:
            titles = self.texts(title_node, "title", self.read_title)
        title = titles.default if titles else None
        title_line = self.start_line(titles.default_node) if titles else 0

        impact: Impact | None = Impact.NONE
        if (node := self.value("impact")) is not None:
            impact = src.choice(node, "impact", tuple(Impact))
        elif not maintenance:
            self.require("impact", "one of none, minor, major, critical")
            impact = None

        allowed = MAINTENANCE_COMPONENT_STATUSES if maintenance else INCIDENT_COMPONENT_STATUSES
        components = self.component_statuses(self.value("components"), allowed, "components")

        workaround, workaround_line, workarounds = "", 0, None
        if (node := self.value("workaround")) is not None:
            workarounds = self.texts(node, "workaround", self.read_workaround)
            if workarounds is not None:
                workaround = workarounds.default
                workaround_line = self.start_line(workarounds.default_node)

        audience = Audience.PUBLIC
        if (node := self.value("audience")) is not None:
            audience = src.choice(node, "audience", tuple(Audience)) or audience

        bodies = read_body(src, body_sections(body, body_line), self.languages)
        for code, section in (bodies or {}).items():
            what = f"body ({code})" if code in self.languages[1:] else "body"
            self.check_markdown(None, section.text, budgets.BODY, what, first_line=section.line)
        if bodies and (default_body := bodies.get(self.languages[0] if self.languages else "")):
            body, body_line = default_body.text, default_body.line
        scheduled = self.window(maintenance)
        phases = read_phases(self, kind, maintenance)
        if titles is None or title is None or impact is None or phases is None or bodies is None:
            return None
        sections = [(s.text, s.line) for s in bodies.values()]
        postmortem_at = read_postmortem(self, maintenance, phases, body, body_line, sections)
        started = read_started(self, maintenance, phases)
        opened_by = read_opened_by(self, maintenance)
        others = self.languages[1:]
        translated = {
            "title": {code: text.strip() for code, text in titles.others.items()},
            "workaround": {c: t.strip() for c, t in (workarounds or NO_TEXTS).others.items()},
            "body": {code: bodies[code].text for code in others if code in bodies},
        }
        own = {"title": title, "workaround": workaround, "body": body}
        total = len(title) + len(workaround) + len(body) + sum(len(p.message) for p in phases)
        for language in ("", *others):  # one page shows one language: its budget is per language
            if language:
                total = sum(len(translated[n].get(language, t)) for n, t in own.items()) + sum(
                    len(p.translations.get(language, {}).get("message", p.message)) for p in phases
                )
            if total > budgets.INCIDENT_TEXT.limit:
                what = f"the incident's {language} text" if language else "the incident's text"
                src.report(self.root, budgets.INCIDENT_TEXT.exceeded(what, total))
                return None
        incident = Incident(
            id=incident_id,
            path=label,
            title=title.strip(),
            type=kind,
            impact=impact,
            components=frozen_mapping(components),
            phases=phases,
            workaround=workaround.strip(),
            scheduled=scheduled,
            audience=audience,
            body=body,
            postmortem_at=postmortem_at,
            started=started,
            opened_by_monitor=opened_by == OPENED_BY_MONITOR,
            alert=read_alert(self, opened_by),
            workaround_line=workaround_line,
            body_line=body_line,
            title_line=title_line,
            translations=gathered(translated, others),
        )
        self.check_audience(incident)
        return incident

    def texts(self, node: yaml.Node, what: str, read_one: ReadOne) -> Texts | None:
        """A text field in the site's languages (`content/translated.py`)."""
        return read_texts(self.src, node, what, self.languages, read_one)

    def read_title(self, node: yaml.Node, what: str) -> str | None:
        """One language's title."""
        title = self.src.text(node, what, budget=budgets.TITLE)
        self.src.check_not_cut(node, what)
        return title

    def read_workaround(self, node: yaml.Node, what: str) -> str | None:
        """One language's workaround, within its Markdown budgets."""
        workaround = self.src.text(node, what)
        if workaround is not None:
            self.src.check_not_cut(node, what)
            self.check_markdown(node, workaround, budgets.WORKAROUND, what)
        return workaround

    def start_line(self, node: yaml.Node) -> int:
        """The line where a text's node starts its text (a block scalar's after its `|`)."""
        return self.src.line(node) + (1 if getattr(node, "style", None) in ("|", ">") else 0)

    def check_markdown(
        self,
        node: yaml.Node | None,
        text: str,
        budget: budgets.Budget,
        what: str,
        first_line: int = 0,
    ) -> int:
        """A responder's Markdown within its budgets: its length, its paragraphs, its nesting.
        Lines count from `first_line`, or from the node's (a block scalar's text starts on
        the line after its `|` or `>`). Returns the line where the text starts."""
        src = self.src
        if node is not None:
            first_line = self.start_line(node)
        too_long = budgets.TextProblem(0, budget.exceeded(f"the {what}", len(text)))
        found = [too_long] if len(text) > budget.limit else budgets.markdown_problems(text, what)
        src.problems.extend(Problem(src.path, first_line + f.offset, f.message) for f in found)
        return first_line

    def component_statuses(
        self, node: yaml.Node | None, allowed: tuple[ComponentStatus, ...], what: str
    ) -> dict[str, ComponentStatus]:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return {}
        entries = self.src.mapping(node, what)
        result: dict[str, ComponentStatus] = {}
        for component_id, (key_node, value_node) in (entries or {}).items():
            if self.catalog.get(component_id) is None:
                known = ", ".join(c.id for c in self.catalog.components) or "none defined"
                self.src.report(
                    key_node,
                    f"unknown component {component_id!r}; expected one of components.yml: {known}",
                )
                continue
            status = self.src.choice(value_node, f"status of {component_id!r}", allowed)
            if status is not None:
                result[component_id] = status
        return result

    def window(self, maintenance: bool) -> Window | None:
        node = self.value("scheduled")
        if not maintenance:
            if node is not None:
                self.src.report(
                    node, "'scheduled' is only for maintenance; expected `type: maintenance`"
                )
            return None
        if node is None:
            self.require("scheduled", "the maintenance window `{start: <time>, end: <time>}`")
            return None
        entries = self.src.mapping(node, "scheduled", WINDOW_KEYS)
        if entries is None:
            return None
        times: dict[str, datetime | None] = {}
        for key in WINDOW_KEYS:
            if key not in entries:
                self.src.report(node, f"scheduled has no {key!r}; expected a time with offset")
                times[key] = None
            else:
                times[key] = self.src.time(entries[key][1], f"scheduled {key}")
        start, end = times["start"], times["end"]
        if start is None or end is None:
            return None
        if end <= start:
            self.src.report(
                entries["end"][1], "scheduled end is not after its start; expected end > start"
            )
            return None
        return Window(start_at=start, end_at=end)

    def check_audience(self, incident: Incident) -> None:
        """A public incident must make sense to the public: its first and final updates are
        public, and it touches at least one public component."""
        if incident.audience is Audience.INTERNAL:
            return
        ends = [("first", incident.phases[0])]
        if incident.is_closed and len(incident.phases) > 1:
            ends.append(("final", incident.last_phase))
        for which, phase in ends:
            if phase.audience is Audience.INTERNAL:
                self.src.problems.append(
                    Problem(
                        self.src.path,
                        phase.line,
                        f"the {which} update of a public incident is internal; expected it public "
                        "(readers would never see the incident start or end)",
                    )
                )
        ids = incident.affected_component_ids()
        components = [self.catalog.get(i) for i in ids]
        if ids and all(c is not None and c.audience is Audience.INTERNAL for c in components):
            node = self.value("components") or self.root
            self.src.report(
                node,
                "public incident touches only internal components; expected `audience: internal` "
                "on the incident, or a public component",
            )
