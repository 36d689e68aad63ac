"""Writing incident files as text, for the command line and the importers: new files, phases
and a postmortem appended to existing ones, YAML scalars quoted.

Appending never re-dumps the YAML (that would sort keys and drop comments): the new phase
is inserted as text right after the last existing phase, so everything above it stays
byte-for-byte as the responder wrote it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import yaml

from statusgen.clock import iso_offset, iso_utc
from statusgen.content import fieldregistry
from statusgen.content.alertfields import updates_digest
from statusgen.content.files import FrontMatter, split_front_matter
from statusgen.content.rules import OPENED_BY_ALERT, OPENED_BY_MONITOR, PLACEHOLDER_PREFIX
from statusgen.content.yamltext import body_text, texts_lines, with_templates
from statusgen.content.yamltext import quote as quote  # the writer's, for its users too
from statusgen.content.yamltext import text_lines as text_lines
from statusgen.model import (
    AlertMark,
    Audience,
    ComponentStatus,
    Impact,
    Incident,
    IncidentType,
    Phase,
    Translations,
    Window,
    frozen_mapping,
    no_translations,
)
from statusgen.slugs import name_slug

#: Longest slug taken from a title for a new file name.
MAX_SLUG_LENGTH = 48


class AuthoringError(Exception):
    """The file cannot be edited as asked; the message says why and what is expected."""


def message_lines(message: str, indent: str) -> list[str]:
    """An update's `message:` (see `text_lines`)."""
    return text_lines("message", message, indent)


def new_incident_id(title: str, day: datetime, taken: set[str]) -> str:
    """`YYYY-MM-DD-slug-of-title`, made unique against `taken` with -2, -3, ..."""
    slug = name_slug(title)[:MAX_SLUG_LENGTH].strip("-") or "incident"
    base = f"{day.astimezone(UTC):%Y-%m-%d}-{slug}"
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def render_new_file(
    title: str,
    impact: Impact | None,
    components: Mapping[str, ComponentStatus],
    phase: Phase,
    scheduled: Window | None = None,
    schema: str | None = None,
    started: datetime | None = None,
    audience: Audience = Audience.PUBLIC,
    opened_by_monitor: bool = False,
    alert: AlertMark | None = None,
    translations: Translations | None = None,
    languages: tuple[str, ...] = (),
) -> str:
    """The text of a new incident (or, with `scheduled`, maintenance) file; with `schema`, a
    first line that points the YAML language server at that schema (docs/reference.md);
    with `started`, when the incident began before its first update; with `audience`
    internal, an incident only the internal site shows; with `opened_by_monitor`, marked as
    `statusgen probe`'s; with `alert`, as `statusgen alert`'s. `translations` are the title's
    in the site's other `languages` (the update's are the phase's own)."""
    incident = Incident(
        id="",
        path="",
        title=title,
        type=IncidentType.MAINTENANCE if scheduled else IncidentType.INCIDENT,
        impact=impact or Impact.NONE,
        components=frozen_mapping(components),
        phases=(phase,),
        scheduled=scheduled,
        started=started,
        audience=audience,
        opened_by_monitor=opened_by_monitor,
        alert=alert,
        translations=translations or no_translations(),
    )
    return render_incident_file(
        incident,
        comments=[f"yaml-language-server: $schema={schema}"] if schema else [],
        phases_comment=NEW_FILE_HINT,
        languages=languages,
    )


#: The comment above a new file's updates.
NEW_FILE_HINT = (
    "Updates, oldest first. Add one with: statusgen update <id> --status ... --message ..."
)


def render_incident_file(
    incident: Incident,
    comments: Sequence[str] = (),
    phases_comment: str = "",
    languages: tuple[str, ...] = (),
) -> str:
    """An incident's whole file, as `statusgen new` and `statusgen import` write it: comment
    lines first, then every key the incident holds (times in their own offset, texts quoted
    or as blocks, each text with its translations into the site's other `languages` as a
    mapping), the updates, and the body (a section per language). Reading it back in those
    languages gives the same incident."""
    lines = ["---", *(f"# {comment}" for comment in comments)]
    translations = incident.translations
    if any("title" in texts for texts in translations.values()):
        lines += texts_lines("title", incident.title, translations, "title", "", languages)
    else:
        lines.append(f"title: {quote(incident.title)}")
    if incident.is_maintenance:
        lines.append("type: maintenance")
    if not incident.is_maintenance or incident.impact is not Impact.NONE:
        lines.append(f"impact: {incident.impact.value}")
    if incident.started is not None:
        lines.append(f"started: {iso_offset(incident.started)}")
    if incident.audience is Audience.INTERNAL:
        lines.append("audience: internal")
    if incident.opened_by_monitor:
        lines.append(f"opened_by: {OPENED_BY_MONITOR}")
    if incident.alert is not None:
        lines += [f"opened_by: {OPENED_BY_ALERT}", "alert:", f"  key: {quote(incident.alert.key)}"]
        lines.append(f"  digest: {updates_digest(incident.phases)}")
    if incident.components:
        lines.append("components:")
        lines.extend(f"  {cid}: {status.value}" for cid, status in incident.components.items())
    if incident.workaround:
        lines += texts_lines(
            "workaround", incident.workaround, translations, "workaround", "", languages
        )
    if incident.scheduled is not None:
        lines.append("scheduled:")
        lines.append(f"  start: {iso_offset(incident.scheduled.start_at)}")
        lines.append(f"  end: {iso_offset(incident.scheduled.end_at)}")
    if phases_comment:
        lines.append(f"# {phases_comment}")
    lines.append("phases:")
    for phase in incident.phases:
        lines.extend(render_phase(phase, dash_indent=2, key_indent=4, languages=languages))
    if incident.postmortem_at is not None:
        lines += ["postmortem:", f"  at: {iso_offset(incident.postmortem_at)}"]
    lines.append("---")
    text = "\n".join(lines) + "\n"
    if body := body_text(incident.body, translations, languages):
        text += "\n" + body + "\n"
    return text


