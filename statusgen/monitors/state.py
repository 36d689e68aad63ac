"""The probe's memory between runs, one small JSON file (`.statusgen/probe-state.json` by
default): per component, its consecutive failed and passed probes, when the failures began,
when it was last probed, and the incident the monitor opened with a digest of the file as the
monitor last wrote it (a file that differs has a person's words: the monitor leaves it alone).

Losing the file is safe: counting starts again, an open incident is still found in incidents/
(so no second one is opened), and the monitor resolves none it cannot tell it wrote alone."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from statusgen.clock import iso_utc, parse_time
from statusgen.model import StatusSite

DEFAULT_PATH = Path(".statusgen") / "probe-state.json"
VERSION = 1


class StateError(Exception):
    """The state file cannot be read; the message says why."""


@dataclass(frozen=True)
class ComponentState:
    failures: int = 0
    passes: int = 0
    first_failure: datetime | None = None
    last_probe: datetime | None = None
    #: The id of the open incident the monitor opened, and its file's digest as written.
    incident: str | None = None
    digest: str | None = None
    #: The checks pass again but a person posted on the incident: the responder resolves it.
    held: str | None = None

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("first_failure", "last_probe"):
            data[key] = iso_utc(data[key]) if data[key] else None
        return {key: value for key, value in data.items() if value not in (None, 0)}

    @classmethod
    def from_json(cls, data: object) -> ComponentState:
        if not isinstance(data, dict):
            raise StateError("a component's entry is not an object")
        fields: dict[str, object] = {}
        for key in ("failures", "passes"):
            value = data.get(key, 0)
            if not isinstance(value, int) or value < 0:
                raise StateError(f"{key} is not a count")
            fields[key] = value
        for key in ("first_failure", "last_probe"):
            if data.get(key) is not None:
                moment, reason = parse_time(str(data[key]))
                if moment is None:
                    raise StateError(f"{key} {reason}")
                fields[key] = moment
        for key in ("incident", "digest", "held"):
            if data.get(key) is not None:
                fields[key] = str(data[key])
        return cls(**fields)  # type: ignore[arg-type]

    def failed(self, now: datetime) -> ComponentState:
        return replace(
            self,
            failures=self.failures + 1,
            passes=0,
            first_failure=self.first_failure or now,
            last_probe=now,
            held=None,
        )

    def passed(self, now: datetime) -> ComponentState:
        return replace(self, failures=0, passes=self.passes + 1, first_failure=None, last_probe=now)


def digest(text: str) -> str:
    """The digest of an incident file's text, as the monitor wrote it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_state(path: Path) -> dict[str, ComponentState]:
    """The state file's entries; {} when there is none. Raises StateError when it is damaged."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StateError(f"not readable JSON ({error})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise StateError(f"expected an object with version {VERSION}")
    components = data.get("components", {})
    if not isinstance(components, dict):
        raise StateError("components is not an object")
    return {str(key): ComponentState.from_json(value) for key, value in components.items()}


def save_state(path: Path, states: dict[str, ComponentState]) -> None:
    """Write the state (sorted, so an unchanged state gives the same bytes) atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": VERSION,
        "components": {key: states[key].to_json() for key in sorted(states)},
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def held_lines(root: Path, site: StatusSite) -> list[str]:
    """For `statusgen status`: the monitor's incidents whose checks pass again but that a
    person posted on, so the responder resolves them (from the default state file)."""
    try:
        states = load_state(root / ".statusgen" / "probe-state.json")
    except StateError:
        return []
    open_ids = {i.id for i in site.incidents if not i.is_closed}
    return [
        f"monitor: {component} passes its checks again; {state.held} stays open until a "
        f"responder resolves it (statusgen resolve {state.held})"
        for component, state in sorted(states.items())
        if state.held is not None and state.held in open_ids
    ]
