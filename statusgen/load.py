"""Loading: components.yml and incidents/**/*.md into a validated model, collecting every problem.

Every rule of DESIGN section 3 is checked here. Nothing raises on bad content: each problem is
recorded as `path:line: what is wrong; expected what`, and the caller decides what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import frontmatter
import yaml

from statusgen.model import (
    INCIDENT_COMPONENT_STATUSES,
    MAINTENANCE_COMPONENT_STATUSES,
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
    phase_statuses_for,
)
from statusgen.problems import ContentError, Problem
from statusgen.yamlnodes import YamlSource

#: Largest incident or components file read, in bytes; larger files are a problem, not read.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Messages that still start with this were not filled in after `statusgen new`.
PLACEHOLDER_PREFIX = "TODO"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_EXPECTED = "lowercase letters, digits and single hyphens, like 2026-11-22-api-errors"

CATALOG_KEYS = ("groups",)
GROUP_KEYS = ("name", "description", "components")
COMPONENT_KEYS = ("id", "name", "description", "sla", "upstream", "since", "audience")
INCIDENT_KEYS = (
    "title",
    "type",
    "impact",
    "components",
    "workaround",
    "phases",
    "scheduled",
    "audience",
)
PHASE_KEYS = ("at", "status", "message", "next_update", "components", "audience")
WINDOW_KEYS = ("start", "end")


@dataclass(frozen=True)
class SiteLayout:
    """Where a site's content lives, relative to its root folder."""

    root: Path
    components_file: str = "components.yml"
    incidents_dir: str = "incidents"
    #: Prefix for paths in problems, e.g. the `-C` folder as the user typed it.
    label_prefix: str = ""

    def label(self, path: Path) -> str:
        """The path as problems name it: relative to the root, with the prefix."""
        try:
            relative = path.relative_to(self.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        return self.label_prefix + relative


def load_site(layout: SiteLayout, now: datetime) -> StatusSite:
    """Load and validate everything; raise ContentError listing every problem."""
    site, problems = check_site(layout, now)
    if problems:
        raise ContentError(problems)
    return site


def check_site(layout: SiteLayout, now: datetime) -> tuple[StatusSite, list[Problem]]:
    """Load what is valid and collect every problem, never raising on bad content."""
    problems: list[Problem] = []
    catalog = load_catalog(layout, problems)
    incidents = load_incidents(layout, catalog, now, problems)
    return StatusSite(catalog=catalog, incidents=incidents), sorted(problems)


# -- reading files -------------------------------------------------------------------------------
def read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    """A file's UTF-8 text, or None after recording why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(label, 0, f"file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,}")
            )
            return None
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(label, 0, f"cannot be read ({error.strerror}); expected a file"))
        return None
    if b"\0" in data:
        problems.append(Problem(label, 0, "is a binary file; expected UTF-8 text"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                label, line, f"is not UTF-8 (byte {data[error.start]:#04x}); expected UTF-8 text"
            )
        )
        return None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        problems.append(Problem(label, 0, "is empty; expected content"))
        return None
    return text


# -- components.yml --------------------------------------------------------------------------------
def load_catalog(layout: SiteLayout, problems: list[Problem]) -> Catalog:
    """Read components.yml; problems are recorded and what is valid is kept."""
    path = layout.root / layout.components_file
    label = layout.label(path)
    if not path.is_file():
        problems.append(Problem(label, 0, "not found; expected the components file"))
        return Catalog(groups=())
    text = read_text(path, label, problems)
    if text is None:
        return Catalog(groups=())
    src = YamlSource(label, problems)
    root = src.compose(text)
    if root is None:
        if not any(p.path == label for p in problems):
            problems.append(Problem(label, 0, "is empty; expected `groups:` with components"))
        return Catalog(groups=())
    entries = src.mapping(root, "components file", CATALOG_KEYS)
    if entries is None:
        return Catalog(groups=())
    if "groups" not in entries:
        src.report(root, "missing key 'groups'; expected a list of groups of components")
        return Catalog(groups=())
    group_nodes = src.sequence(entries["groups"][1], "groups") or []
    groups: list[Group] = []
    seen_ids: dict[str, int] = {}
    seen_groups: dict[str, int] = {}
    for group_node in group_nodes:
        group = _read_group(src, group_node, seen_ids, seen_groups)
        if group is not None:
            groups.append(group)
    return Catalog(groups=tuple(groups))


def _read_group(
    src: YamlSource, node: yaml.Node, seen_ids: dict[str, int], seen_groups: dict[str, int]
) -> Group | None:
    entries = src.mapping(node, "group", GROUP_KEYS)
    if entries is None:
        return None
    if "name" not in entries:
        src.report(node, "group without 'name'; expected a name for the group")
        return None
    name = src.text(entries["name"][1], "group name")
    if name is None:
        return None
    if name in seen_groups:
        src.report(
            entries["name"][1], f"duplicate group {name!r} (first on line {seen_groups[name]})"
        )
    seen_groups[name] = src.line(entries["name"][1])
    description = ""
    if "description" in entries:
        description = src.text(entries["description"][1], "group description") or ""
    if "components" not in entries:
        src.report(node, f"group {name!r} has no 'components'; expected a list of components")
        return None
    components = []
    for component_node in src.sequence(entries["components"][1], "components") or []:
        component = _read_component(src, component_node, name, seen_ids)
        if component is not None:
            components.append(component)
    return Group(name=name, components=tuple(components), description=description)


def _read_component(
    src: YamlSource, node: yaml.Node, group: str, seen_ids: dict[str, int]
) -> Component | None:
    entries = src.mapping(node, "component", COMPONENT_KEYS)
    if entries is None:
        return None
    ok = True
    for required in ("id", "name"):
        if required not in entries:
            src.report(node, f"component without {required!r}; expected `{required}:`")
            ok = False
    if not ok:
        return None
    id_node = entries["id"][1]
    component_id = src.text(id_node, "component id")
    name = src.text(entries["name"][1], "component name")
    if component_id is None or name is None:
        return None
    if not ID_PATTERN.match(component_id):
        src.report(id_node, f"component id {component_id!r} is not allowed; expected {ID_EXPECTED}")
        return None
    if component_id in seen_ids:
        src.report(
            id_node,
            f"duplicate component id {component_id!r} (first on line {seen_ids[component_id]})",
        )
        return None
    seen_ids[component_id] = src.line(id_node)
    fields: dict[str, object] = {}
    if "description" in entries:
        fields["description"] = src.text(entries["description"][1], "description") or ""
    if "sla" in entries:
        fields["sla"] = src.number(entries["sla"][1], "sla", 0, 100)
    if "upstream" in entries:
        upstream = src.text(entries["upstream"][1], "upstream")
        if upstream is not None and not re.match(r"^https?://\S+$", upstream):
            src.report(
                entries["upstream"][1],
                f"upstream {upstream!r} is not a URL; expected http(s)://...",
            )
            upstream = None
        fields["upstream"] = upstream
    if "since" in entries:
        fields["since"] = src.day_or_time(entries["since"][1], "since")
    if "audience" in entries:
        fields["audience"] = (
            src.choice(entries["audience"][1], "audience", tuple(Audience)) or Audience.PUBLIC
        )
    return Component(id=component_id, name=name, group=group, line=src.line(node), **fields)  # type: ignore[arg-type]


# -- incidents/ ------------------------------------------------------------------------------------
def incident_files(layout: SiteLayout, problems: list[Problem]) -> list[Path]:
    """Every incident file, sorted by path; other files and escaping links are problems."""
    folder = layout.root / layout.incidents_dir
    if not folder.is_dir():
        return []
    root = layout.root.resolve()
    found: list[Path] = []
    for path in sorted(folder.rglob("*"), key=lambda p: p.as_posix()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                problems.append(
                    Problem(layout.label(path), 0, "is a broken or looping link; expected a file")
                )
                continue
            if not target.is_relative_to(root):
                problems.append(
                    Problem(
                        layout.label(path),
                        0,
                        "is a link to outside the site; expected a file inside it",
                    )
                )
                continue
        if path.is_dir():
            continue
        if not path.is_file():
            problems.append(
                Problem(layout.label(path), 0, "is not a regular file; expected an incident file")
            )
            continue
        if path.suffix != ".md":
            problems.append(
                Problem(
                    layout.label(path), 0, "is not an incident file; expected <id>.md files only"
                )
            )
            continue
        found.append(path)
    return found


def load_incidents(
    layout: SiteLayout, catalog: Catalog, now: datetime, problems: list[Problem]
) -> tuple[Incident, ...]:
    """Every valid incident, sorted by start time then id; problems recorded for the others."""
    incidents: list[Incident] = []
    first_seen: dict[str, str] = {}
    for path in incident_files(layout, problems):
        label = layout.label(path)
        incident_id = path.stem
        if not ID_PATTERN.match(incident_id):
            problems.append(
                Problem(label, 0, f"file name {incident_id!r} is not an id; expected {ID_EXPECTED}")
            )
            continue
        if incident_id in first_seen:
            problems.append(
                Problem(
                    label,
                    0,
                    f"duplicate incident id {incident_id!r} (also {first_seen[incident_id]}); "
                    "expected unique file names",
                )
            )
            continue
        first_seen[incident_id] = label
        text = read_text(path, label, problems)
        if text is None:
            continue
        incident = parse_incident(text, incident_id, label, catalog, now, problems)
        if incident is not None:
            incidents.append(incident)
    incidents.sort(key=lambda i: (i.started_at, i.id))
    return tuple(incidents)


class FrontMatter(NamedTuple):
    """A file split at its front matter boundaries."""

    yaml: str
    #: Index in the file where the YAML text starts.
    start: int
    #: Number of lines of the file before the YAML text.
    line_offset: int
    body: str


def split_front_matter(text: str) -> FrontMatter | None:
    """Split a file into its front matter YAML and its body, or None without front matter.

    Uses python-frontmatter's own boundary so files read the same as with that library.
    """
    handler = frontmatter.YAMLHandler()  # type: ignore[attr-defined]
    opening = handler.FM_BOUNDARY.match(text)
    if opening is None:
        return None
    try:
        fm, body = handler.split(text)
    except ValueError:
        return None
    return FrontMatter(fm, opening.end(), text.count("\n", 0, opening.end()), body)


def parse_incident(
    text: str,
    incident_id: str,
    label: str,
    catalog: Catalog,
    now: datetime,
    problems: list[Problem],
) -> Incident | None:
    """Validate one incident file's text; None (with problems recorded) when it is invalid."""
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
    reader = _IncidentReader(src, root, entries, catalog, now)
    incident = reader.read(incident_id, label, split.body.lstrip("\n"))
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
    ) -> None:
        self.src = src
        self.root = root
        self.entries = entries
        self.catalog = catalog
        self.now = now

    def value(self, key: str) -> yaml.Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def require(self, key: str, expected: str) -> yaml.Node | None:
        node = self.value(key)
        if node is None:
            self.src.report(self.root, f"missing key {key!r}; expected {expected}")
        return node

    def read(self, incident_id: str, label: str, body: str) -> Incident | None:
        src = self.src
        kind = IncidentType.INCIDENT
        if (node := self.value("type")) is not None:
            kind = src.choice(node, "type", tuple(IncidentType)) or kind
        maintenance = kind is IncidentType.MAINTENANCE

        title_node = self.require("title", "a short title readers understand")
        title = src.text(title_node, "title") if title_node is not None else None

        impact: Impact | None = Impact.NONE
        if (node := self.value("impact")) is not None:
            impact = src.choice(node, "impact", tuple(Impact))
        elif not maintenance:
            self.require("impact", "one of none, minor, major, critical")
            impact = None

        allowed = MAINTENANCE_COMPONENT_STATUSES if maintenance else INCIDENT_COMPONENT_STATUSES
        components = self.component_statuses(self.value("components"), allowed, "components")

        workaround = ""
        if (node := self.value("workaround")) is not None:
            workaround = src.text(node, "workaround") or ""

        audience = Audience.PUBLIC
        if (node := self.value("audience")) is not None:
            audience = src.choice(node, "audience", tuple(Audience)) or audience

        scheduled = self.window(maintenance)
        phases = self.phases(kind, maintenance)
        if title is None or impact is None or phases is None:
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
        )
        self.check_audience(incident)
        return incident

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

    def phases(self, kind: IncidentType, maintenance: bool) -> tuple[Phase, ...] | None:
        node = self.require("phases", "a list of updates, oldest first")
        if node is None:
            return None
        items = self.src.sequence(node, "phases")
        if items is None:
            return None
        if not items:
            self.src.report(node, "phases is empty; expected at least one update")
            return None
        statuses = phase_statuses_for(kind)
        component_statuses = (
            (ComponentStatus.OPERATIONAL, *MAINTENANCE_COMPONENT_STATUSES)
            if maintenance
            else (ComponentStatus.OPERATIONAL, *INCIDENT_COMPONENT_STATUSES)
        )
        phases: list[Phase] = []
        ok = True
        previous: Phase | None = None
        final: Phase | None = None
        times_seen: dict[datetime, int] = {}
        for item in items:
            phase = self.phase(item, statuses, component_statuses, maintenance)
            if phase is None:
                ok = False
                continue
            if final is not None:
                self.src.report(
                    item,
                    f"update after the final {final.status.value!r} update (line {final.line}); "
                    "expected nothing after it: reopen with a new incident",
                )
                ok = False
            if previous is not None and phase.at < previous.at:
                self.src.report(
                    item,
                    f"update at {_iso(phase.at)} is earlier than the one before it "
                    f"(line {previous.line}); "
                    "expected updates oldest first",
                )
                ok = False
            if phase.status.is_final and final is None:
                final = phase
            same_time = times_seen.get(phase.at, 0)
            times_seen[phase.at] = same_time + 1
            if same_time:
                phase = replace(phase, same_time_before=same_time)
            previous = phase
            phases.append(phase)
        return tuple(phases) if ok else None

    def phase(
        self,
        node: yaml.Node,
        statuses: tuple[PhaseStatus, ...],
        component_statuses: tuple[ComponentStatus, ...],
        maintenance: bool,
    ) -> Phase | None:
        src = self.src
        entries = src.mapping(node, "update", PHASE_KEYS)
        if entries is None:
            return None
        before = len(src.problems)
        values: dict[str, object] = {}
        for key, expected in (
            ("at", "`at:` with a time like 2026-11-22T14:03:00Z"),
            ("status", f"`status:` one of {', '.join(s.value for s in statuses)}"),
            ("message", "`message:` with the update's text"),
        ):
            if key not in entries:
                src.report(node, f"update without {key!r}; expected {expected}")
        if "at" in entries:
            values["at"] = src.time(entries["at"][1], "at")
            at = values["at"]
            if isinstance(at, datetime) and at > self.now and not maintenance:
                src.report(
                    entries["at"][1],
                    f"update time {_iso(at)} is in the future (now is {_iso(self.now)}); "
                    "expected a past time: only maintenance may be announced ahead",
                )
        if "status" in entries:
            values["status"] = src.choice(entries["status"][1], "update status", statuses)
        if "message" in entries:
            message = src.text(entries["message"][1], "message")
            if message is not None and message.strip().startswith(PLACEHOLDER_PREFIX):
                src.report(
                    entries["message"][1],
                    "message is still the template placeholder; "
                    "expected the update's text for readers",
                )
            values["message"] = message.strip() if message else None
        if "next_update" in entries:
            next_at = src.time(entries["next_update"][1], "next_update")
            at = values.get("at")
            if next_at is not None and isinstance(at, datetime) and next_at < at:
                src.report(
                    entries["next_update"][1],
                    "next_update is before the update itself; expected a later time",
                )
            values["next_update_at"] = next_at
        if "components" in entries:
            values["components"] = frozen_mapping(
                self.component_statuses(
                    entries["components"][1], component_statuses, "update components"
                )
            )
        if "audience" in entries:
            values["audience"] = src.choice(entries["audience"][1], "audience", tuple(Audience))
        if len(src.problems) != before or any(
            values.get(k) is None for k in ("at", "status", "message")
        ):
            return None
        values = {k: v for k, v in values.items() if v is not None}
        return Phase(line=src.line(node), **values)  # type: ignore[arg-type]

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


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