def schema_reference(root: Path, folder: Path) -> str | None:
    """The site's incident schema (as `statusgen init` writes it) relative to `folder`, or
    None for a site without it."""
    schema = root / "schemas" / "incident.schema.json"
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix()


def render_phase(
    phase: Phase, dash_indent: int, key_indent: int, languages: tuple[str, ...] = ()
) -> list[str]:
    """A phase as YAML lines of a block list item (its texts in the site's `languages`)."""
    first = " " * dash_indent + "-" + " " * (key_indent - dash_indent - 1)
    rest = " " * key_indent
    lines = [f"{first}at: {iso_offset(phase.at)}", f"{rest}status: {phase.status.value}"]
    translations = phase.translations
    lines += texts_lines("message", phase.message, translations, "message", rest, languages)
    if phase.next_update_at is not None:
        lines.append(f"{rest}next_update: {iso_offset(phase.next_update_at)}")
    names = fieldregistry.text_names()
    for key, scalar in fieldregistry.written(phase, quote):
        name = names.get(key)
        if name is not None and any(name in texts for texts in translations.values()):
            lines += texts_lines(key, phase.stated[name], translations, name, rest, languages)
        else:
            lines.append(f"{rest}{key}: {scalar}")
    if phase.components:
        pairs = ", ".join(f"{cid}: {status.value}" for cid, status in phase.components.items())
        lines.append(f"{rest}components: {{{pairs}}}")
    if phase.audience is Audience.INTERNAL:
        lines.append(f"{rest}audience: internal")
    return lines


def append_phase(text: str, phase: Phase, languages: tuple[str, ...] = ()) -> str:
    """The file's text with `phase` inserted after its last phase; all else unchanged. Its
    texts are written in the site's `languages` (`render_phase`).

    Keeps a BOM and the line endings. Raises AuthoringError when the phases are not a block
    list, or when the result would change any earlier value (checked, never silent).
    """
    bom, text, split = _split(text)
    fm = split.yaml
    root = _compose(fm)
    phases = _phases_node(root)
    if phases is None or not phases.value:
        raise AuthoringError("the file has no `phases:` list; expected at least one update")
    if phases.flow_style:
        raise AuthoringError(
            "`phases:` is written inline ([...]); expected a block list of `- at:` items"
        )
    last = phases.value[-1]
    insert_at, dash_column = insertion_point(fm, last, int(phases.end_mark.index))
    newline = "\r\n" if fm[:insert_at].endswith("\r\n") else "\n"
    rendered = render_phase(phase, dash_column, int(last.start_mark.column), languages)
    block = newline.join(rendered) + newline
    _check_only_appended(fm, fm[:insert_at] + block + fm[insert_at:])
    absolute = split.start + insert_at
    return bom + text[:absolute] + block + text[absolute:]


def set_impact(text: str, impact: Impact) -> str:
    """The file's text with the incident's `impact:` set to `impact` (added before `phases:`
    when the file has none); all else unchanged (checked, never silent)."""
    bom, text, split = _split(text)
    fm = split.yaml
    root = _compose(fm)
    keys = {
        key.value: (key, value)
        for key, value in (root.value if isinstance(root, yaml.MappingNode) else [])
        if isinstance(key, yaml.ScalarNode)
    }
    if "impact" in keys:
        node = keys["impact"][1]
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        new_fm = fm[:start] + impact.value + fm[end:]
    elif "phases" in keys and keys["phases"][0].start_mark.column == 0:
        start = int(keys["phases"][0].start_mark.index)
        newline = "\r\n" if fm.endswith("\r\n") else "\n"
        new_fm = fm[:start] + f"impact: {impact.value}{newline}" + fm[start:]
    else:
        raise AuthoringError("the file has no `impact:` or `phases:` key; set the impact by hand")
    old = yaml.safe_load(fm)  # composed above: it loads
    try:
        new = yaml.safe_load(new_fm)
    except yaml.YAMLError:
        new = None
    if not isinstance(old, dict) or new != {**old, "impact": impact.value}:
        raise AuthoringError(
            "changing the impact here would change other values of the file; set it by hand"
        )
    return bom + text[: split.start] + new_fm + text[split.start + len(fm) :]


def postmortem_template(title: str, sections: list[tuple[str, str]]) -> str:
    """The postmortem's Markdown: a heading, then one section per (heading, hint), each with a
    placeholder that `check` refuses until it is replaced."""
    lines = [f"## {title}", ""]
    for heading, hint in sections:
        lines += [f"### {heading}", "", f"{PLACEHOLDER_PREFIX}: {hint}", ""]
    return "\n".join(lines)


def append_postmortem(
    text: str, at: datetime, template: str, translated: Sequence[tuple[str, str]] = ()
) -> str:
    """The file's text with `postmortem: {at: ...}` as the front matter's last key and the
    template at the end of the body (the default language's text), each of `translated`
    (language, template) at the end of its language's section; all else unchanged (checked,
    never silent)."""
    bom, text, split = _split(text)
    end = split.start + len(split.yaml)
    if not (split.yaml.endswith("\n") and text.startswith("---", end)):
        raise AuthoringError(
            "the front matter's closing `---` is not on its own line; fix it first"
        )
    newline = "\r\n" if text.endswith("\r\n") or split.yaml.endswith("\r\n") else "\n"
    record = f"postmortem:{newline}  at: {iso_utc(at)}{newline}"
    try:
        old, new = yaml.safe_load(split.yaml), yaml.safe_load(split.yaml + record)
    except yaml.YAMLError as error:
        raise AuthoringError(
            f"the front matter is not valid YAML ({error}); fix it first"
        ) from None
    if (
        not isinstance(old, dict)
        or "postmortem" in old
        or new != {**old, "postmortem": new.get("postmortem")}
    ):
        raise AuthoringError(
            "adding the postmortem here would change earlier values of the file; add it by hand"
        )
    head, body = text[:end] + record, text[end:]
    return bom + head + with_templates(body, newline, [("", template), *translated])


def _split(text: str) -> tuple[str, str, FrontMatter]:
    """A file's byte-order mark (kept as it was), its text without it, and its front matter."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text.removeprefix(bom)
    split = split_front_matter(text)
    if split is None:
        raise AuthoringError("the file has no front matter; expected `---`, YAML, `---`")
    return bom, text, split


def _compose(fm: str) -> yaml.Node | None:
    """The front matter's YAML nodes, or why they cannot be read."""
    try:
        return yaml.compose(fm, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise AuthoringError(
            f"the front matter is not valid YAML ({error}); fix it first"
        ) from None


def _phases_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "phases":
            return value if isinstance(value, yaml.SequenceNode) else None
    return None


def insertion_point(fm: str, item: yaml.Node, list_end: int) -> tuple[int, int]:
    """Where a new item goes after `item`, the last of a block list ending at `list_end`,
    and the column of the list's dashes.

    Works on the scanner's tokens, not on nodes: an alias's node has the marks of its anchor.
    """
    start, dash_column = int(item.start_mark.index), 0
    final: yaml.Token | None = None
    for token in yaml.scan(fm, Loader=yaml.SafeLoader):
        at = int(token.start_mark.index)
        if isinstance(token, yaml.BlockEntryToken) and at < start:
            dash_column = int(token.start_mark.column)
        elif start <= at < list_end and token.end_mark.index > at:
            final = token
    if final is None:
        raise AuthoringError("the last update is empty; expected `- at: ...` with its keys")
    end = int(final.end_mark.index)
    if not (isinstance(final, yaml.ScalarToken) and final.style in ("|", ">")):
        end = _next_line(fm, end)  # past a trailing comment; a block scalar ends at a line start
    while _is_comment_under(fm[end : _next_line(fm, end)], dash_column):
        end = _next_line(fm, end)
    return end, dash_column


def _next_line(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding `index`."""
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _is_comment_under(line: str, dash_column: int) -> bool:
    """True for a comment line indented under an item (deeper than its dash): it stays with it."""
    content = line.lstrip(" ")
    return content.startswith("#") and len(line) - len(content) > dash_column


def _check_only_appended(old_fm: str, new_fm: str) -> None:
    """Raise unless `new_fm` holds the same values as `old_fm` plus one more phase."""
    try:
        old, new = yaml.safe_load(old_fm), yaml.safe_load(new_fm)
    except yaml.YAMLError:
        new = None
    if not (
        isinstance(new, dict)
        and isinstance(new.get("phases"), list)
        and {**new, "phases": new["phases"][:-1]} == old
    ):
        raise AuthoringError(
            "appending here would change earlier values of the file; add this update by hand"
        )
